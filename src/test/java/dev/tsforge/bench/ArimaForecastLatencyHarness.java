package dev.tsforge.bench;

import dev.tsforge.model.History;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.Predictor;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one served forecast of an ARIMA model and of the standing combination (ETS, ARIMA, Theta) costs when ARIMA
 * reads the recent window (before) and the whole run (after), in process: the predictor the service loads, its order
 * and form chosen once as AUTO's final fit chooses them, then {@code repeats} forecasts from the series' last run
 * after as many to warm up; the median of them. Not a test: prints one JSON line per series.
 *
 * <p>Arguments: the manifest (bench/accuracy/manifest.csv), the repeats, the series (comma-separated; all when
 * empty).
 */
public final class ArimaForecastLatencyHarness {

    private ArimaForecastLatencyHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path manifest = Path.of(args[0]);
        int repeats = Integer.parseInt(args[1]);
        List<ManifestEntry> entries = ManifestEntry.select(ManifestEntry.read(manifest), args.length > 2 ? args[2]
                : "");
        for (ManifestEntry entry : entries) {
            BenchSeries series = BenchSeries.load(manifest.resolveSibling(entry.file()), entry);
            double[] run = RolloutAccuracyHarness.lastRun(series.training());
            int m = entry.period();
            int h = entry.horizon();
            int recent = StatisticalSpec.recentLookback(m, run.length);
            int whole = Math.min(StatisticalSpec.MAX_LOOKBACK, run.length);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "{\"series\": \"%s\", \"run\": %d, \"window\": %d, \"whole\": %d", entry.name(), run.length,
                    recent, whole));
            double[] window = Gaps.lastFilled(run, run.length, recent);
            String form = Ets.select(window, m < window.length ? m : 1).form().toString();
            for (int arimaReads : new int[] {recent, whole}) {
                double[] values = Gaps.lastFilled(run, run.length, arimaReads);
                String order = Arima.select(values, m < values.length ? m : 1, Duration.ofSeconds(12)).order()
                        .toString();
                WindowSpec spec = new WindowSpec(recent, h, OutputStrategy.DIRECT, GapPolicy.SPLIT, 1);
                String label = arimaReads == recent ? "window" : "whole";
                Integer arimaLookback = arimaReads == recent ? null : arimaReads;
                double arima = medianMillis(ModelTrainer.statistical(new StatisticalSpec(List.of(Method.ARIMA),
                        null, order, spec, arimaLookback), m), run, h, repeats);
                double standing = medianMillis(ModelTrainer.statistical(new StatisticalSpec(List.of(Method.ETS,
                        Method.ARIMA, Method.THETA), form, order, spec, arimaLookback), m), run, h, repeats);
                line.append(String.format(Locale.ROOT, ", \"order %s\": \"%s\", \"ARIMA %s ms\": %.2f, "
                        + "\"standing %s ms\": %.2f", label, order, label, arima, label, standing));
            }
            System.out.println(line.append('}'));
        }
    }

    private static double medianMillis(Predictor predictor, double[] run, int h, int repeats) {
        History history = History.of(run);
        for (int i = 0; i < repeats; i++) {
            predictor.forecast(history, h);
        }
        double[] millis = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long started = System.nanoTime();
            predictor.forecast(history, h);
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        return millis[repeats / 2];
    }
}
