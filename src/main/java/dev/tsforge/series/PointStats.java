package dev.tsforge.series;

import java.time.Instant;

/** How much a series holds: point count and first/last timestamps (null when empty). */
public record PointStats(long count, Instant first, Instant last) {
}
