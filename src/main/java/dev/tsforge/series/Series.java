package dev.tsforge.series;

import java.time.Instant;

/** A stored time series (without its points). */
public record Series(long id, String name, Frequency frequency, String description, String unit,
        Instant createdAt, Instant updatedAt) {
}
