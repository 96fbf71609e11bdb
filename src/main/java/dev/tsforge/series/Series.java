package dev.tsforge.series;

import java.time.Instant;

/**
 * A stored time series (without its points).
 *
 * @param frequency              the grid with its anchor, business days and zone
 * @param seasonalPeriodOverride season length set by the user, or null to derive it from the frequency
 * @param gridSource             who chose the grid's anchor or business days
 * @param nonNegativeDeclared    what the user declared, or null to infer it from the stored values
 * @param hasNegative            whether a stored value is below zero
 * @param collectionId           the collection it belongs to, or null for a standalone series
 * @param uniqueId               its name within the collection ({@code unique_id} of a long-format upload), or null
 * @param stats                  how much it holds, kept by every write (its value range only widens: V14)
 */
public record Series(long id, String name, Frequency frequency, String description, String unit,
        Integer seasonalPeriodOverride, GridSource gridSource, Boolean nonNegativeDeclared, boolean hasNegative,
        Instant createdAt, Instant updatedAt, Long collectionId, String uniqueId, PointStats stats) {

    /** Season length in steps, for seasonal naive and MASE. */
    public int seasonalPeriod() {
        return seasonalPeriodOverride != null ? seasonalPeriodOverride : frequency.defaultSeasonalPeriod();
    }

    /**
     * Whether a week is a season as well as the season itself ({@link Frequency#weeklySeason(int)}): AUTO then also
     * offers the value a week before ({@code WEEKLY_NAIVE}).
     */
    public boolean weeklySeason() {
        return frequency.weeklySeason(seasonalPeriod());
    }

    /**
     * Whether the values can never be negative (forecasts may be clipped at zero): as declared, else true while no
     * stored value is negative (so also for a series without points).
     */
    public boolean nonNegative() {
        return nonNegativeDeclared != null ? nonNegativeDeclared : !hasNegative;
    }

    /** Where {@link #nonNegative()} comes from. */
    public Source nonNegativeSource() {
        return nonNegativeDeclared != null ? Source.DECLARED : Source.INFERRED;
    }

    public enum Source { DECLARED, INFERRED }

    /** Who chose the grid's anchor (P1W, month-based grids) or business days (P1D). */
    public enum GridSource {
        /** The client, or nothing to choose (sub-daily grids), or a series created before grids had choices. */
        DECLARED,
        /** Not declared and no points yet: the first ingested batch decides, until then the default applies. */
        PENDING,
        /** Decided by the first ingested batch (the default when the points fitted it). */
        INFERRED
    }
}
