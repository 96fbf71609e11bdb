package dev.tsforge.series;

import dev.tsforge.series.GridStep.Unit;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

    private static final int BUSINESS_DAYS_PER_WEEK = 5;

    private final GridStep step;
    /** Weeks only: the weekday the stamps fall on. */
    private final DayOfWeek weekday;
    /** Months and years only: stamps on the last day of the period rather than the first. */
    private final boolean periodEnd;
    private final boolean businessDays;
    private final ZoneId zone;

    private Frequency(GridStep step, DayOfWeek weekday, boolean periodEnd, boolean businessDays, ZoneId zone) {
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
        GridStep base = GridStep.parse(text);
        ZoneId effectiveZone = zone == null || zone.normalized().equals(ZoneOffset.UTC) ? ZoneOffset.UTC : zone;
        if (base.unit() == Unit.SECONDS && !effectiveZone.equals(ZoneOffset.UTC)) {
            // a sub-daily grid in a zone with DST would have hours that occur twice or never
            throw new IllegalArgumentException("Sub-daily frequency " + base.text() + " is always in UTC; a time zone "
                    + "(" + zone.getId() + ") applies only to P1D and coarser grids");
        }
        if (businessDays && base.unit() != Unit.DAYS) {
            throw new IllegalArgumentException("Business days apply only to P1D, not to " + base.text());
        }
        String normalizedAnchor = anchor == null || anchor.isBlank() ? null : anchor.trim().toUpperCase(Locale.ROOT);
        DayOfWeek weekday = null;
        boolean periodEnd = false;
        switch (base.unit()) {
            case WEEKS -> weekday = normalizedAnchor == null ? DayOfWeek.MONDAY : weekday(normalizedAnchor);
            case MONTHS -> {
                if (normalizedAnchor != null && !normalizedAnchor.equals(START) && !normalizedAnchor.equals(END)) {
                    throw new IllegalArgumentException("Anchor '" + anchor + "' is not START or END, the anchors of "
                            + base.text());
                }
                periodEnd = END.equals(normalizedAnchor);
            }
            default -> {
                if (normalizedAnchor != null) {
                    throw new IllegalArgumentException("Frequency " + base.text() + " has no anchor: a weekday "
                            + "anchors P1W, START or END anchors month-based grids (P1M, P3M, P1Y, ...)");
                }
            }
        }
        return new Frequency(base, weekday, periodEnd, businessDays, effectiveZone);
    }

    private static DayOfWeek weekday(String anchor) {
        try {
            return DayOfWeek.valueOf(anchor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Anchor '" + anchor + "' is not a weekday (MONDAY ... SUNDAY), the "
                    + "anchors of P1W");
        }
    }

    /** The effective anchor: the weekday's name for {@code P1W}, START or END for month-based grids, else null. */
    public String anchor() {
        return switch (step.unit()) {
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
        return step.nominal();
    }

    /** The most steps a week may have for {@link #weeklySeason(int)}: a week of 5-minute steps. */
    public static final int LONGEST_WEEK = 2016;

    /**
     * Whether, with this season length, a week is a season as well as the season itself: the grid is finer than a day
     * and the season is a day of its steps (half-hours and 48, the default), as in electricity demand or traffic,
     * where a Sunday is not a Monday; and a week is at most {@link #LONGEST_WEEK} steps (a week of minutes is too long
     * to read).
     */
    public boolean weeklySeason(int seasonalPeriod) {
        int perDay = stepsPerDay();
        return perDay > 1 && seasonalPeriod == perDay && 7 * perDay <= LONGEST_WEEK;
    }

    /** Steps in a day on a grid finer than a day that divides one (half-hours: 48); 0 on any other grid. */
    public int stepsPerDay() {
        // a sub-daily step divides a day (GridStep refuses any other)
        return step.unit() == Unit.SECONDS && step.amount() < GridStep.SECONDS_PER_DAY
                ? (int) (GridStep.SECONDS_PER_DAY / step.amount()) : 0;
    }

    /** True for {@code P1W}. */
    boolean weekly() {
        return step.unit() == Unit.WEEKS;
    }

    /** True for months, quarters, half-years and years. */
    boolean monthBased() {
        return step.unit() == Unit.MONTHS;
    }

    /** True for {@code P1D}. */
    boolean daily() {
        return step.unit() == Unit.DAYS;
    }

    /** Months per step for month-based grids. */
    long months() {
        return step.unit() == Unit.MONTHS ? step.amount() : 0;
    }

    /** The grid as people say it, e.g. {@code P1W (weeks on Wednesday)} or {@code P1D (business days, Europe/Berlin)}. */
    public String describe() {
        StringBuilder parts = new StringBuilder();
        if (step.unit() == Unit.WEEKS) {
            parts.append("weeks on ").append(weekday.name().charAt(0)).append(weekday.name().substring(1)
                    .toLowerCase(Locale.ROOT));
        } else if (step.unit() == Unit.MONTHS && periodEnd) {
            parts.append("last day of each period");
        } else if (businessDays) {
            parts.append("business days Monday to Friday");
        }
        if (!zone.equals(ZoneOffset.UTC)) {
            parts.append(parts.isEmpty() ? "" : ", ").append("midnight in ").append(zone.getId());
        }
        return parts.isEmpty() ? step.text() : step.text() + " (" + parts + ")";
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
        return switch (step.unit()) {
            case SECONDS -> Math.floorDiv(t.getEpochSecond(), step.amount());
            case DAYS -> businessDays ? businessDayIndex(localDate(t).toEpochDay()) : localDate(t).toEpochDay();
            case WEEKS -> Math.floorDiv(localDate(t).toEpochDay() - weekdayOffset(), 7);
            case MONTHS -> {
                LocalDate date = localDate(t);
                long index = Math.floorDiv(date.getYear() * 12L + date.getMonthValue() - 1, step.amount());
                // with END the period's grid point is its last day, which may still lie ahead of t
                yield periodEnd && instantAt(index).isAfter(t) ? index - 1 : index;
            }
        };
    }

    /** The instant of a grid index. */
    public Instant instantAt(long index) {
        try {
            return switch (step.unit()) {
                case SECONDS -> Instant.ofEpochSecond(Math.multiplyExact(index, step.amount()));
                case DAYS -> midnight(LocalDate.ofEpochDay(businessDays ? businessEpochDay(index) : index));
                case WEEKS -> midnight(LocalDate.ofEpochDay(Math.addExact(Math.multiplyExact(index, 7),
                        weekdayOffset())));
                case MONTHS -> {
                    long months = Math.addExact(Math.multiplyExact(index, step.amount()),
                            periodEnd ? step.amount() - 1 : 0);
                    YearMonth month = YearMonth.of(Math.toIntExact(Math.floorDiv(months, 12)),
                            (int) Math.floorMod(months, 12) + 1);
                    yield midnight(periodEnd ? month.atEndOfMonth() : month.atDay(1));
                }
            };
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("Timestamp out of range for frequency " + step.text(), e);
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
        return switch (step.unit()) {
            case SECONDS -> {
                long perDay = GridStep.SECONDS_PER_DAY / step.amount();
                yield (int) (perDay == 1 ? 7 : perDay);
            }
            case DAYS -> businessDays ? BUSINESS_DAYS_PER_WEEK : 7;
            case WEEKS -> 52;
            case MONTHS -> (int) (12 / step.amount());
        };
    }

    /** The on-grid instant {@code steps} steps after (or before) {@code t}. */
    public Instant plus(Instant t, long steps) {
        return instantAt(index(t) + steps);
    }

    /** The ISO-8601 duration, as the API's {@code frequency} field shows it; {@link #describe()} adds the rest. */
    @Override
    public String toString() {
        return step.text();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frequency other && other.step.text().equals(step.text()) && other.weekday == weekday
                && other.periodEnd == periodEnd && other.businessDays == businessDays && other.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(step.text(), weekday, periodEnd, businessDays, zone);
    }
}
