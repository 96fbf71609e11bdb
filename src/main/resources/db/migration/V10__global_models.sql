-- Portable SQL (H2 and PostgreSQL): one network trained across the members of a collection (issue #19).
-- A job or a model belongs to one series or to one collection, never both: series_id becomes nullable and
-- collection_id names the collection. The alternative, a separate table of global models, would need a second
-- champion target, a second artifact owner and a second forecast path; a series' champion alias may point to a
-- global model as it points to a local one.
ALTER TABLE training_job ALTER COLUMN series_id DROP NOT NULL;
ALTER TABLE training_job ADD COLUMN collection_id BIGINT REFERENCES series_collection (id) ON DELETE CASCADE;
-- the members it was asked for: label=key:value filters, comma-separated (null: every member)
ALTER TABLE training_job ADD COLUMN label_selection VARCHAR(1000);
ALTER TABLE training_job ADD CONSTRAINT ck_training_job_subject
    CHECK ((series_id IS NULL AND collection_id IS NOT NULL) OR (series_id IS NOT NULL AND collection_id IS NULL));
CREATE INDEX ix_training_job_collection ON training_job (collection_id, id);

ALTER TABLE model_version ALTER COLUMN series_id DROP NOT NULL;
ALTER TABLE model_version ADD COLUMN collection_id BIGINT REFERENCES series_collection (id) ON DELETE CASCADE;
ALTER TABLE model_version ADD COLUMN label_selection VARCHAR(1000);
-- a global model's measures over its members (JSON): mean MASE and sMAPE beside the baselines', OWA
ALTER TABLE model_version ADD COLUMN panel_evaluation VARCHAR(4000);
ALTER TABLE model_version ADD CONSTRAINT ck_model_version_subject
    CHECK ((series_id IS NULL AND collection_id IS NOT NULL) OR (series_id IS NOT NULL AND collection_id IS NULL));
CREATE INDEX ix_model_version_collection ON model_version (collection_id, id);

-- a global model on each member's holdout, and whether it became that member's champion and why
CREATE TABLE model_member (
    model_id   BIGINT        NOT NULL REFERENCES model_version (id) ON DELETE CASCADE,
    series_id  BIGINT        NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    evaluation VARCHAR(4000) NOT NULL,
    promoted   BOOLEAN       NOT NULL,
    reason     VARCHAR(2000) NOT NULL,
    PRIMARY KEY (model_id, series_id)
);
CREATE INDEX ix_model_member_series ON model_member (series_id);
