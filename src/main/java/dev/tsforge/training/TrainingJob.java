package dev.tsforge.training;

import dev.tsforge.model.ModelSpec;
import java.time.Instant;

/**
 * A request to train a network on a series, and how far it got.
 *
 * @param epoch           the last finished epoch (0 before the first)
 * @param lastLoss        training loss of that epoch (null before the first)
 * @param validationLoss  validation loss of that epoch (null before the first or without validation)
 * @param cancelRequested a cancel was asked while it ran; it stops at the end of the current epoch
 * @param stopReason      why training ended (all epochs, or early stop and the epoch kept)
 * @param outcome         whether the model became the champion, and why
 * @param modelId         the model it registered, once SUCCEEDED
 * @param runnerInstance  the service instance that runs (or ran) it
 * @param parentModelId   the model a warm start continues from, or null
 * @param autoBudgetSeconds for an AUTO job, the time its search may take; null for a single spec
 * @param kind            a training, or a backtest that refits {@code spec} at every fold ({@code epoch}: folds done)
 * @param waitingFor      while QUEUED, why it has not started (not enough free GPU memory); null otherwise
 * @param collectionId    for a global model's training, the collection whose members it trains on ({@code seriesId}
 *                        is then 0, which no series has); null for a training of one series
 * @param labelSelection  the {@code key:value} filters that chose the members, comma-separated; null for all
 */
public record TrainingJob(long id, long seriesId, JobStatus status, ModelSpec spec, int epoch, Double lastLoss,
        Double validationLoss, boolean cancelRequested, String stopReason, String outcome, String errorMessage,
        Long modelId, String runnerInstance, Long parentModelId, Integer autoBudgetSeconds, Instant createdAt,
        Instant startedAt, Instant finishedAt, JobKind kind, String waitingFor, Long collectionId,
        String labelSelection) {

    /** Trains one network across a collection's members. */
    public boolean global() {
        return collectionId != null;
    }
}
