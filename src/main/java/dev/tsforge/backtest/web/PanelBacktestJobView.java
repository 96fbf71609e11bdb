package dev.tsforge.backtest.web;

import dev.tsforge.backtest.PanelBacktest;
import dev.tsforge.backtest.PanelBacktestJob;
import dev.tsforge.backtest.PanelBacktestSettings;
import dev.tsforge.model.web.SpecView;
import dev.tsforge.training.JobStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A panel backtest job as the API shows it, the spec in its flat API shape. */
@Schema(name = "PanelBacktestJob")
record PanelBacktestJobView(long id, String collection,
        @Schema(description = "The label filters that chose the members (empty: every member)") List<String> labels,
        JobStatus status, SpecView spec, PanelBacktestSettings settings,
        @Schema(description = "Network fits finished: one global per fold, one per member and fold for LOCAL")
        int fitsDone, int fitsTotal, boolean cancelRequested, String errorMessage, Instant createdAt,
        Instant startedAt, Instant finishedAt,
        @Schema(description = "Once SUCCEEDED: per member and method, and the aggregate per method") PanelBacktest result) {

    static PanelBacktestJobView of(PanelBacktestJob job) {
        return new PanelBacktestJobView(job.id(), job.collection(), job.labels(), job.status(),
                SpecView.of(job.spec()), job.settings(), job.fitsDone(), job.fitsTotal(), job.cancelRequested(),
                job.errorMessage(), job.createdAt(), job.startedAt(), job.finishedAt(), job.result());
    }
}
