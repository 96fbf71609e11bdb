package dev.tsforge.backtest;

import dev.tsforge.model.ModelSpec;
import dev.tsforge.training.JobStatus;
import java.time.Instant;
import java.util.List;

/**
 * A panel backtest of a collection, queued like a training.
 *
 * @param labels    the filters that chose the members (empty: every member)
 * @param fitsDone  network fits finished so far, of {@code fitsTotal} (one global per fold, one per member and fold
 *                  for the local networks)
 * @param result    the backtest, once SUCCEEDED
 */
public record PanelBacktestJob(long id, String collection, List<String> labels, JobStatus status, ModelSpec spec,
        PanelBacktestSettings settings, int fitsDone, int fitsTotal, boolean cancelRequested, String errorMessage,
        Instant createdAt, Instant startedAt, Instant finishedAt, PanelBacktest result) {
}
