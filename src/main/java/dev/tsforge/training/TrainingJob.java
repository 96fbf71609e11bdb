package dev.tsforge.training;

import dev.tsforge.model.NetworkSpec;
import java.time.Instant;

/**
 * A request to train a network on a series, and how far it got.
 *
 * @param epoch    the last finished epoch (0 before the first)
 * @param lastLoss training loss of that epoch (null before the first)
 * @param modelId  the model it registered, once SUCCEEDED
 */
public record TrainingJob(long id, long seriesId, JobStatus status, NetworkSpec spec, int epoch, Double lastLoss,
        String errorMessage, Long modelId, Instant createdAt, Instant startedAt, Instant finishedAt) {
}
