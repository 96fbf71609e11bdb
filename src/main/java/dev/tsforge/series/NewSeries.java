package dev.tsforge.series;

/**
 * What a client asks for when it creates a series. Grid fields left null are defaults: UTC, and the anchor or
 * business days decided by the first ingested batch ({@link Series.GridSource#PENDING}).
 *
 * @param anchor       P1W: MONDAY … SUNDAY; month-based: START or END
 * @param businessDays P1D only
 * @param timeZone     an IANA zone id or an offset, for P1D and coarser
 * @param nonNegative  null to infer it from the values
 */
public record NewSeries(String name, String frequency, String anchor, Boolean businessDays, String timeZone,
        String description, String unit, Integer seasonalPeriod, Boolean nonNegative) {

    /** A series on the default grid (UTC, anchor or business days decided by the first batch). */
    public static NewSeries of(String name, String frequency) {
        return new NewSeries(name, frequency, null, null, null, null, null, null, null);
    }
}
