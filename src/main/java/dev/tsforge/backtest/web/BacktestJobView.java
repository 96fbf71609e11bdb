package dev.tsforge.backtest.web;

import dev.tsforge.backtest.BacktestJob;
import dev.tsforge.backtest.BacktestSettings;
import dev.tsforge.evaluation.Backtest;
import dev.tsforge.model.web.SpecView;
import dev.tsforge.training.JobStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A refitting backtest job as the API shows it, the spec in its flat API shape. */
@Schema(name = "BacktestJob")
record BacktestJobView(long id, long seriesId, JobStatus status, SpecView spec, BacktestSettings settings,
        int foldsDone, boolean cancelRequested, String errorMessage, String runnerInstance, Instant createdAt,
        Instant startedAt, Instant finishedAt, Backtest result, String waitingFor) {

    static BacktestJobView of(BacktestJob job) {
        return new BacktestJobView(job.id(), job.seriesId(), job.status(), SpecView.of(job.spec()), job.settings(),
                job.foldsDone(), job.cancelRequested(), job.errorMessage(), job.runnerInstance(), job.createdAt(),
                job.startedAt(), job.finishedAt(), job.result(), job.waitingFor());
    }
}
