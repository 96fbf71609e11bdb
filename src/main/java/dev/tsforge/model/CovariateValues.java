package dev.tsforge.model;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The values of stored (or sent) covariate series by name and timestamp: what a network with {@link SeriesCovariate}s
 * reads beside the target. A value absent here is unknown, never zero: the network's caller is told which ones it
 * lacks ({@link MissingCovariatesException}).
 */
public record CovariateValues(Map<String, Map<Instant, Double>> byName, Map<String, String> labels) {

    public static final CovariateValues NONE = new CovariateValues(Map.of());

    /**
     * @param labels the series' static labels by key, which a global network with {@link StaticLabel}s reads (a key
     *               absent here takes the label's "other" slot)
     */
    public CovariateValues {
        byName = Map.copyOf(byName);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public CovariateValues(Map<String, Map<Instant, Double>> byName) {
        this(byName, null);
    }

    /** These values with the series' labels {@code labels}. */
    public CovariateValues withLabels(Map<String, String> labels) {
        return new CovariateValues(byName, labels);
    }

    /** The value of covariate {@code name} at {@code t}, or null when it is not known. */
    public Double at(String name, Instant t) {
        Map<Instant, Double> values = byName.get(name);
        return values == null ? null : values.get(t);
    }

    /** These values with {@code winners}' laid over them: where both have one, the winner's. */
    public CovariateValues overriddenBy(CovariateValues winners) {
        if (winners.byName.isEmpty() && winners.labels.isEmpty()) {
            return this;
        }
        Map<String, String> labels = new HashMap<>(this.labels);
        labels.putAll(winners.labels);
        Map<String, Map<Instant, Double>> merged = new HashMap<>(byName);
        winners.byName.forEach((name, values) -> {
            Map<Instant, Double> both = new HashMap<>(merged.getOrDefault(name, Map.of()));
            both.putAll(values);
            merged.put(name, both);
        });
        return new CovariateValues(merged, labels);
    }
}
