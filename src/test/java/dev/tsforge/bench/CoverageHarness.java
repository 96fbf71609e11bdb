package dev.tsforge.bench;

import dev.tsforge.evaluation.ConformalCalibration;
import dev.tsforge.evaluation.RollingOrigins;
import dev.tsforge.forecasting.ForecastIntervals;
import dev.tsforge.model.History;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.StatisticalSpec.Method;
import dev.tsforge.series.Frequency;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.statistics.Ets;
import dev.tsforge.training.IntervalCalibration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Interval coverage of conformal calibration with absolute and with scale-normalised errors (issue #18), without
 * the service: on each public series of bench/accuracy, for naive, Theta and ETS, at about ten evaluation origins a
 * horizon apart ending at the series' end (as the accuracy benchmark's refitting backtests place them), the method is
 * calibrated on rolling origins of the history before the evaluation origin (as {@code IntervalCalibration} does for
 * a statistical model) and its 80 % and 95 % intervals are checked against the values that followed. Not a test:
 * prints one JSON line per series and method and the pooled coverage per group and variant.
 *
 * <p>Arguments: the manifest (bench/accuracy/manifest.csv, or the check set's).
 */
public final class CoverageHarness {

    private static final List<Double> LEVELS = List.of(80.0, 95.0);
    private static final int EVALUATIONS = 10;
    /**
     * Calibration origins as the service takes them, at most 200 spread evenly over every eligible one; with
     * {@code -Dharness.newest=true} the newest 200, as it took them before.
     */
    private static final boolean SPREAD = !Boolean.getBoolean("harness.newest");
    /** Evaluation origins one step apart over the same span ({@code -Dharness.everyOrigin=true}), not a horizon. */
    private static final boolean EVERY_ORIGIN = Boolean.getBoolean("harness.everyOrigin");
    /** The methods checked, by name ({@code -Dharness.methods=NAIVE,THETA}); all four when absent. */
    private static final List<Method> METHODS = System.getProperty("harness.methods", "").isBlank()
            ? List.of(Method.NAIVE, Method.SEASONAL_NAIVE, Method.THETA, Method.ETS)
            : Arrays.stream(System.getProperty("harness.methods").split(",")).map(String::trim)
                    .map(Method::valueOf).toList();

    private CoverageHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path manifest = Path.of(args[0]);
        Map<String, long[]> pooled = new LinkedHashMap<>();   // group/variant -> inside 80, inside 95, actuals
        for (ManifestEntry entry : ManifestEntry.read(manifest)) {
            BenchSeries series = BenchSeries.load(manifest.resolveSibling(entry.file()), entry);
            double[] all = series.values();
            double[] run = lastRun(all);
            int h = entry.horizon();
            int m = entry.period();
            // as the service reads it: a week at least where a week is a season too
            boolean weekly = Frequency.parse(entry.frequency()).weeklySeason(m);
            for (Method method : METHODS) {
                long[][] counts = new long[Variant.values().length][3];
                int step = Math.max(1, Math.min(h, (run.length / 2) / EVALUATIONS));
                // the same span of the series, from every origin in it: a horizon apart, the origins of a monthly
                // series with h = 18 fall in two months of the year only
                int evaluations = EVERY_ORIGIN ? EVALUATIONS * step : EVALUATIONS;
                if (EVERY_ORIGIN) {
                    step = 1;
                }
                for (int e = 0; e < evaluations; e++) {
                    int origin = run.length - h - e * step;
                    if (origin < Math.max(2 * h, run.length / 2)) {
                        break;
                    }
                    double[] history = Arrays.copyOf(run, origin);
                    Predictor predictor = predictor(method, history, m, weekly, h);
                    if (predictor == null) {
                        break;
                    }
                    // IntervalCalibration's earliest origin for a statistical model: its lookback, or half the run
                    int lookback = StatisticalSpec.recentLookback(m, weekly, history.length);
                    int first = Math.max(predictor.minimumHistory(), Math.min(lookback, history.length / 2));
                    int newest = history.length - h;
                    List<double[]> calActual = new ArrayList<>();
                    List<double[]> calForecast = new ArrayList<>();
                    List<double[]> calHistory = new ArrayList<>();
                    int max = IntervalCalibration.MAX_ORIGINS;
                    int[] origins = RollingOrigins.origins(SPREAD ? first : Math.max(first, newest - max + 1), newest,
                            max);
                    for (int o : origins) {
                        calHistory.add(Arrays.copyOf(history, o));
                        calActual.add(Arrays.copyOfRange(history, o, o + h));
                        calForecast.add(predictor.forecast(History.of(Arrays.copyOf(history, o)), h));
                    }
                    Calibrations calibration = new Calibrations(calHistory, calActual, calForecast);
                    double[] forecast = predictor.forecast(History.of(history), h);
                    double[] actual = Arrays.copyOfRange(run, origin, origin + h);
                    for (Variant variant : Variant.values()) {
                        double[][] halfWidths = variant.halfWidths(calibration, history, m, h, lookback);
                        for (int l = 0; l < LEVELS.size(); l++) {
                            for (int k = 0; k < h; k++) {
                                if (!Double.isNaN(halfWidths[l][k])
                                        && Math.abs(actual[k] - forecast[k]) <= halfWidths[l][k]) {
                                    counts[variant.ordinal()][l]++;
                                }
                            }
                        }
                        counts[variant.ordinal()][2] += h;
                    }
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                        "{\"series\": \"%s\", \"group\": \"%s\", \"method\": \"%s\"", entry.name(), entry.group(),
                        method));
                for (Variant variant : Variant.values()) {
                    long[] c = counts[variant.ordinal()];
                    line.append(String.format(Locale.ROOT, ", \"%s\": [%.0f, %.0f]", variant,
                            100.0 * c[0] / Math.max(1, c[2]), 100.0 * c[1] / Math.max(1, c[2])));
                    for (String group : List.of(entry.group(), "all")) {
                        long[] sum = pooled.computeIfAbsent(group + "/" + method + "/" + variant, k -> new long[3]);
                        for (int i = 0; i < 3; i++) {
                            sum[i] += c[i];
                        }
                    }
                }
                System.out.println(line.append(", \"actuals\": ").append(counts[0][2]).append('}'));
            }
        }
        pooled.forEach((key, c) -> System.out.printf(Locale.ROOT, "{\"pooled\": \"%s\", \"coverage\": [%.1f, %.1f], "
                + "\"actuals\": %d}%n", key, 100.0 * c[0] / c[2], 100.0 * c[1] / c[2], c[2]));
    }

    private static Predictor predictor(Method method, double[] history, int m, boolean weekly, int h) {
        // MSTL reads its three weeks, as AUTO's candidate does
        int lookback = method == Method.MSTL_ETS ? StatisticalSpec.weeksLookback(m, history.length)
                : StatisticalSpec.recentLookback(m, weekly, history.length);
        StatisticalSpec spec;
        if (method == Method.ETS) {
            String form;
            try {
                form = Ets.select(history, m).form().toString();
            } catch (IllegalArgumentException unfit) {
                return null;
            }
            spec = new StatisticalSpec(List.of(Method.ETS), form, null,
                    StatisticalSpec.of(Method.NAIVE, lookback, h, GapPolicy.SPLIT, 1).window());
        } else {
            spec = StatisticalSpec.of(method, lookback, h, GapPolicy.SPLIT, 1);
        }
        return ModelTrainer.statistical(spec, m);
    }

    record Calibrations(List<double[]> histories, List<double[]> actual, List<double[]> forecast) {

        ConformalCalibration absolute() {
            return ConformalCalibration.of(actual, forecast);
        }

        ConformalCalibration scaled(java.util.function.ToDoubleFunction<double[]> scale) {
            List<double[]> a = new ArrayList<>();
            List<double[]> f = new ArrayList<>();
            for (int i = 0; i < actual.size(); i++) {
                double s = scale.applyAsDouble(histories.get(i));
                a.add(Arrays.stream(actual.get(i)).map(v -> v / s).toArray());
                f.add(Arrays.stream(forecast.get(i)).map(v -> v / s).toArray());
            }
            return ConformalCalibration.of(a, f);
        }
    }

    enum Variant {
        ABSOLUTE,
        /** mean absolute one-step change over the last max(2h, 2m, 10) values */
        SHORT_SCALE,
        /** the service's: ConformalCalibration.normalised over the values the model reads */
        SERVICE;

        /** @param lookback the values the model reads, over which the service's variant measures its scale */
        double[][] halfWidths(Calibrations calibrations, double[] history, int m, int h, int lookback) {
            if (this == ABSOLUTE) {
                return ForecastIntervals.of(calibrations.absolute(), history, m, h, LEVELS).halfWidths();
            }
            if (this == SERVICE) {
                return ForecastIntervals.of(ConformalCalibration.normalised(calibrations.actual(),
                        calibrations.forecast(), calibrations.histories(), lookback), history, m, h, LEVELS)
                        .halfWidths();
            }
            int w = Math.max(Math.max(2 * h, 2 * m), 10);
            java.util.function.ToDoubleFunction<double[]> scale = values -> meanAbsoluteChange(values, w);
            double s = scale.applyAsDouble(history);
            double[] scaledHistory = Arrays.stream(history).map(v -> v / s).toArray();
            double[][] widths = ForecastIntervals.of(calibrations.scaled(scale), scaledHistory, m, h, LEVELS)
                    .halfWidths();
            for (double[] level : widths) {
                for (int k = 0; k < level.length; k++) {
                    level[k] *= s;
                }
            }
            return widths;
        }
    }

    static double meanAbsoluteChange(double[] values, int window) {
        double mean = ConformalCalibration.scaleOf(values, window);
        return mean > 0 ? mean : 1;
    }

    private static double[] lastRun(double[] values) {
        int start = values.length;
        while (start > 0 && !Double.isNaN(values[start - 1])) {
            start--;
        }
        return Arrays.copyOfRange(values, start, values.length);
    }
}
