package dev.tsforge.training.web;

import dev.tsforge.model.web.SpecView;
import dev.tsforge.training.JobStatus;
import dev.tsforge.training.TrainingJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A job as the API shows it, with its timing: elapsed time, and while it runs an estimate of the time left from
 * the mean epoch time so far (an upper bound when early stopping may end it sooner). A global model's training has
 * no {@code seriesId}: {@code collection} and {@code labels} say which members it trains on.
 */
record TrainingJobResponse(long id, Long seriesId, String collection, List<String> labels, JobStatus status,
        SpecView spec, int epoch, int epochs,
        Double lastLoss, Double validationLoss, boolean cancelRequested, Long elapsedMillis, Long estimatedMillisLeft,
        String stopReason, String outcome, String errorMessage, Long modelId, String runnerInstance,
        Long parentModelId, String waitingFor, Instant createdAt,
        Instant startedAt, Instant finishedAt) {

    static TrainingJobResponse of(TrainingJob job, Instant now) {
        return of(job, now, null);
    }

    /** @param collection the name of a global training's collection (null for a series' training, or once deleted) */
    static TrainingJobResponse of(TrainingJob job, Instant now, String collection) {
        Long elapsed = job.startedAt() == null ? null
                : Duration.between(job.startedAt(), job.finishedAt() == null ? now : job.finishedAt()).toMillis();
        Long left = job.status() == JobStatus.RUNNING && job.epoch() > 0 && elapsed != null
                ? elapsed / job.epoch() * (job.spec().epochs() - job.epoch())
                : null;
        List<String> labels = !job.global() ? null
                : job.labelSelection() == null ? List.of() : List.of(job.labelSelection().split("\n"));
        return new TrainingJobResponse(job.id(), job.global() ? null : job.seriesId(), collection, labels,
                job.status(), SpecView.of(job.spec()), job.epoch(),
                job.spec().epochs(), job.lastLoss(), job.validationLoss(), job.cancelRequested(), elapsed, left,
                job.stopReason(), job.outcome(), job.errorMessage(), job.modelId(), job.runnerInstance(),
                job.parentModelId(), job.waitingFor(), job.createdAt(), job.startedAt(), job.finishedAt());
    }
}
