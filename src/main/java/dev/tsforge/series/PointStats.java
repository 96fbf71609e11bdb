package dev.tsforge.series;

import java.time.Instant;

/**
 * How much a series holds: point count, first/last timestamps and the smallest/largest value (null when empty).
 */
public record PointStats(long count, Instant first, Instant last, Double minValue, Double maxValue) {

    public PointStats(long count, Instant first, Instant last) {
        this(count, first, last, null, null);
    }
}
