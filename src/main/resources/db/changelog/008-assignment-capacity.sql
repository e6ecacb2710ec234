--liquibase formatted sql

--changeset arbiter:008-models-min-gpu-memory
alter table models add column min_gpu_memory_gb numeric(10, 2);
alter table models add constraint ck_models_min_gpu_memory check (min_gpu_memory_gb is null or min_gpu_memory_gb >= 0);
--rollback alter table models drop constraint ck_models_min_gpu_memory;
--rollback alter table models drop column min_gpu_memory_gb;

--changeset arbiter:008-agents-max-models
alter table agents add column max_models integer;
alter table agents add constraint ck_agents_max_models check (max_models is null or max_models > 0);
--rollback alter table agents drop constraint ck_agents_max_models;
--rollback alter table agents drop column max_models;
