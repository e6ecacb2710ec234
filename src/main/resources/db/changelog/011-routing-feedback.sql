--liquibase formatted sql

--changeset arbiter:011-routes-verifier
-- Seed 000's Verifier: a route may name a judge model and the share of its answers the judge grades,
-- as {"model": "<judge model name>", "rate": 0.1}; null when answers are not verified.
alter table routes add column verifier ${json};
--rollback alter table routes drop column verifier;
