package dev.tsforge.covariate;

import dev.tsforge.model.CovariateKind;
import java.time.Instant;

/**
 * A stored covariate series with its point count and range.
 *
 * @param shared whether it belongs to the owner's collection rather than to the series itself
 */
public record CovariateSeries(long id, String name, CovariateKind kind, boolean shared, long count, Instant first,
        Instant last, Instant createdAt) {
}
