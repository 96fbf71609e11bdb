package dev.tsforge.training;

/**
 * A job's state, and the one table of the steps it may take:
 * <pre>
 * QUEUED  ─► RUNNING ─► SUCCEEDED | FAILED | CANCELLED
 *   │          │ ▲
 *   │          └─┘  RUNNING again: a run that died with its replica is started afresh
 *   │          └──► QUEUED: handed back on shutdown, for JobRunr to run again
 *   └─► CANCELLED | FAILED  (cancelled before it started; failed before its first epoch)
 * </pre>
 * A final state is left only by deleting the row.
 */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** Whether a job in this state may move to {@code next}. */
    public boolean canMoveTo(JobStatus next) {
        switch (this) {
            case QUEUED:
                return next == RUNNING || next == CANCELLED || next == FAILED;
            case RUNNING:
                return next == RUNNING || next == QUEUED || next.isFinal();
            default:
                return false;
        }
    }
}
