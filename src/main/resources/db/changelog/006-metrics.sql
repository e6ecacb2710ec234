--liquibase formatted sql

--changeset arbiter:006-metric-rollups
-- Mergeable aggregates per organization x model x domain x bucket; granularity 'h' (hour) or 'd' (day).
-- domain is '' for events without one. latency_sketch is a DDSketch (1% relative accuracy), serialized.
create table metric_rollups (
    org_id uuid not null,
    granularity char(1) not null,
    bucket timestamp with time zone not null,
    model varchar(200) not null,
    domain varchar(100) not null,
    calls bigint not null,
    successes bigint not null,
    benchmark_calls bigint not null,
    correct bigint not null,
    truncated bigint not null,
    latency_count bigint not null,
    latency_sum double precision not null,
    latency_sumsq double precision not null,
    ttft_count bigint not null,
    ttft_sum double precision not null,
    tokens_in bigint not null,
    tokens_out bigint not null,
    tokens_sumsq double precision not null,
    cost_sum numeric(24, 10) not null,
    cost_sumsq double precision not null,
    confidence_count bigint not null,
    confidence_sum double precision not null,
    confidence_sumsq double precision not null,
    latency_sketch ${bytes},
    last_event_at timestamp with time zone not null,
    primary key (org_id, granularity, bucket, model, domain),
    constraint ck_metric_rollups_granularity check (granularity in ('h', 'd')),
    constraint ck_metric_rollups_counts check (calls >= 0 and successes >= 0 and successes <= calls and benchmark_calls >= 0
        and correct >= 0 and correct <= benchmark_calls and cost_sum >= 0)
);
create index ix_metric_rollups_org_model on metric_rollups (org_id, granularity, model, domain, bucket);
--rollback drop table metric_rollups;

--changeset arbiter:006-cost-rollups
-- Calls, tokens and cost per organization x day x model x tier x agent x API key ('' when unknown).
create table cost_rollups (
    org_id uuid not null,
    day_bucket timestamp with time zone not null,
    model varchar(200) not null,
    tier varchar(50) not null,
    agent varchar(200) not null,
    api_key varchar(36) not null,
    calls bigint not null,
    tokens_in bigint not null,
    tokens_out bigint not null,
    cost_sum numeric(24, 10) not null,
    primary key (org_id, day_bucket, model, tier, agent, api_key),
    constraint ck_cost_rollups_non_negative check (calls >= 0 and tokens_in >= 0 and tokens_out >= 0 and cost_sum >= 0)
);
--rollback drop table cost_rollups;

--changeset arbiter:006-aggregation-watermarks
-- How far the aggregator has folded metric_events (by seq); advanced in the same transaction as the rollups.
create table aggregation_watermarks (
    name varchar(50) primary key,
    last_seq bigint not null,
    updated_at timestamp with time zone not null
);
insert into aggregation_watermarks (name, last_seq, updated_at) values ('rollups', 0, current_timestamp);
--rollback drop table aggregation_watermarks;
