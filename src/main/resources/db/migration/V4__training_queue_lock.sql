-- The training queue's admission lock: a submission locks this one row (SELECT ... FOR UPDATE) in the short
-- transaction that counts the active jobs and inserts its own, so that replicas admit jobs one at a time and the
-- queue's bound (tsforge.training.concurrency + queue-capacity) holds across them. See TrainingService.
CREATE TABLE training_queue_lock (
    id INT NOT NULL PRIMARY KEY,
    CONSTRAINT ck_training_queue_lock_one_row CHECK (id = 1)
);
INSERT INTO training_queue_lock (id) VALUES (1);
