--liquibase formatted sql

--changeset arbiter:005-metric-event-seq
create sequence metric_event_seq start with 1 increment by 1;
--rollback drop sequence metric_event_seq;

--changeset arbiter:005-metric-event-ids
-- One row per accepted event id: the idempotency key, global across the monthly partitions of metric_events.
create table metric_event_ids (
    org_id uuid not null,
    event_id uuid not null,
    occurred_at timestamp with time zone not null,
    primary key (org_id, event_id)
);
create index ix_metric_event_ids_occurred on metric_event_ids (occurred_at);
--rollback drop table metric_event_ids;

--changeset arbiter:005-metric-events
-- One table on H2; on PostgreSQL partitioned by month of occurred_at (partitions are created ahead by PartitionMaintenance).
create table metric_events (
    seq bigint not null default ${next_event_seq},
    org_id uuid not null,
    event_id uuid not null,
    occurred_at timestamp with time zone not null,
    received_at timestamp with time zone not null,
    model varchar(200) not null,
    agent varchar(200),
    domain varchar(100),
    source varchar(10) not null,
    request_id varchar(200),
    correlation_id varchar(200),
    session_id varchar(200),
    latency_ms double precision,
    ttft_ms double precision,
    tokens_in integer,
    tokens_out integer,
    cost numeric(20, 10),
    success boolean not null,
    error_type varchar(200),
    finish_reason varchar(50),
    truncated boolean,
    confidence double precision,
    item_id varchar(200),
    correct boolean,
    api_key_id uuid,
    user_ref varchar(200),
    tier varchar(50),
    metadata ${json},
    constraint ck_metric_events_source check (source in ('gateway', 'eval', 'import', 'otlp', 'api')),
    constraint ck_metric_events_non_negative check ((latency_ms is null or latency_ms >= 0) and (ttft_ms is null or ttft_ms >= 0)
        and (tokens_in is null or tokens_in >= 0) and (tokens_out is null or tokens_out >= 0) and (cost is null or cost >= 0)),
    constraint ck_metric_events_confidence check (confidence is null or (confidence >= 0 and confidence <= 1))
) ${events_partitioning};
create index ix_metric_events_seq on metric_events (seq);
create index ix_metric_events_org_time on metric_events (org_id, occurred_at);
--rollback drop table metric_events;

--changeset arbiter:005-metric-events-default-partition dbms:postgresql
-- Catches events outside the monthly partitions that exist.
create table metric_events_default partition of metric_events default;
--rollback drop table metric_events_default;
