package dev.tsforge.backtest;

import dev.tsforge.evaluation.Backtest;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.training.JobStatus;
import java.time.Instant;

/**
 * A backtest that trains a new network on the history before each fold's origin, queued like a training.
 *
 * @param foldsDone folds finished so far
 * @param result    the backtest, once SUCCEEDED
 * @param waitingFor while QUEUED, why it has not started (not enough free GPU memory); null otherwise
 */
public record BacktestJob(long id, long seriesId, JobStatus status, ModelSpec spec, BacktestSettings settings,
        int foldsDone, boolean cancelRequested, String errorMessage, String runnerInstance, Instant createdAt,
        Instant startedAt, Instant finishedAt, Backtest result, String waitingFor) {
}
