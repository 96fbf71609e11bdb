package dev.tsforge.series;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The step of a sampling grid as its ISO-8601 duration says it, before any anchor, business days or zone: a whole
 * number of seconds dividing a day, a day, a week, or a count of months dividing a year. Parsed once, when a
 * {@link Frequency} is made; the grid's arithmetic reads the unit and amount from here.
 *
 * @param text   the canonical spelling ({@code PT1H} for {@code PT60M}, {@code P1W} for {@code P7D})
 * @param amount seconds for {@link Unit#SECONDS}, 1 for days and weeks, months per step for {@link Unit#MONTHS}
 */
record GridStep(String text, Unit unit, long amount) {

    static final long SECONDS_PER_DAY = 86_400;

    enum Unit { SECONDS, DAYS, WEEKS, MONTHS }

    /** @throws IllegalArgumentException naming what is supported, when the text is not a supported step */
    static GridStep parse(String text) {
        if (text == null || text.isBlank()) {
            throw unsupported(text);
        }
        String normalized = text.trim().toUpperCase(Locale.ROOT);
        try {
            if (normalized.startsWith("PT")) {
                Duration duration = Duration.parse(normalized);
                long seconds = duration.getSeconds();
                if (seconds <= 0 || SECONDS_PER_DAY % seconds != 0 || duration.getNano() != 0) {
                    throw unsupported(text);
                }
                return new GridStep(Duration.ofSeconds(seconds).toString(), Unit.SECONDS, seconds);
            }
            Period period = Period.parse(normalized);
            if (period.isNegative() || period.isZero()) {
                throw unsupported(text);
            }
            if (normalized.equals("P1D")) {
                return new GridStep("P1D", Unit.DAYS, 1);
            }
            if (normalized.equals("P1W") || normalized.equals("P7D")) {
                return new GridStep("P1W", Unit.WEEKS, 1);
            }
            if (period.getDays() == 0 && period.getYears() == 0 && 12 % period.getMonths() == 0) {
                return new GridStep("P" + period.getMonths() + "M", Unit.MONTHS, period.getMonths());
            }
            if (period.getDays() == 0 && period.getMonths() == 0 && period.getYears() == 1) {
                return new GridStep("P1Y", Unit.MONTHS, 12);
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

    /** The length of one step, nominally: a month counts 30 days (a year 365). */
    Duration nominal() {
        return switch (unit) {
            case SECONDS -> Duration.ofSeconds(amount);
            case DAYS -> Duration.ofDays(1);
            case WEEKS -> Duration.ofDays(7);
            case MONTHS -> amount == 12 ? Duration.ofDays(365) : Duration.ofDays(30 * amount);
        };
    }
}
