package dev.tsforge.series;

import java.util.Set;

/**
 * A merge patch of a series: only the {@code present} fields change, to their value here (null clears a field:
 * back to the frequency's season, to inferring non-negativity, to the default anchor, business days or UTC).
 */
public record SeriesUpdate(Set<Field> present, String description, String unit, Integer seasonalPeriod,
        Boolean nonNegative, String frequency, String anchor, Boolean businessDays, String timeZone) {

    public enum Field {
        DESCRIPTION, UNIT, SEASONAL_PERIOD, NON_NEGATIVE, FREQUENCY, ANCHOR, BUSINESS_DAYS, TIME_ZONE;

        boolean grid() {
            return this == FREQUENCY || this == ANCHOR || this == BUSINESS_DAYS || this == TIME_ZONE;
        }
    }

    public SeriesUpdate {
        present = Set.copyOf(present);
    }

    boolean has(Field field) {
        return present.contains(field);
    }

    boolean changesGrid() {
        return present.stream().anyMatch(Field::grid);
    }
}
