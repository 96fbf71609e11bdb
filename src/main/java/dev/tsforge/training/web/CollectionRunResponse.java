package dev.tsforge.training.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tsforge.model.web.SpecView;
import dev.tsforge.training.CollectionRun;
import dev.tsforge.training.JobStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A collection run as the API shows it: its state, its children's counts and, read on its own, the summary table. */
record CollectionRunResponse(long id, String collection, CollectionRun.Mode mode,
        @Schema(description = "The label selection (empty: every member)") List<String> label,
        @Schema(description = "RUNNING until every child has finished; then COMPLETED (failed children included) "
                + "or CANCELLED") CollectionRun.Status status,
        boolean cancelRequested,
        @Schema(description = "Children in all: one per selected member") int total,
        int queued, int running, int succeeded, int failed, int cancelled,
        @Schema(description = "succeeded + failed + cancelled: the children that will not change any more") int done,
        @Schema(description = "TRAIN: the spec every member trains") SpecView spec,
        @Schema(description = "AUTO: the horizon searched for") Integer horizon,
        @Schema(description = "AUTO: each member's time budget") Integer budgetSeconds,
        Instant createdAt, Instant finishedAt,
        @Schema(description = "The summary table, one line per member (only when the run is read on its own)")
        @JsonInclude(JsonInclude.Include.NON_NULL) List<CollectionRunMember> members) {

    /**
     * One member's child and what it gave.
     *
     * @param holdoutMase       the registered model's MASE on its holdout
     * @param seasonalNaiveMase seasonal naive's MASE on the same holdout, the bar it had to beat
     */
    record CollectionRunMember(String uniqueId, long seriesId, long jobId, JobStatus status, Long modelId,
            Double holdoutMase, Double seasonalNaiveMase, Boolean promoted, String errorMessage) {
    }

    static CollectionRunResponse of(CollectionRun run, String collection, CollectionRun.Progress progress,
            List<CollectionRunMember> members) {
        return new CollectionRunResponse(run.id(), collection, run.mode(), run.labels(), run.status(),
                run.cancelRequested(), progress.total(), progress.queued(), progress.running(), progress.succeeded(),
                progress.failed(), progress.cancelled(), progress.done(),
                run.spec() == null ? null : SpecView.of(run.spec()), run.horizon(), run.autoBudgetSeconds(),
                run.createdAt(), run.finishedAt(), members);
    }
}
