package dev.tsforge.series;

import java.time.Instant;

/**
 * How much a series holds: point count, first/last timestamps and the smallest/largest value (null when empty). As
 * the series row keeps them (V14) the value range is the range the series has had: an upsert that replaces an extreme
 * value leaves it wider than the stored points.
 */
public record PointStats(long count, Instant first, Instant last, Double minValue, Double maxValue) {

    public PointStats(long count, Instant first, Instant last) {
        this(count, first, last, null, null);
    }
}
