package dev.tsforge.series;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;

/**
 * What a series' first batch says about a grid the client left open: the weekday of weekly stamps, month-end
 * stamps, weekend-free daily data. Only stamps that prove a choice change the default; when they fit the default,
 * or nothing, the default stays (and off-grid stamps are then refused as usual).
 */
final class GridInference {

    /**
     * The span of weekend-free daily stamps that makes them business days: 21 days hold three whole weekends, six
     * weekend days without a stamp. Two weekends are too easily a coincidence (a short extract, a sensor that was
     * off twice); a full calendar-daily series is rarely missing three weekends in a row and nothing else.
     */
    static final int BUSINESS_DAYS_MIN_SPAN_DAYS = 21;
    /**
     * And the stamps must cover at least half the weekdays of that span, so that a sparse daily series (a reading
     * now and then) is not taken for a business-day one because its few readings happened on weekdays.
     */
    static final double BUSINESS_DAYS_MIN_WEEKDAY_SHARE = 0.5;

    private GridInference() {
    }

    /**
     * The grid the stamps ask for, starting from {@code pending} (a grid with its default anchor and no business
     * days, in the series' zone).
     */
    static Frequency infer(Frequency pending, Collection<Instant> stamps) {
        if (stamps.isEmpty()) {
            return pending;
        }
        List<LocalDate> dates = stamps.stream().map(t -> LocalDate.ofInstant(t, pending.zone())).toList();
        if (pending.weekly()) {
            DayOfWeek weekday = dates.get(0).getDayOfWeek();
            boolean oneWeekday = dates.stream().allMatch(date -> date.getDayOfWeek() == weekday);
            return oneWeekday ? with(pending, weekday.name(), false) : pending;
        }
        if (pending.monthBased()) {
            boolean periodEnds = dates.stream().allMatch(date -> isPeriodEnd(date, pending.months()));
            return periodEnds ? with(pending, Frequency.END, false) : pending;
        }
        if (pending.daily() && looksLikeBusinessDays(dates)) {
            return with(pending, null, true);
        }
        return pending;
    }

    private static boolean isPeriodEnd(LocalDate date, long monthsPerStep) {
        return date.equals(YearMonth.from(date).atEndOfMonth()) && date.getMonthValue() % monthsPerStep == 0;
    }

    private static boolean looksLikeBusinessDays(List<LocalDate> dates) {
        if (dates.stream().anyMatch(GridInference::isWeekend)) {
            return false;
        }
        LocalDate first = dates.stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate last = dates.stream().max(LocalDate::compareTo).orElseThrow();
        long span = ChronoUnit.DAYS.between(first, last) + 1;
        if (span < BUSINESS_DAYS_MIN_SPAN_DAYS) {
            return false;
        }
        long weekdays = first.datesUntil(last.plusDays(1)).filter(date -> !isWeekend(date)).count();
        long stamped = dates.stream().distinct().count();
        return stamped >= BUSINESS_DAYS_MIN_WEEKDAY_SHARE * weekdays;
    }

    private static boolean isWeekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static Frequency with(Frequency pending, String anchor, boolean businessDays) {
        return Frequency.of(pending.toString(), anchor, businessDays, pending.zone());
    }
}
