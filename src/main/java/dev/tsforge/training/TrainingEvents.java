package dev.tsforge.training;

import java.time.Instant;

/** Published when a job's final state is written, after that commit, for whoever reports on jobs (webhooks). */
public final class TrainingEvents {

    private TrainingEvents() {
    }

    /**
     * A job became SUCCEEDED, FAILED or CANCELLED.
     *
     * @param seriesId     the series it trained on; null for a job over a collection (a global model)
     * @param collectionId the collection a global model's job trained on, else null
     * @param modelId      the model a training registered, else null
     * @param message what the job row says about its end: the outcome, the error or the reason it stopped
     */
    public record JobEnded(long jobId, Long seriesId, Long collectionId, JobKind kind, JobStatus status, Long modelId,
            String message, Instant finishedAt) {

        static JobEnded of(TrainingJob job) {
            String message = switch (job.status()) {
                case FAILED -> job.errorMessage();
                case CANCELLED -> job.stopReason();
                default -> job.outcome();
            };
            return new JobEnded(job.id(), job.collectionId() == null ? job.seriesId() : null, job.collectionId(),
                    job.kind(), job.status(), job.modelId(), message, job.finishedAt());
        }
    }
}
