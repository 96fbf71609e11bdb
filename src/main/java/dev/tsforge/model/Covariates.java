package dev.tsforge.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.tsforge.model.internal.covariate.HolidayCalendar;
import dev.tsforge.series.Frequency;
import dev.tsforge.series.Label;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The known-future inputs a network computes itself from each step's timestamp, for the window and for the horizon
 * alike, so that forecasts, backtests and charts need nothing more from the caller: calendar cycles in the series'
 * zone and the public holidays of a country or region; and stored covariate series (known-future or past-only) by name,
 * which join them as further columns of the same schema, read from the store (or a request) rather than computed.
 *
 * @param calendar the cycles, each two inputs (sine, cosine)
 * @param holidays a country or region code as Jollyday names it ({@code DE}, {@code US-NY}, {@code DE-BY}), or null:
 *                 three inputs, whether the day is a public holiday and the days to the next and since the last (up to
 *                 {@link #HOLIDAY_REACH})
 * @param series   stored covariate series, one input each, after the computed ones
 * @param labels   static labels of a global network's members, one-hot each after the series ({@link StaticLabel})
 */
public record Covariates(List<CalendarFeature> calendar, String holidays, List<SeriesCovariate> series,
        List<StaticLabel> labels) {

    public static final Covariates NONE = new Covariates(List.of(), null);

    /** Days beyond which the next or last holiday counts as far: the days around a holiday are what differ. */
    public static final int HOLIDAY_REACH = 7;

    public Covariates {
        calendar = calendar == null ? List.of() : List.copyOf(calendar.stream().distinct().toList());
        holidays = holidays == null || holidays.isBlank() ? null : holidays.trim().toUpperCase(Locale.ROOT);
        series = series == null ? List.of() : List.copyOf(series);
        if (series.stream().map(SeriesCovariate::name).distinct().count() != series.size()) {
            throw new InvalidSpecException("covariates.series", "names a covariate twice: " + series.stream()
                    .map(SeriesCovariate::name).toList());
        }
        labels = labels == null ? List.of() : List.copyOf(labels);
        if (labels.stream().map(StaticLabel::key).distinct().count() != labels.size()) {
            throw new InvalidSpecException("covariates.labels", "names a label twice: " + labels.stream()
                    .map(StaticLabel::key).toList());
        }
    }

    /** Without labels, as every single-series spec. */
    public Covariates(List<CalendarFeature> calendar, String holidays, List<SeriesCovariate> series) {
        this(calendar, holidays, series, List.of());
    }

    /** Computed inputs only, as every spec before stored covariate series. */
    public Covariates(List<CalendarFeature> calendar, String holidays) {
        this(calendar, holidays, List.of());
    }

    @JsonIgnore   // not a property of the spec as JSON (provenance): it says nothing the fields do not
    public boolean isEmpty() {
        return calendar.isEmpty() && holidays == null && series.isEmpty() && labels.isEmpty();
    }

    /** These covariates with {@code resolved} (the same names, kinds looked up) as their stored series. */
    public Covariates withSeries(List<SeriesCovariate> resolved) {
        return new Covariates(calendar, holidays, resolved, labels);
    }

    /** These covariates with {@code trained} (the same keys, with the values seen in training) as their labels. */
    public Covariates withLabels(List<StaticLabel> trained) {
        return new Covariates(calendar, holidays, series, trained);
    }

    /** The stored covariate series of {@code kind}. */
    public List<SeriesCovariate> series(CovariateKind kind) {
        return series.stream().filter(s -> s.kind() == kind).toList();
    }

    /**
     * Input columns besides the value, in the order the network reads them: the computed ones, then the series, then
     * the labels' slots.
     */
    public List<String> columns() {
        List<String> names = new ArrayList<>(computedColumns());
        series.forEach(s -> names.add(s.name()));
        labels.forEach(l -> names.addAll(l.columns()));
        return names;
    }

    /** Inputs before the labels' slots: the computed columns and the series. */
    @JsonIgnore
    public int labelOffset() {
        return computedWidth() + series.size();
    }

    /** The columns computed from timestamps, in the order the network reads them. */
    @JsonIgnore
    public List<String> computedColumns() {
        List<String> names = new ArrayList<>();
        for (CalendarFeature feature : calendar) {
            String name = feature.name().toLowerCase(Locale.ROOT);
            names.add(name + "_sin");
            names.add(name + "_cos");
        }
        if (holidays != null) {
            names.add("holiday");
            names.add("days_to_holiday");
            names.add("days_since_holiday");
        }
        return names;
    }

    public int width() {
        return columns().size();
    }

    /** Inputs computed from timestamps: the first {@code computedWidth()} of {@link #width()}. */
    public int computedWidth() {
        return computedColumns().size();
    }

    /**
     * @throws InvalidSpecException naming the region when no holiday calendar is known for it
     */
    public Covariates checked() {
        if (holidays != null) {
            HolidayCalendar.check(holidays);
        }
        List<String> computed = computedColumns();
        for (SeriesCovariate s : series) {
            if (computed.contains(s.name())) {
                throw new InvalidSpecException("covariates.series", "'" + s.name() + "' is also the name of a "
                        + "computed column " + computed + ": rename the covariate series");
            }
        }
        for (StaticLabel label : labels) {
            if (!Label.KEY.matcher(label.key()).matches()) {
                throw new InvalidSpecException("covariates.labels", "'" + label.key() + "' is not a label key "
                        + "(a letter or '_', then letters, digits, '_', '.' or '-')");
            }
        }
        return this;
    }

    /**
     * @throws InvalidSpecException when a calendar feature would be the same at every point of {@code grid} (hour of
     *                              day on a daily series), or holidays are asked of a grid coarser than a day
     */
    public void checkGrid(Frequency grid) {
        Duration step = grid.nominalStep();
        for (CalendarFeature feature : calendar) {
            if (!feature.variesAlong(step)) {
                throw new InvalidSpecException("covariates.calendar", feature + " repeats every "
                        + feature.cycleInWords() + ", and the series' " + grid + " grid steps by that or more: it "
                        + "would be the same at every point. Choose features whose cycle is longer than a step");
            }
        }
        if (holidays != null && step.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidSpecException("covariates.holidays", "holidays mark days; the series' " + grid
                    + " grid steps over several days at once");
        }
    }
}
