--liquibase formatted sql

--changeset arbiter:010-key-spend
-- What each budgeted API key has spent, and holds reserved for calls in flight, per day or month (UTC).
create table key_spend (
    api_key_id uuid not null references api_keys (id) on delete cascade,
    period_start date not null,
    spent_usd numeric(20, 10) not null default 0,
    reserved_usd numeric(20, 10) not null default 0,
    constraint pk_key_spend primary key (api_key_id, period_start),
    constraint ck_key_spend_amounts check (spent_usd >= 0 and reserved_usd >= 0)
);
--rollback drop table key_spend;

--changeset arbiter:010-route-exploration
-- The share of requests for which a quality route samples accuracies (Thompson sampling).
alter table routes add column exploration double precision;
alter table routes add constraint ck_routes_exploration check (exploration is null or (exploration >= 0 and exploration <= 1));
--rollback alter table routes drop constraint ck_routes_exploration;
--rollback alter table routes drop column exploration;
