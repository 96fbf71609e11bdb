package dev.tsforge.training;

import java.time.Instant;

/** Published when a job's final state is written, after that commit, for whoever reports on jobs (webhooks). */
public final class TrainingEvents {

    private TrainingEvents() {
    }

    /**
     * A job became SUCCEEDED, FAILED or CANCELLED.
     *
     * @param modelId the model a training registered, else null
     * @param message what the job row says about its end: the outcome, the error or the reason it stopped
     */
    public record JobEnded(long jobId, long seriesId, JobKind kind, JobStatus status, Long modelId, String message,
            Instant finishedAt) {

        static JobEnded of(TrainingJob job) {
            String message = switch (job.status()) {
                case FAILED -> job.errorMessage();
                case CANCELLED -> job.stopReason();
                default -> job.outcome();
            };
            return new JobEnded(job.id(), job.seriesId(), job.kind(), job.status(), job.modelId(), message,
                    job.finishedAt());
        }
    }
}
