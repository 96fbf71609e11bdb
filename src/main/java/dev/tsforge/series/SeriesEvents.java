package dev.tsforge.series;

/**
 * Events other features listen to, so that {@code series} never depends on them: a listener of
 * {@link DeletionRequested} may veto the deletion by throwing (it runs inside the deleting transaction);
 * {@link Deleted} is published after the commit, for clean-up of files and caches.
 */
public final class SeriesEvents {

    private SeriesEvents() {
    }

    public record DeletionRequested(long seriesId) {
    }

    public record Deleted(long seriesId) {
    }
}
