package dev.tsforge.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A network reads covariate values that are not known: of each covariate, the first timestamps it lacks. Thrown
 * instead of reading a zero in their place.
 *
 * @see CovariateValues
 */
public class MissingCovariatesException extends RuntimeException {

    /** Timestamps named per covariate: enough to find the hole, few enough to read. */
    public static final int NAMED = 10;

    private final transient Map<String, List<Instant>> missing;

    public MissingCovariatesException(String context, Map<String, List<Instant>> missing) {
        super(context + ": " + missing.entrySet().stream()
                .map(e -> "'" + e.getKey() + "' has no value at " + e.getValue())
                .collect(Collectors.joining("; ")));
        this.missing = Map.copyOf(missing);
    }

    /** Of each covariate with missing values, its first {@value #NAMED} missing timestamps. */
    public Map<String, List<Instant>> missing() {
        return missing;
    }
}
