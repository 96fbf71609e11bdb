package dev.tsforge.forecasting.web;

import dev.tsforge.forecasting.Forecast;
import java.util.Locale;

/** A forecast as CSV, one row per step: {@code step,timestamp,value,lower_80,upper_80,...}. */
final class ForecastCsv {

    static final String TEXT_CSV = "text/csv";

    private ForecastCsv() {
    }

    static String format(Forecast forecast) {
        StringBuilder csv = new StringBuilder("step,timestamp,value");
        for (double level : forecast.levels()) {
            String name = level == Math.rint(level) ? String.valueOf((long) level) : String.valueOf(level);
            csv.append(",lower_").append(name).append(",upper_").append(name);
        }
        csv.append('\n');
        for (Forecast.Step step : forecast.points()) {
            csv.append(step.step()).append(',').append(step.timestamp() == null ? "" : step.timestamp())
                    .append(',').append(step.value());
            for (Forecast.Interval interval : step.intervals()) {
                csv.append(',').append(bound(interval.lower())).append(',').append(bound(interval.upper()));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static String bound(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%s", value);
    }
}
