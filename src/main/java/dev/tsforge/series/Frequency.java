package dev.tsforge.series;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * The sampling grid of a series, written as an ISO-8601 duration. All grids are anchored in UTC: sub-daily steps
 * at multiples of the step since midnight, days at 00:00Z, weeks on Mondays, months on the first of the month
 * (quarters in January, April, July, October), years on 1 January. Every on-grid timestamp has an integer
 * {@linkplain #index(Instant) index}, so gaps and "the next k timestamps" are arithmetic.
 */
public final class Frequency {

    private static final long SECONDS_PER_DAY = 86_400;
    /** 1970-01-05 was a Monday: epoch days are shifted so that weeks start on Mondays. */
    private static final long MONDAY_OFFSET_DAYS = 4;

    private enum Unit { SECONDS, WEEKS, MONTHS }

    private final String text;
    private final Unit unit;
    /** Seconds for sub-daily and daily steps, 1 for weeks, months per step for months and years. */
    private final long step;

    private Frequency(String text, Unit unit, long step) {
        this.text = text;
        this.unit = unit;
        this.step = step;
    }

    /**
     * Parses and checks a frequency.
     *
     * @throws IllegalArgumentException naming what is supported, when the text is not a supported grid
     */
    public static Frequency parse(String text) {
        if (text == null || text.isBlank()) {
            throw unsupported(text);
        }
        String normalized = text.trim().toUpperCase();
        try {
            if (normalized.startsWith("PT")) {
                long seconds = Duration.parse(normalized).getSeconds();
                if (seconds <= 0 || SECONDS_PER_DAY % seconds != 0 || Duration.parse(normalized).getNano() != 0) {
                    throw unsupported(text);
                }
                return new Frequency(Duration.ofSeconds(seconds).toString(), Unit.SECONDS, seconds);
            }
            Period period = Period.parse(normalized);
            if (period.isNegative() || period.isZero()) {
                throw unsupported(text);
            }
            if (normalized.equals("P1D")) {
                return new Frequency("P1D", Unit.SECONDS, SECONDS_PER_DAY);
            }
            if (normalized.equals("P1W") || normalized.equals("P7D")) {
                return new Frequency("P1W", Unit.WEEKS, 1);
            }
            if (period.getDays() == 0 && period.getYears() == 0 && 12 % period.getMonths() == 0) {
                return new Frequency("P" + period.getMonths() + "M", Unit.MONTHS, period.getMonths());
            }
            if (period.getDays() == 0 && period.getMonths() == 0 && period.getYears() == 1) {
                return new Frequency("P1Y", Unit.MONTHS, 12);
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

    /** True when the instant lies exactly on this grid. */
    public boolean isOnGrid(Instant t) {
        if (t.getNano() != 0) {
            return false;
        }
        return instantAt(index(t)).equals(t);
    }

    /** The grid index of an on-grid instant (floor for an off-grid one). */
    public long index(Instant t) {
        return switch (unit) {
            case SECONDS -> Math.floorDiv(t.getEpochSecond(), step);
            case WEEKS -> Math.floorDiv(Math.floorDiv(t.getEpochSecond(), SECONDS_PER_DAY) - MONDAY_OFFSET_DAYS, 7);
            case MONTHS -> {
                ZonedDateTime utc = t.atZone(ZoneOffset.UTC);
                yield Math.floorDiv(utc.getYear() * 12L + utc.getMonthValue() - 1, step);
            }
        };
    }

    /** The instant of a grid index. */
    public Instant instantAt(long index) {
        try {
            return switch (unit) {
                case SECONDS -> Instant.ofEpochSecond(Math.multiplyExact(index, step));
                case WEEKS -> Instant.ofEpochSecond(Math.multiplyExact(index * 7 + MONDAY_OFFSET_DAYS, SECONDS_PER_DAY));
                case MONTHS -> {
                    long months = Math.multiplyExact(index, step);
                    yield LocalDate.of(Math.toIntExact(Math.floorDiv(months, 12)), (int) Math.floorMod(months, 12) + 1, 1)
                            .atStartOfDay(ZoneOffset.UTC).toInstant();
                }
            };
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("Timestamp out of range for frequency " + text, e);
        }
    }

    /**
     * The usual season length in steps: a day for sub-daily data, a week for daily, a year for weekly, monthly
     * and quarterly data, 1 (no season) for yearly. Used by seasonal naive and MASE unless the series overrides it.
     */
    public int defaultSeasonalPeriod() {
        return switch (unit) {
            case SECONDS -> (int) (SECONDS_PER_DAY / step == 1 ? 7 : SECONDS_PER_DAY / step);
            case WEEKS -> 52;
            case MONTHS -> (int) (12 / step);
        };
    }

    /** The on-grid instant {@code steps} steps after (or before) {@code t}. */
    public Instant plus(Instant t, long steps) {
        return instantAt(index(t) + steps);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frequency other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
