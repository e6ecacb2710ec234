--liquibase formatted sql

--changeset arbiter:001-organizations
create table organizations (
    id uuid primary key,
    name varchar(200) not null,
    created_at timestamp with time zone not null,
    constraint uq_organizations_name unique (name)
);
--rollback drop table organizations;

--changeset arbiter:001-users
create table users (
    id uuid primary key,
    username varchar(100) not null,
    email varchar(320) not null,
    password_hash varchar(100) not null,
    active boolean not null default true,
    last_login_at timestamp with time zone,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint uq_users_username unique (username),
    constraint uq_users_email unique (email)
);
--rollback drop table users;

--changeset arbiter:001-memberships
create table memberships (
    org_id uuid not null references organizations (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    role varchar(20) not null,
    created_at timestamp with time zone not null,
    primary key (org_id, user_id),
    constraint ck_memberships_role check (role in ('owner', 'admin', 'member', 'viewer'))
);
--rollback drop table memberships;

--changeset arbiter:001-api-keys
create table api_keys (
    id uuid primary key,
    org_id uuid not null references organizations (id) on delete cascade,
    user_id uuid references users (id) on delete set null,
    name varchar(200) not null,
    prefix varchar(20) not null,
    key_hash varchar(64) not null,
    role varchar(20) not null,
    budget_usd numeric(18, 6),
    budget_period varchar(10),
    expires_at timestamp with time zone,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone,
    created_at timestamp with time zone not null,
    constraint uq_api_keys_hash unique (key_hash),
    constraint ck_api_keys_role check (role in ('owner', 'admin', 'member', 'viewer')),
    constraint ck_api_keys_budget check (budget_usd is null or budget_usd >= 0),
    constraint ck_api_keys_budget_period check (budget_period is null or budget_period in ('day', 'month'))
);
create index ix_api_keys_org on api_keys (org_id, created_at);
--rollback drop table api_keys;

--changeset arbiter:001-audit-log
create table audit_log (
    id uuid primary key,
    org_id uuid not null,
    actor varchar(200) not null,
    action varchar(20) not null,
    entity_type varchar(50) not null,
    entity_id varchar(100),
    before_json ${json},
    after_json ${json},
    created_at timestamp with time zone not null,
    constraint ck_audit_log_action check (action in ('create', 'update', 'delete'))
);
create index ix_audit_log_org_time on audit_log (org_id, created_at);
create index ix_audit_log_entity on audit_log (org_id, entity_type, entity_id);
--rollback drop table audit_log;

--changeset arbiter:001-audit-log-append-only dbms:postgresql splitStatements:false
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end;
$$;
create trigger tr_audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_append_only();
--rollback drop trigger tr_audit_log_append_only on audit_log;
--rollback drop function audit_log_append_only();
