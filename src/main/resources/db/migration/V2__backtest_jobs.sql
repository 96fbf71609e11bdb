-- Backtests that refit a model at every fold run on the training queue, as jobs of their own kind: they share the
-- queue's bound, its workers (the same cores), cancellation and hand-back on shutdown.
ALTER TABLE training_job ADD COLUMN kind VARCHAR(16) DEFAULT 'TRAINING' NOT NULL;
-- BACKTEST: its settings (folds, horizon, step, levels, the model whose spec it refits) and, once done, the result
ALTER TABLE training_job ADD COLUMN backtest_settings VARCHAR(4000);
ALTER TABLE training_job ADD COLUMN backtest_result VARCHAR(1000000);
CREATE INDEX ix_training_job_series_kind ON training_job (series_id, kind);
