-- Why a QUEUED job has not started yet (GPU memory admission: not enough free beside the running jobs); cleared when
-- it starts.
ALTER TABLE training_job ADD COLUMN waiting_for VARCHAR(2000);
