package dev.tsforge.training;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.model.EpochListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Decides, at the end of every epoch of a running job, whether its fit goes on: it stops on shutdown (the job is
 * handed back), on a cancel request, and past {@code tsforge.limits.max-training-seconds} (the job fails). It also
 * records the loss curve when asked.
 */
@Component
class EpochGuard {

    private final TrainingJobRepository jobs;
    private final int maxTrainingSeconds;
    private final TrainingMetrics metrics;
    private volatile boolean stopping;

    EpochGuard(TrainingJobRepository jobs, TsforgeProperties properties, TrainingMetrics metrics) {
        this.jobs = jobs;
        this.metrics = metrics;
        this.maxTrainingSeconds = properties.limits().maxTrainingSeconds();
    }

    /**
     * Set when the application context starts closing, while the database is still open: the running fit stops
     * at its next epoch and the job is handed back (QUEUED again) for JobRunr to run again, on another replica or
     * after the restart. A flag rather than a thread interrupt, which would close the database's file channels.
     */
    @EventListener(ContextClosedEvent.class)
    void stopTraining() {
        stopping = true;
    }

    /** Whether the service is shutting down: a job not yet started waits for the next run. */
    boolean stopping() {
        return stopping;
    }

    /**
     * A listener for one run of {@code job}, its time limit counted from now.
     *
     * @throws JobHandedBackException from the listener on shutdown
     * @throws JobCancelledException from the listener once a cancel was requested
     * @throws IllegalStateException from the listener past the time limit
     */
    EpochListener listener(TrainingJob job, boolean recordEpochs) {
        long started = System.nanoTime();
        long[] epochStarted = {started};
        return (epoch, loss, validation) -> {
            long now = System.nanoTime();
            metrics.epoch(job, now - epochStarted[0]);
            epochStarted[0] = now;
            if (stopping) {
                throw new JobHandedBackException("the service shut down during epoch " + (epoch + 1));
            }
            if (recordEpochs) {
                jobs.recordEpoch(job.id(), new EpochLoss(epoch, loss, validation,
                        (System.nanoTime() - started) / 1_000_000));
            }
            if (jobs.cancelRequested(job.id())) {
                throw new JobCancelledException("cancelled by request after epoch " + epoch);
            }
            if (System.nanoTime() - started > maxTrainingSeconds * 1_000_000_000L) {
                throw new JobTimeLimitException("Training exceeded tsforge.limits.max-training-seconds ("
                        + maxTrainingSeconds + " s) after epoch " + epoch + "; ask for fewer epochs or a smaller network");
            }
        };
    }
}
