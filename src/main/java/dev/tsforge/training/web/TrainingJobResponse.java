package dev.tsforge.training.web;

import dev.tsforge.model.NetworkSpec;
import dev.tsforge.training.JobStatus;
import dev.tsforge.training.TrainingJob;
import java.time.Instant;

record TrainingJobResponse(long id, long seriesId, JobStatus status, NetworkSpec spec, int epoch, int epochs,
        Double lastLoss, String errorMessage, Long modelId, Instant createdAt, Instant startedAt,
        Instant finishedAt) {

    static TrainingJobResponse of(TrainingJob job) {
        return new TrainingJobResponse(job.id(), job.seriesId(), job.status(), job.spec(), job.epoch(),
                job.spec().epochs(), job.lastLoss(), job.errorMessage(), job.modelId(), job.createdAt(),
                job.startedAt(), job.finishedAt());
    }
}
