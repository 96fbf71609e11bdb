package dev.tsforge.series;

import dev.tsforge.web.ApiProblemException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * The grid a request asks for (of a series or a collection) and who chose it, checked field by field so that a 400
 * names the field at fault.
 */
record RequestedGrid(Frequency frequency, Series.GridSource source) {

    static RequestedGrid of(String frequencyText, String anchor, Boolean businessDays, String timeZone) {
        Frequency base;
        try {
            base = Frequency.parse(frequencyText);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalidField("frequency", e.getMessage());
        }
        ZoneId zone = null;
        if (timeZone != null) {
            try {
                zone = ZoneId.of(timeZone.trim());
            } catch (DateTimeException e) {
                throw ApiProblemException.invalidField("timeZone", "'" + timeZone + "' is not an IANA time zone "
                        + "(e.g. Europe/Berlin) or an offset (e.g. +02:00)");
            }
        }
        boolean business = Boolean.TRUE.equals(businessDays);
        Frequency frequency = checked("anchor", () -> Frequency.of(frequencyText, anchor, false, null));
        frequency = checked("businessDays", () -> Frequency.of(frequencyText, anchor, business, null));
        ZoneId chosenZone = zone;
        frequency = checked("timeZone", () -> Frequency.of(frequencyText, anchor, business, chosenZone));
        boolean declared = base.daily() ? businessDays != null
                : base.weekly() || base.monthBased() ? anchor != null && !anchor.isBlank()
                : true;
        return new RequestedGrid(frequency, declared ? Series.GridSource.DECLARED : Series.GridSource.PENDING);
    }

    private static Frequency checked(String field, Supplier<Frequency> grid) {
        try {
            return grid.get();
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalidField(field, e.getMessage());
        }
    }
}
