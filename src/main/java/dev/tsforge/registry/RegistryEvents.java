package dev.tsforge.registry;

/** Published with the registry's changes, for listeners that act after the commit (caches, webhooks). */
public final class RegistryEvents {

    private RegistryEvents() {
    }

    public record ModelDeleted(long modelId, long seriesId) {
    }

    /**
     * A series got a new champion, at registration or by hand.
     *
     * @param previousModelId the champion before, or null when there was none
     * @param trigger         {@code training} or {@code manual}
     */
    public record ChampionChanged(long seriesId, long modelId, Long previousModelId, String trigger) {
    }
}
