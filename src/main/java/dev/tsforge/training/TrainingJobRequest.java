package dev.tsforge.training;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * What JobRunr stores for a training job: only our job's id (the spec and state live in {@code training_job}).
 * Public because JobRunr serialises it and instantiates its handler by reflection.
 */
public record TrainingJobRequest(long trainingJobId) implements JobRequest {

    @Override
    public Class<TrainingJobRequestHandler> getJobRequestHandler() {
        return TrainingJobRequestHandler.class;
    }

    /** The JobRunr id of a training job: derived, so enqueueing twice is harmless and a cancel can find it. */
    UUID jobRunrId() {
        return UUID.nameUUIDFromBytes(("tsforge-training-job-" + trainingJobId).getBytes(StandardCharsets.UTF_8));
    }
}
