--liquibase formatted sql

--changeset arbiter:007-eval-runs
create table eval_runs (
    id uuid primary key,
    org_id uuid not null references organizations (id) on delete cascade,
    suite_id uuid not null,
    suite_name varchar(200) not null,
    suite_version varchar(50) not null,
    domain varchar(100),
    models ${json} not null,
    params ${json} not null,
    prompt_template varchar(20000),
    repeats integer not null,
    concurrency integer not null,
    scoring ${json} not null,
    status varchar(20) not null,
    total integer not null,
    completed integer not null default 0,
    failed integer not null default 0,
    tokens_in bigint not null default 0,
    tokens_out bigint not null default 0,
    cost numeric(24, 10) not null default 0,
    error varchar(4000),
    created_by varchar(200),
    created_at timestamp with time zone not null,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    updated_at timestamp with time zone not null,
    constraint ck_eval_runs_status check (status in ('pending', 'running', 'completed', 'failed', 'cancelled')),
    constraint ck_eval_runs_repeats check (repeats between 1 and 100),
    constraint ck_eval_runs_concurrency check (concurrency between 1 and 512),
    constraint ck_eval_runs_counts check (total >= 0 and completed >= 0 and failed >= 0 and completed + failed <= total
        and tokens_in >= 0 and tokens_out >= 0 and cost >= 0)
);
create index ix_eval_runs_org_created on eval_runs (org_id, created_at);
create index ix_eval_runs_status on eval_runs (status);
--rollback drop table eval_runs;

--changeset arbiter:007-eval-results
create table eval_results (
    id uuid primary key,
    org_id uuid not null,
    run_id uuid not null references eval_runs (id) on delete cascade,
    model varchar(200) not null,
    agent varchar(200),
    item_id uuid not null,
    item_position integer not null,
    repeat_index integer not null,
    output varchar(1000000),
    passed boolean,
    success boolean not null,
    error_type varchar(50),
    error varchar(2000),
    latency_ms double precision,
    tokens_in integer,
    tokens_out integer,
    cost numeric(20, 10),
    finish_reason varchar(50),
    created_at timestamp with time zone not null,
    constraint uq_eval_results_item unique (run_id, model, item_id, repeat_index),
    constraint ck_eval_results_non_negative check ((latency_ms is null or latency_ms >= 0) and (tokens_in is null or tokens_in >= 0)
        and (tokens_out is null or tokens_out >= 0) and (cost is null or cost >= 0))
);
--rollback drop table eval_results;

--changeset arbiter:007-eval-scores
create table eval_scores (
    result_id uuid not null references eval_results (id) on delete cascade,
    run_id uuid not null,
    model varchar(200) not null,
    scorer varchar(100) not null,
    score double precision,
    passed boolean not null,
    detail varchar(2000),
    primary key (result_id, scorer)
);
create index ix_eval_scores_run on eval_scores (run_id, model, scorer);
--rollback drop table eval_scores;
