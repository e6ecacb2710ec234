--liquibase formatted sql

--changeset arbiter:004-suites
create table suites (
    id uuid primary key,
    org_id uuid not null references organizations (id) on delete cascade,
    name varchar(200) not null,
    version varchar(50) not null,
    domain_id uuid not null references domains (id),
    description varchar(4000),
    scoring ${json} not null,
    kind varchar(20) not null default 'custom',
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint uq_suites_org_name_version unique (org_id, name, version),
    constraint ck_suites_kind check (kind in ('standard', 'custom'))
);
create index ix_suites_org_domain on suites (org_id, domain_id);
--rollback drop table suites;

--changeset arbiter:004-suite-items
-- prompt_sha256: SHA-256 (hex) of the normalised prompt, or of the canonical JSON of the messages
create table suite_items (
    id uuid primary key,
    org_id uuid not null,
    suite_id uuid not null references suites (id) on delete cascade,
    position integer not null,
    prompt varchar(1000000),
    messages ${json},
    expected ${json} not null,
    difficulty integer,
    tags ${json} not null,
    metadata ${json} not null,
    prompt_sha256 char(64) not null,
    created_at timestamp with time zone not null,
    -- a suite holds each prompt once; the hash leads so that looking up a batch of hashes is an index search on H2 too
    constraint uq_suite_items_hash unique (prompt_sha256, suite_id),
    constraint uq_suite_items_suite_position unique (suite_id, position),
    constraint ck_suite_items_difficulty check (difficulty is null or difficulty between 1 and 5),
    constraint ck_suite_items_prompt check ((prompt is not null and messages is null) or (prompt is null and messages is not null)),
    constraint ck_suite_items_position check (position > 0)
);
--rollback drop table suite_items;
