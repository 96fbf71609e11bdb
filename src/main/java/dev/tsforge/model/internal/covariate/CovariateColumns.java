package dev.tsforge.model.internal.covariate;

import dev.tsforge.model.CalendarFeature;
import dev.tsforge.model.Covariates;
import dev.tsforge.series.Frequency;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Computes the columns of {@link Covariates} at grid timestamps, in the grid's zone: what a network reads beside the
 * value at each step, in {@link Covariates#columns()} order. Plain arithmetic on timestamps, so the same call serves
 * training windows, forecast windows and the horizon beyond them.
 */
public final class CovariateColumns {

    private final Covariates covariates;
    private final HolidayCalendar holidays;

    private CovariateColumns(Covariates covariates, HolidayCalendar holidays) {
        this.covariates = covariates;
        this.holidays = holidays;
    }

    public static CovariateColumns of(Covariates covariates) {
        return new CovariateColumns(covariates,
                covariates.holidays() == null ? null : HolidayCalendar.of(covariates.holidays()));
    }

    /** All the inputs after the value: the computed columns, then the stored covariate series. */
    public int width() {
        return covariates.width();
    }

    public Covariates covariates() {
        return covariates;
    }

    /**
     * The computed columns at {@code count} consecutive grid steps from {@code first}: {@code [count][computed]}
     * flattened, {@code computed} being {@link Covariates#computedWidth()}.
     */
    public float[] at(Frequency grid, Instant first, int count) {
        int width = covariates.computedWidth();
        float[] rows = new float[count * width];
        long start = grid.index(first);
        for (int i = 0; i < count; i++) {
            row(LocalDateTime.ofInstant(grid.instantAt(start + i), grid.zone()), rows, i * width);
        }
        return rows;
    }

    /** One step's columns at local time {@code t}, written from {@code offset}. */
    void row(LocalDateTime t, float[] out, int offset) {
        int c = offset;
        for (CalendarFeature feature : covariates.calendar()) {
            out[c++] = (float) feature.sin(t);
            out[c++] = (float) feature.cos(t);
        }
        if (holidays != null) {
            LocalDate day = t.toLocalDate();
            int reach = Covariates.HOLIDAY_REACH;
            out[c++] = holidays.isHoliday(day) ? 1f : 0f;
            out[c++] = holidays.daysTo(day, true, reach) / (float) reach;
            out[c] = holidays.daysTo(day, false, reach) / (float) reach;
        }
    }
}
