package dev.tsforge.training;

import dev.tsforge.model.ModelSpec;
import java.time.Instant;
import java.util.List;

/**
 * A collection run: one request to train (or AUTO-search) every selected member of a collection. Its children are
 * ordinary training jobs that point back to it; its status is RUNNING until every child has finished, then
 * COMPLETED (whatever the children's outcomes: a failing member fails its child, not the run) or CANCELLED when a
 * cancel was asked.
 *
 * @param labels            the label selection, {@code key:value} each (empty: every member)
 * @param spec              TRAIN: the spec every child trains; null for AUTO, whose children each get their own
 * @param horizon           AUTO: the forecast horizon searched for; null for TRAIN
 * @param autoBudgetSeconds AUTO: each child's time budget; null for TRAIN
 */
public record CollectionRun(long id, long collectionId, Mode mode, List<String> labels, ModelSpec spec,
        Integer horizon, Integer autoBudgetSeconds, Status status, boolean cancelRequested, Instant createdAt,
        Instant finishedAt) {

    public CollectionRun {
        labels = List.copyOf(labels);
    }

    public enum Mode {
        TRAIN, AUTO
    }

    public enum Status {
        RUNNING, COMPLETED, CANCELLED
    }

    /**
     * How far the children got.
     *
     * @param done succeeded, failed and cancelled together: the children that will not change any more
     */
    public record Progress(int total, int queued, int running, int succeeded, int failed, int cancelled) {

        public int done() {
            return succeeded + failed + cancelled;
        }
    }

    /**
     * One member's line of the summary table.
     *
     * @param modelId  the model its child registered, once SUCCEEDED
     * @param promoted whether that model became the member's champion when it was registered
     */
    public record Member(String uniqueId, long seriesId, long jobId, JobStatus status, Long modelId,
            Boolean promoted, String errorMessage) {
    }
}
