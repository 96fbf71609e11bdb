package dev.tsforge.training.web;

import dev.tsforge.model.web.SpecView;
import dev.tsforge.training.JobStatus;
import dev.tsforge.training.TrainingJob;
import java.time.Duration;
import java.time.Instant;

/**
 * A job as the API shows it, with its timing: elapsed time, and while it runs an estimate of the time left from
 * the mean epoch time so far (an upper bound when early stopping may end it sooner).
 */
record TrainingJobResponse(long id, long seriesId, JobStatus status, SpecView spec, int epoch, int epochs,
        Double lastLoss, Double validationLoss, boolean cancelRequested, Long elapsedMillis, Long estimatedMillisLeft,
        String stopReason, String outcome, String errorMessage, Long modelId, String runnerInstance,
        Long parentModelId, String waitingFor, Instant createdAt,
        Instant startedAt, Instant finishedAt) {

    static TrainingJobResponse of(TrainingJob job, Instant now) {
        Long elapsed = job.startedAt() == null ? null
                : Duration.between(job.startedAt(), job.finishedAt() == null ? now : job.finishedAt()).toMillis();
        Long left = job.status() == JobStatus.RUNNING && job.epoch() > 0 && elapsed != null
                ? elapsed / job.epoch() * (job.spec().epochs() - job.epoch())
                : null;
        return new TrainingJobResponse(job.id(), job.seriesId(), job.status(), SpecView.of(job.spec()), job.epoch(),
                job.spec().epochs(), job.lastLoss(), job.validationLoss(), job.cancelRequested(), elapsed, left,
                job.stopReason(), job.outcome(), job.errorMessage(), job.modelId(), job.runnerInstance(),
                job.parentModelId(), job.waitingFor(), job.createdAt(), job.startedAt(), job.finishedAt());
    }
}
