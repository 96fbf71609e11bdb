-- What keeps a model's forecasts plausible: the statistical model a forecast falls back to when the model's own
-- leaves the range its training data had (null: seasonal naive), and that range (null for models from before).
ALTER TABLE model_version ADD COLUMN fallback_spec VARCHAR(2000);
ALTER TABLE model_version ADD COLUMN value_min DOUBLE PRECISION;
ALTER TABLE model_version ADD COLUMN value_max DOUBLE PRECISION;
-- a combination's name, e.g. COMBINATION(ETS(MAdM),THETA,SEASONAL_NAIVE), is longer than a cell's
ALTER TABLE model_version ALTER COLUMN architecture SET DATA TYPE VARCHAR(128);
