--liquibase formatted sql

--changeset arbiter:009-routes
-- A named routing policy: `model: "<route name>"` in a chat completion uses it.
create table routes (
    id uuid primary key,
    org_id uuid not null references organizations (id) on delete cascade,
    name varchar(100) not null,
    strategy varchar(20) not null,
    weights ${json},
    candidates ${json},
    constraints ${json},
    fallbacks ${json},
    description varchar(2000),
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint uq_routes_org_name unique (org_id, name),
    constraint ck_routes_strategy check (strategy in ('quality', 'speed', 'cost', 'balanced'))
);
--rollback drop table routes;

--changeset arbiter:009-routing-decisions
-- Seed 004's routing_decisions and seed 003's model selection log: one row per gateway request.
create table routing_decisions (
    id uuid primary key,
    org_id uuid not null,
    request_id varchar(200),
    created_at timestamp with time zone not null,
    requested_model varchar(200) not null,
    route varchar(100),
    strategy varchar(20) not null,
    domain varchar(100),
    domain_source varchar(20),
    domain_confidence double precision,
    chosen_model varchar(200),
    chosen_agent varchar(200),
    assignment_id uuid,
    candidates ${json} not null,
    attempts ${json} not null,
    explanation varchar(2000),
    fallback boolean not null,
    fallback_reason varchar(2000),
    estimated_cost numeric(20, 10),
    actual_cost numeric(20, 10),
    latency_ms double precision,
    success boolean not null,
    error varchar(2000),
    stream boolean not null,
    api_key_id uuid,
    feedback_rating integer,
    feedback_accepted boolean,
    feedback_correct boolean,
    feedback_comment varchar(4000),
    feedback_at timestamp with time zone,
    constraint ck_routing_decisions_rating check (feedback_rating is null or feedback_rating between 1 and 5),
    constraint ck_routing_decisions_costs check ((estimated_cost is null or estimated_cost >= 0) and (actual_cost is null or actual_cost >= 0)
        and (latency_ms is null or latency_ms >= 0))
);
create index ix_routing_decisions_org_time on routing_decisions (org_id, created_at);
--rollback drop table routing_decisions;
