--liquibase formatted sql

--changeset arbiter:002-providers
create table providers (
    id uuid primary key,
    org_id uuid not null references organizations (id) on delete cascade,
    name varchar(100) not null,
    display_name varchar(200),
    website varchar(500),
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint uq_providers_org_name unique (org_id, name)
);
--rollback drop table providers;

--changeset arbiter:002-tiers
create table tiers (
    id uuid primary key,
    org_id uuid not null references organizations (id) on delete cascade,
    name varchar(50) not null,
    description varchar(1000),
    default_model varchar(200),
    context_window integer not null,
    input_per_million numeric(18, 6) not null,
    output_per_million numeric(18, 6) not null,
    supports_streaming boolean not null default true,
    active boolean not null default true,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint uq_tiers_org_name unique (org_id, name),
    constraint ck_tiers_context_window check (context_window > 0),
    constraint ck_tiers_prices check (input_per_million >= 0 and output_per_million >= 0)
);
--rollback drop table tiers;

--changeset arbiter:002-models
create table models (
    id uuid primary key,
    org_id uuid not null references organizations (id) on delete cascade,
    name varchar(200) not null,
    provider_id uuid references providers (id),
    display_name varchar(200),
    description varchar(4000),
    tier varchar(50),
    context_window integer,
    capabilities ${json},
    status varchar(20) not null default 'active',
    version varchar(100),
    parent_model_id uuid references models (id) on delete set null,
    is_reference boolean not null default false,
    tags ${json},
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint uq_models_org_name unique (org_id, name),
    constraint ck_models_status check (status in ('active', 'experimental', 'deprecated', 'archived')),
    constraint ck_models_context_window check (context_window is null or context_window > 0)
);
create index ix_models_org_status on models (org_id, status);
--rollback drop table models;

--changeset arbiter:002-model-prices
create table model_prices (
    id uuid primary key,
    org_id uuid not null,
    model_id uuid not null references models (id) on delete cascade,
    input_per_million numeric(18, 6) not null,
    output_per_million numeric(18, 6) not null,
    effective_from timestamp with time zone not null,
    effective_to timestamp with time zone,
    created_at timestamp with time zone not null,
    constraint ck_model_prices_non_negative check (input_per_million >= 0 and output_per_million >= 0),
    constraint ck_model_prices_period check (effective_to is null or effective_to > effective_from)
);
create index ix_model_prices_model_from on model_prices (model_id, effective_from);
--rollback drop table model_prices;

--changeset arbiter:002-current-model-prices-view
create view current_model_prices as
select p.id, p.org_id, p.model_id, p.input_per_million, p.output_per_million, p.effective_from, p.effective_to
from model_prices p
where p.effective_from <= current_timestamp
  and (p.effective_to is null or p.effective_to > current_timestamp);
--rollback drop view current_model_prices;

--changeset arbiter:002-model-params
create table model_params (
    id uuid primary key,
    org_id uuid not null,
    model_id uuid not null references models (id) on delete cascade,
    params ${json} not null,
    effective_from timestamp with time zone not null,
    effective_to timestamp with time zone,
    created_at timestamp with time zone not null,
    constraint ck_model_params_period check (effective_to is null or effective_to > effective_from)
);
create index ix_model_params_model_from on model_params (model_id, effective_from);
--rollback drop table model_params;

--changeset arbiter:002-agents
create table agents (
    id uuid primary key,
    org_id uuid not null references organizations (id) on delete cascade,
    name varchar(200) not null,
    base_url varchar(1000) not null,
    api_type varchar(20) not null,
    api_key_encrypted varchar(2000),
    gpu_memory_gb numeric(10, 2),
    max_concurrency integer,
    max_context integer,
    features ${json},
    status varchar(20) not null default 'active',
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint uq_agents_org_name unique (org_id, name),
    constraint ck_agents_api_type check (api_type in ('openai', 'anthropic')),
    constraint ck_agents_status check (status in ('active', 'inactive', 'draining')),
    constraint ck_agents_capacity check ((gpu_memory_gb is null or gpu_memory_gb >= 0)
        and (max_concurrency is null or max_concurrency > 0) and (max_context is null or max_context > 0))
);
--rollback drop table agents;

--changeset arbiter:002-assignments
create table assignments (
    id uuid primary key,
    org_id uuid not null,
    agent_id uuid not null references agents (id) on delete cascade,
    model_id uuid not null references models (id) on delete cascade,
    upstream_model varchar(200) not null,
    match_score integer not null default 0,
    status varchar(20) not null default 'ACTIVE',
    method varchar(20) not null default 'MANUAL',
    weight numeric(10, 4) not null default 1,
    request_count bigint not null default 0,
    success_count bigint not null default 0,
    avg_latency_ms double precision,
    last_used_at timestamp with time zone,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint uq_assignments_agent_model unique (agent_id, model_id),
    constraint ck_assignments_match_score check (match_score between 0 and 100),
    constraint ck_assignments_status check (status in ('ACTIVE', 'INACTIVE', 'TESTING', 'OVERRIDDEN')),
    constraint ck_assignments_method check (method in ('AUTO', 'MANUAL', 'FALLBACK')),
    constraint ck_assignments_weight check (weight >= 0),
    constraint ck_assignments_counts check (request_count >= 0 and success_count >= 0 and success_count <= request_count)
);
create index ix_assignments_org_model on assignments (org_id, model_id);
create index ix_assignments_org_status on assignments (org_id, status);
--rollback drop table assignments;
