package dev.tsforge.training;

/** QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED (QUEUED may go straight to CANCELLED or FAILED). */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
