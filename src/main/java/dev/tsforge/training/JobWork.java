package dev.tsforge.training;

import dev.tsforge.model.EpochListener;

/**
 * The work of a job kind other than {@link JobKind#TRAINING} that runs on the training queue (a refitting backtest):
 * the feature that owns the kind implements it, and {@code TrainingRunner} calls it for a job it has started. The
 * runner keeps the job's life cycle: it started the job, and it marks it SUCCEEDED, CANCELLED, FAILED or hands it
 * back from what {@link #run} returns or throws. The work never changes a job's status itself.
 */
public interface JobWork {

    /** The kind of job this work does; one implementation per kind. */
    JobKind kind();

    /**
     * Does the work of a RUNNING job, outside any transaction.
     *
     * @param listener to pass to every fit: it throws at the end of an epoch when the job must stop (cancel,
     *                 shutdown, time limit), and the runner records the job's state from that exception
     * @return what the work found, recorded in the short transaction that marks the job SUCCEEDED
     */
    Result run(TrainingJob job, EpochListener listener);

    /**
     * Whether an exception from a fit ends the whole job (a cancel, a shutdown, the time limit) rather than the one
     * fit: work that fits many models and carries on past a failing one must pass these on.
     */
    static boolean endsTheJob(RuntimeException e) {
        return e instanceof JobCancelledException || e instanceof JobHandedBackException
                || e instanceof JobTimeLimitException;
    }

    /** Writes a finished job's result; runs within the transaction that marks the job SUCCEEDED. */
    @FunctionalInterface
    interface Result {
        void record();
    }
}
