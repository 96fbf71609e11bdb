package dev.tsforge.model;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The values of stored (or sent) covariate series by name and timestamp: what a network with {@link SeriesCovariate}s
 * reads beside the target. A value absent here is unknown, never zero: the network's caller is told which ones it
 * lacks ({@link MissingCovariatesException}).
 */
public record CovariateValues(Map<String, Map<Instant, Double>> byName) {

    public static final CovariateValues NONE = new CovariateValues(Map.of());

    public CovariateValues {
        byName = Map.copyOf(byName);
    }

    /** The value of covariate {@code name} at {@code t}, or null when it is not known. */
    public Double at(String name, Instant t) {
        Map<Instant, Double> values = byName.get(name);
        return values == null ? null : values.get(t);
    }

    /** These values with {@code winners}' laid over them: where both have one, the winner's. */
    public CovariateValues overriddenBy(CovariateValues winners) {
        if (winners.byName.isEmpty()) {
            return this;
        }
        Map<String, Map<Instant, Double>> merged = new HashMap<>(byName);
        winners.byName.forEach((name, values) -> {
            Map<Instant, Double> both = new HashMap<>(merged.getOrDefault(name, Map.of()));
            both.putAll(values);
            merged.put(name, both);
        });
        return new CovariateValues(merged);
    }
}
