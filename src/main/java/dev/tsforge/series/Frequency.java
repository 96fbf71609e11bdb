package dev.tsforge.series;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * The sampling grid of a series: an ISO-8601 duration with an anchor, business days and a time zone. Sub-daily
 * steps are multiples of the step since 00:00Z. Days, weeks, months and years are local midnights in the grid's
 * zone (UTC by default): every day, or Monday to Friday with {@linkplain #businessDays() business days}; weeks on
 * one weekday (Monday by default); months, quarters (January, April, July, October) and years at the
 * {@code START} of the period (default) or on its last day ({@code END}). Every on-grid timestamp has an integer
 * {@linkplain #index(Instant) index}, so gaps and "the next k timestamps" are arithmetic.
 */
public final class Frequency {

    public static final String START = "START";
    public static final String END = "END";

    private static final long SECONDS_PER_DAY = 86_400;
    private static final int BUSINESS_DAYS_PER_WEEK = 5;

    private enum Unit { SECONDS, DAYS, WEEKS, MONTHS }

    private final String text;
    private final Unit unit;
    /** Seconds for sub-daily steps, 1 for days and weeks, months per step for months and years. */
    private final long step;
    /** Weeks only: the weekday the stamps fall on. */
    private final DayOfWeek weekday;
    /** Months and years only: stamps on the last day of the period rather than the first. */
    private final boolean periodEnd;
    private final boolean businessDays;
    private final ZoneId zone;

    private Frequency(String text, Unit unit, long step, DayOfWeek weekday, boolean periodEnd, boolean businessDays,
            ZoneId zone) {
        this.text = text;
        this.unit = unit;
        this.step = step;
        this.weekday = weekday;
        this.periodEnd = periodEnd;
        this.businessDays = businessDays;
        this.zone = zone;
    }

    /**
     * Parses and checks a frequency on the default grid: UTC, weeks on Mondays, months at their start.
     *
     * @throws IllegalArgumentException naming what is supported, when the text is not a supported grid
     */
    public static Frequency parse(String text) {
        return of(text, null, false, null);
    }

    /**
     * A frequency with its anchor, business days and zone.
     *
     * @param anchor       null for the default; for {@code P1W} the weekday the stamps fall on ({@code MONDAY} …
     *                     {@code SUNDAY}), for month-based grids ({@code PnM}, {@code P1Y}) {@code START} or
     *                     {@code END} (the last day of the period); no other grid has one
     * @param businessDays {@code P1D} only: Monday to Friday, weekends are not on the grid
     * @param zone         null for UTC; grids of a day or coarser lie at local midnight there, sub-daily grids
     *                     only in UTC
     * @throws IllegalArgumentException saying why, for an unsupported text or combination
     */
    public static Frequency of(String text, String anchor, boolean businessDays, ZoneId zone) {
        Frequency base = base(text);
        ZoneId effectiveZone = zone == null || zone.normalized().equals(ZoneOffset.UTC) ? ZoneOffset.UTC : zone;
        if (base.unit == Unit.SECONDS && !effectiveZone.equals(ZoneOffset.UTC)) {
            // a sub-daily grid in a zone with DST would have hours that occur twice or never
            throw new IllegalArgumentException("Sub-daily frequency " + base.text + " is always in UTC; a time zone "
                    + "(" + zone.getId() + ") applies only to P1D and coarser grids");
        }
        if (businessDays && base.unit != Unit.DAYS) {
            throw new IllegalArgumentException("Business days apply only to P1D, not to " + base.text);
        }
        String normalizedAnchor = anchor == null || anchor.isBlank() ? null : anchor.trim().toUpperCase(Locale.ROOT);
        DayOfWeek weekday = null;
        boolean periodEnd = false;
        switch (base.unit) {
            case WEEKS -> weekday = normalizedAnchor == null ? DayOfWeek.MONDAY : weekday(normalizedAnchor);
            case MONTHS -> {
                if (normalizedAnchor != null && !normalizedAnchor.equals(START) && !normalizedAnchor.equals(END)) {
                    throw new IllegalArgumentException("Anchor '" + anchor + "' is not START or END, the anchors of "
                            + base.text);
                }
                periodEnd = END.equals(normalizedAnchor);
            }
            default -> {
                if (normalizedAnchor != null) {
                    throw new IllegalArgumentException("Frequency " + base.text + " has no anchor: a weekday "
                            + "anchors P1W, START or END anchors month-based grids (P1M, P3M, P1Y, ...)");
                }
            }
        }
        return new Frequency(base.text, base.unit, base.step, weekday, periodEnd, businessDays, effectiveZone);
    }

    private static DayOfWeek weekday(String anchor) {
        try {
            return DayOfWeek.valueOf(anchor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Anchor '" + anchor + "' is not a weekday (MONDAY ... SUNDAY), the "
                    + "anchors of P1W");
        }
    }

    private static Frequency base(String text) {
        if (text == null || text.isBlank()) {
            throw unsupported(text);
        }
        String normalized = text.trim().toUpperCase(Locale.ROOT);
        try {
            if (normalized.startsWith("PT")) {
                long seconds = Duration.parse(normalized).getSeconds();
                if (seconds <= 0 || SECONDS_PER_DAY % seconds != 0 || Duration.parse(normalized).getNano() != 0) {
                    throw unsupported(text);
                }
                return new Frequency(Duration.ofSeconds(seconds).toString(), Unit.SECONDS, seconds, null, false,
                        false, ZoneOffset.UTC);
            }
            Period period = Period.parse(normalized);
            if (period.isNegative() || period.isZero()) {
                throw unsupported(text);
            }
            if (normalized.equals("P1D")) {
                return new Frequency("P1D", Unit.DAYS, 1, null, false, false, ZoneOffset.UTC);
            }
            if (normalized.equals("P1W") || normalized.equals("P7D")) {
                return new Frequency("P1W", Unit.WEEKS, 1, null, false, false, ZoneOffset.UTC);
            }
            if (period.getDays() == 0 && period.getYears() == 0 && 12 % period.getMonths() == 0) {
                return new Frequency("P" + period.getMonths() + "M", Unit.MONTHS, period.getMonths(), null, false,
                        false, ZoneOffset.UTC);
            }
            if (period.getDays() == 0 && period.getMonths() == 0 && period.getYears() == 1) {
                return new Frequency("P1Y", Unit.MONTHS, 12, null, false, false, ZoneOffset.UTC);
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw unsupported(text);
        }
        throw unsupported(text);
    }

    private static IllegalArgumentException unsupported(String text) {
        return new IllegalArgumentException("Unsupported frequency '" + text + "': use an ISO-8601 duration that "
                + "divides a day (PT1M, PT15M, PT1H, ...), P1D, P1W, a month count dividing 12 (P1M, P3M, P6M), "
                + "or P1Y");
    }

    /** The effective anchor: the weekday's name for {@code P1W}, START or END for month-based grids, else null. */
    public String anchor() {
        return switch (unit) {
            case WEEKS -> weekday.name();
            case MONTHS -> periodEnd ? END : START;
            default -> null;
        };
    }

    /** True when the grid is Monday to Friday ({@code P1D} only). */
    public boolean businessDays() {
        return businessDays;
    }

    /** The zone whose local midnights the grid lies on; {@link ZoneOffset#UTC} by default and for sub-daily grids. */
    public ZoneId zone() {
        return zone;
    }

    /** The zone's id as the API and the database spell it: {@code UTC}, {@code Europe/Berlin}, {@code +02:00}. */
    public String zoneName() {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /**
     * The length of one step, nominally: a month counts 30 days (a year 365), which is as exact as a calendar
     * feature's check of whether it varies along the grid needs.
     */
    public Duration nominalStep() {
        return switch (unit) {
            case SECONDS -> Duration.ofSeconds(step);
            case DAYS -> Duration.ofDays(1);
            case WEEKS -> Duration.ofDays(7);
            case MONTHS -> step == 12 ? Duration.ofDays(365) : Duration.ofDays(30 * step);
        };
    }

    /** True for {@code P1W}. */
    boolean weekly() {
        return unit == Unit.WEEKS;
    }

    /** True for months, quarters, half-years and years. */
    boolean monthBased() {
        return unit == Unit.MONTHS;
    }

    /** True for {@code P1D}. */
    boolean daily() {
        return unit == Unit.DAYS;
    }

    /** Months per step for month-based grids. */
    long months() {
        return unit == Unit.MONTHS ? step : 0;
    }

    /** The grid as people say it, e.g. {@code P1W (weeks on Wednesday)} or {@code P1D (business days, Europe/Berlin)}. */
    public String describe() {
        StringBuilder parts = new StringBuilder();
        if (unit == Unit.WEEKS) {
            parts.append("weeks on ").append(weekday.name().charAt(0)).append(weekday.name().substring(1)
                    .toLowerCase(Locale.ROOT));
        } else if (unit == Unit.MONTHS && periodEnd) {
            parts.append("last day of each period");
        } else if (businessDays) {
            parts.append("business days Monday to Friday");
        }
        if (!zone.equals(ZoneOffset.UTC)) {
            parts.append(parts.isEmpty() ? "" : ", ").append("midnight in ").append(zone.getId());
        }
        return parts.isEmpty() ? text : text + " (" + parts + ")";
    }

    /** True when the instant lies exactly on this grid. */
    public boolean isOnGrid(Instant t) {
        if (t.getNano() != 0) {
            return false;
        }
        try {
            return instantAt(index(t)).equals(t);
        } catch (IllegalArgumentException outOfRange) {
            return false;
        }
    }

    /** The grid index of an on-grid instant (the last grid point at or before it, for an off-grid one). */
    public long index(Instant t) {
        return switch (unit) {
            case SECONDS -> Math.floorDiv(t.getEpochSecond(), step);
            case DAYS -> businessDays ? businessDayIndex(localDate(t).toEpochDay()) : localDate(t).toEpochDay();
            case WEEKS -> Math.floorDiv(localDate(t).toEpochDay() - weekdayOffset(), 7);
            case MONTHS -> {
                LocalDate date = localDate(t);
                long index = Math.floorDiv(date.getYear() * 12L + date.getMonthValue() - 1, step);
                // with END the period's grid point is its last day, which may still lie ahead of t
                yield periodEnd && instantAt(index).isAfter(t) ? index - 1 : index;
            }
        };
    }

    /** The instant of a grid index. */
    public Instant instantAt(long index) {
        try {
            return switch (unit) {
                case SECONDS -> Instant.ofEpochSecond(Math.multiplyExact(index, step));
                case DAYS -> midnight(LocalDate.ofEpochDay(businessDays ? businessEpochDay(index) : index));
                case WEEKS -> midnight(LocalDate.ofEpochDay(Math.addExact(Math.multiplyExact(index, 7),
                        weekdayOffset())));
                case MONTHS -> {
                    long months = Math.addExact(Math.multiplyExact(index, step), periodEnd ? step - 1 : 0);
                    YearMonth month = YearMonth.of(Math.toIntExact(Math.floorDiv(months, 12)),
                            (int) Math.floorMod(months, 12) + 1);
                    yield midnight(periodEnd ? month.atEndOfMonth() : month.atDay(1));
                }
            };
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("Timestamp out of range for frequency " + text, e);
        }
    }

    private LocalDate localDate(Instant t) {
        return LocalDate.ofInstant(t, zone);
    }

    /** Local midnight, or the first instant of the day where a DST change skips midnight. */
    private Instant midnight(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }

    /** The first epoch day (1970-01-01 was a Thursday) that falls on the anchor weekday. */
    private long weekdayOffset() {
        return Math.floorMod(weekday.getValue() - DayOfWeek.THURSDAY.getValue(), 7);
    }

    /** Business days are counted in weeks from Monday 1970-01-05; a weekend day floors to its Friday. */
    private static long businessDayIndex(long epochDay) {
        long sinceMonday = epochDay - 4;
        long week = Math.floorDiv(sinceMonday, 7);
        long dayOfWeek = Math.floorMod(sinceMonday, 7);
        return week * BUSINESS_DAYS_PER_WEEK + Math.min(dayOfWeek, BUSINESS_DAYS_PER_WEEK - 1);
    }

    private static long businessEpochDay(long index) {
        return Math.addExact(Math.multiplyExact(Math.floorDiv(index, BUSINESS_DAYS_PER_WEEK), 7),
                Math.floorMod(index, BUSINESS_DAYS_PER_WEEK) + 4);
    }

    /**
     * The usual season length in steps: a day for sub-daily data, a week for daily (5 business days), a year for
     * weekly, monthly and quarterly data, 1 (no season) for yearly. Used by seasonal naive and MASE unless the
     * series overrides it.
     */
    public int defaultSeasonalPeriod() {
        return switch (unit) {
            case SECONDS -> (int) (SECONDS_PER_DAY / step == 1 ? 7 : SECONDS_PER_DAY / step);
            case DAYS -> businessDays ? BUSINESS_DAYS_PER_WEEK : 7;
            case WEEKS -> 52;
            case MONTHS -> (int) (12 / step);
        };
    }

    /** The on-grid instant {@code steps} steps after (or before) {@code t}. */
    public Instant plus(Instant t, long steps) {
        return instantAt(index(t) + steps);
    }

    /** The ISO-8601 duration, as the API's {@code frequency} field shows it; {@link #describe()} adds the rest. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frequency other && other.text.equals(text) && other.weekday == weekday
                && other.periodEnd == periodEnd && other.businessDays == businessDays && other.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, weekday, periodEnd, businessDays, zone);
    }
}
