package dev.tsforge.bench;

import dev.tsforge.model.History;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.StatisticalSpec.Method;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.statistics.Arima;
import dev.tsforge.statistics.Ets;
import dev.tsforge.statistics.Gaps;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ARIMA on the whole last run against ARIMA on the recent window, alone and as a member of the standing median of
 * ETS, ARIMA and Theta and of their mean (issue #18), without the service and without selection: on each public
 * series of bench/accuracy, each method's form or order is chosen on the training part's last gap-free run as AUTO's
 * final fit chooses it (ARIMA's search within AUTO's time limit at a 60 s budget) and its forecast scored against the
 * holdout, M4's way; then the same at up to three earlier origins, each a horizon before the previous, where the
 * series leaves at least two horizons to fit on (an origin right after a missing value is skipped). Not a test:
 * prints one JSON line per series and origin, then the OWA per group and overall on the holdout alone and pooled
 * over the origins, the paired per-forecast OWA differences of the mixed median from the windowed one and of the
 * mean from the median, and the mean seconds per fit.
 *
 * <p>Arguments: the manifest (bench/accuracy/manifest.csv). With {@code -Dharness.r=true} and R installed, R's ETS and
 * auto.arima too, each fitted on the whole training part before the origin, as the accuracy benchmark fits them.
 */
public final class ArimaWholeRunHarness {

    /** AUTO's ARIMA search limit at a 60 s budget: a quarter of the search's share of it. */
    private static final Duration ARIMA_LIMIT = Duration.ofSeconds(12);
    private static final int ORIGINS = 4;

    private ArimaWholeRunHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path manifest = Path.of(args[0]);
        List<Score> holdout = new ArrayList<>();
        List<Score> pooled = new ArrayList<>();
        Map<String, double[]> seconds = new LinkedHashMap<>();   // method -> total seconds, fits
        RClassics classics = Boolean.getBoolean("harness.r") && RClassics.available()
                ? new RClassics(Path.of("bench/accuracy/classics.R")) : null;
        for (ManifestEntry entry : ManifestEntry.read(manifest)) {
            BenchSeries series = BenchSeries.load(manifest.resolveSibling(entry.file()), entry);
            double[] all = series.values();
            int h = entry.horizon();
            for (int k = 0; k < ORIGINS; k++) {
                int cut = all.length - h - k * h;
                double[] training = Arrays.copyOf(all, cut);
                double[] run = RolloutAccuracyHarness.lastRun(training);
                if (run.length == 0) {
                    System.out.printf(Locale.ROOT, "{\"series\": \"%s\", \"origin\": %d, \"skipped\": \"the "
                            + "training part ends on a missing value\"}%n", entry.name(), k);
                    continue;
                }
                if (k > 0 && run.length < Math.max(2 * h, 12)) {
                    break;
                }
                double[] actual = Arrays.copyOfRange(all, cut, cut + h);
                Map<String, double[]> forecasts = forecasts(run, entry.period(), h, seconds);
                if (classics != null) {
                    // R fits the whole training part, gaps filled by na.interp, as in the accuracy benchmark
                    for (MethodForecast f : classics.forecast(new BenchSeries(entry, List.of(), List.of(), null,
                            training, new double[h]))) {
                        if (!f.method().equals("thetaf")) {
                            forecasts.put("R " + f.method(), f.mean());
                        }
                    }
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                        "{\"series\": \"%s\", \"group\": \"%s\", \"origin\": %d, \"run\": %d", entry.name(),
                        entry.group(), k, run.length));
                OriginScores scores = new OriginScores(entry, k, training, actual);
                for (String method : forecasts.keySet()) {
                    line.append(String.format(Locale.ROOT, ", \"%s\": %.3f", method,
                            scores.add(method, forecasts.get(method))));
                }
                System.out.println(line.append('}'));
                pooled.addAll(scores.scores());
                if (k == 0) {
                    holdout.addAll(scores.scores());
                }
            }
        }
        report("holdout", holdout);
        report("pooled over origins", pooled);
        seconds.forEach((method, s) -> System.out.printf(Locale.ROOT,
                "{\"seconds per fit\": \"%s\", \"mean\": %.3f, \"fits\": %.0f}%n", method, s[0] / s[1], s[1]));
    }

    /** Each method's forecast from the end of {@code run}, as the service refits it there. */
    private static Map<String, double[]> forecasts(double[] run, int m, int h, Map<String, double[]> seconds) {
        double[] window = Gaps.lastFilled(run, run.length, StatisticalSpec.recentLookback(m, run.length));
        double[] whole = Gaps.lastFilled(run, run.length, Math.min(StatisticalSpec.MAX_LOOKBACK, run.length));
        Map<String, double[]> forecasts = new LinkedHashMap<>();
        forecasts.put("ARIMA window", timed("ARIMA window", seconds, () -> arima(window, run, m, h)));
        forecasts.put("ARIMA whole", timed("ARIMA whole", seconds, () -> arima(whole, run, m, h)));
        forecasts.put("ETS window", timed("ETS window", seconds, () -> ets(window, run, m, h)));
        forecasts.put("Theta window", timed("Theta window", seconds,
                () -> forecast(StatisticalSpec.of(Method.THETA, window.length, h, GapPolicy.SPLIT, 1), run, m, h)));
        for (String arima : List.of("window", "whole")) {
            List<double[]> members = new ArrayList<>();
            for (String member : List.of("ETS window", "ARIMA " + arima, "Theta window")) {
                if (forecasts.get(member) != null) {
                    members.add(forecasts.get(member));
                }
            }
            forecasts.put("median, ARIMA " + arima, StatisticalSpec.combine(members, h));
            if (arima.equals("whole")) {
                forecasts.put("mean, ARIMA whole", mean(members, h));
            }
        }
        // a method that fits nothing is served as the predictor serves it: Theta in its place
        forecasts.replaceAll((method, forecast) -> forecast != null ? forecast : forecasts.get("Theta window"));
        return forecasts;
    }

    /** The equal-weight mean of the members (Hyndman's hybrid of ETS, ARIMA and Theta), step by step. */
    private static double[] mean(List<double[]> members, int h) {
        double[] mean = new double[h];
        for (double[] member : members) {
            for (int step = 0; step < h; step++) {
                mean[step] += member[step] / members.size();
            }
        }
        return mean;
    }

    /** The order the search chooses on {@code values}, refitted by the service's predictor; null when none fits. */
    private static double[] arima(double[] values, double[] run, int m, int h) {
        String order;
        try {
            order = Arima.select(values, period(m, values), ARIMA_LIMIT).order().toString();
        } catch (IllegalArgumentException | IllegalStateException unfit) {
            return null;
        }
        return forecast(new StatisticalSpec(List.of(Method.ARIMA), null, order, window(values.length, h)), run, m, h);
    }

    private static double[] ets(double[] values, double[] run, int m, int h) {
        String form;
        try {
            form = Ets.select(values, period(m, values)).form().toString();
        } catch (IllegalArgumentException unfit) {
            return null;
        }
        return forecast(new StatisticalSpec(List.of(Method.ETS), form, null, window(values.length, h)), run, m, h);
    }

    private static double[] forecast(StatisticalSpec spec, double[] run, int m, int h) {
        return ModelTrainer.statistical(spec, m).forecast(History.of(run), h);
    }

    private static WindowSpec window(int lookback, int h) {
        return new WindowSpec(lookback, h, OutputStrategy.DIRECT, GapPolicy.SPLIT, 1);
    }

    private static int period(int m, double[] values) {
        return m < values.length ? m : 1;
    }

    private static double[] timed(String method, Map<String, double[]> seconds,
            java.util.function.Supplier<double[]> fit) {
        long started = System.nanoTime();
        double[] forecast = fit.get();
        double[] total = seconds.computeIfAbsent(method, k -> new double[2]);
        total[0] += (System.nanoTime() - started) / 1e9;
        total[1]++;
        return forecast;
    }

    private static void report(String label, List<Score> scores) {
        OriginScores.report(label, scores);
        List<String> groups = new ArrayList<>(GroupScore.groups(scores));
        groups.add(GroupScore.ALL);
        for (String[] pair : List.of(new String[] {"median, ARIMA whole", "median, ARIMA window"},
                new String[] {"mean, ARIMA whole", "median, ARIMA whole"})) {
            for (String group : groups) {
                System.out.printf(Locale.ROOT, "{\"%s\": \"%s - %s\", \"group\": \"%s\", "
                        + "\"mean OWA difference\": %s}%n", label, pair[0], pair[1], group,
                        pairedDifference(scores, group, pair[0], pair[1]));
            }
        }
    }

    /** Per forecast, {@code method}'s OWA less {@code other}'s: mean, standard error, better/worse/equal. */
    private static String pairedDifference(List<Score> scores, String group, String method, String other) {
        List<Double> differences = new ArrayList<>();
        for (String name : GroupScore.seriesOf(scores, group)) {
            differences.add(GroupScore.find(scores, name, method).owa() - GroupScore.find(scores, name, other).owa());
        }
        int n = differences.size();
        double mean = differences.stream().mapToDouble(d -> d).sum() / n;
        double variance = differences.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / Math.max(1, n - 1);
        return String.format(Locale.ROOT, "%.3f, \"standard error\": %.3f, \"better\": %d, \"worse\": %d, "
                + "\"same\": %d", mean, Math.sqrt(variance / n), differences.stream().filter(d -> d < -5e-4).count(),
                differences.stream().filter(d -> d > 5e-4).count(),
                differences.stream().filter(d -> Math.abs(d) <= 5e-4).count());
    }
}
