package dev.tsforge.training;

/** QUEUED → RUNNING → SUCCEEDED | FAILED. A job never leaves a final state. */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED;

    public boolean isActive() {
        return this == QUEUED || this == RUNNING;
    }
}
