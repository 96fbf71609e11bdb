package dev.tsforge.series;

import java.time.Instant;

/**
 * A stored time series (without its points).
 *
 * @param seasonalPeriodOverride season length set by the user, or null to derive it from the frequency
 */
public record Series(long id, String name, Frequency frequency, String description, String unit,
        Integer seasonalPeriodOverride, Instant createdAt, Instant updatedAt) {

    /** Season length in steps, for seasonal naive and MASE. */
    public int seasonalPeriod() {
        return seasonalPeriodOverride != null ? seasonalPeriodOverride : frequency.defaultSeasonalPeriod();
    }
}
