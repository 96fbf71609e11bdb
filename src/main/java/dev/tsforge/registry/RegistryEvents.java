package dev.tsforge.registry;

/** Published after the commit that deleted a model, for caches that hold it. */
public final class RegistryEvents {

    private RegistryEvents() {
    }

    public record ModelDeleted(long modelId, long seriesId) {
    }
}
