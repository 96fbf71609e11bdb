-- Portable SQL (H2 and PostgreSQL). JSON documents and reports whose size grows with what a user declares (the
-- covariates a model reads and their measured effects, AUTO's candidates, a collection's members) lose their
-- lengths: a bound a model or job could outgrow after its training had run failed the job at the insert, or cut the
-- end off AUTO's outcome, where it says what was served. Widening keeps every stored value.
ALTER TABLE model_version ALTER COLUMN spec SET DATA TYPE VARCHAR;
ALTER TABLE model_version ALTER COLUMN fallback_spec SET DATA TYPE VARCHAR;
ALTER TABLE model_version ALTER COLUMN evaluation SET DATA TYPE VARCHAR;
ALTER TABLE model_version ALTER COLUMN panel_evaluation SET DATA TYPE VARCHAR;
ALTER TABLE model_member ALTER COLUMN evaluation SET DATA TYPE VARCHAR;
ALTER TABLE training_job ALTER COLUMN spec SET DATA TYPE VARCHAR;
ALTER TABLE training_job ALTER COLUMN outcome SET DATA TYPE VARCHAR;
ALTER TABLE collection_run ALTER COLUMN spec SET DATA TYPE VARCHAR;
