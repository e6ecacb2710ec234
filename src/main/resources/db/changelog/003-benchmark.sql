--liquibase formatted sql

--changeset arbiter:003-domains
create table domains (
    id uuid primary key,
    org_id uuid not null references organizations (id) on delete cascade,
    slug varchar(50) not null,
    name varchar(200) not null,
    description varchar(4000),
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint uq_domains_org_slug unique (org_id, slug),
    constraint uq_domains_org_name unique (org_id, name),
    constraint ck_domains_slug check (slug = lower(slug))
);
--rollback drop table domains;
