package dev.tsforge.series;

/**
 * Events other features listen to, so that {@code series} never depends on them: a listener of
 * {@link DeletionRequested} may veto the deletion by throwing (it runs inside the deleting transaction);
 * {@link Deleted} is published after the commit, for clean-up of files and caches. {@link PointsStored} is published
 * inside the ingesting transaction, for listeners that act after its commit (scoring recorded forecasts);
 * {@link DuplicatesRefused} inside one that rolls back, for listeners that act after the rollback.
 */
public final class SeriesEvents {

    private SeriesEvents() {
    }

    public record DeletionRequested(long seriesId) {
    }

    public record Deleted(long seriesId) {
    }

    /**
     * A batch for the series was refused because timestamps appeared in it more than once ({@code duplicates}: the
     * later occurrences), published inside the ingest's transaction just before it rolls back.
     */
    public record DuplicatesRefused(long seriesId, int duplicates) {
    }

    /** Points of these series were inserted or replaced, all within [{@code from}, {@code to}]. */
    public record PointsStored(java.util.List<Long> seriesIds, java.time.Instant from, java.time.Instant to) {
    }
}
