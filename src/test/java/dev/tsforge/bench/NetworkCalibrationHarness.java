package dev.tsforge.bench;

import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.ConformalCalibration;
import dev.tsforge.evaluation.RollingOrigins;
import dev.tsforge.forecasting.ForecastIntervals;
import dev.tsforge.model.Architecture;
import dev.tsforge.model.History;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.StatisticalSpec.Method;
import dev.tsforge.model.TrainingOutcome;
import dev.tsforge.model.internal.network.Dl4jTrainer;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.training.AutoNetworks;
import dev.tsforge.training.IntervalCalibration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a network's intervals under-cover because they are calibrated on the windows its early stopping chose the
 * epoch on (issue #18): for the networks AUTO served, each trained anew at about ten origins a horizon apart at the
 * end of its series (its spec fixed, as the benchmark's refitting backtests train it), with the origin's last horizon
 * held out of the fit as the service holds it out. {@code CURRENT}: early stopping on the newest fifth of the windows
 * and calibration from their origins, as {@link IntervalCalibration} does. {@code SPLIT}: the same training windows,
 * early stopping on the older half of those validation windows only, calibration from the origins of the newer half,
 * which neither the fit nor the choice of epoch saw. {@code NEWER}: the current network, calibrated from the origins
 * of the newer half only, the farther from its last training window (as the forecast from the series' end is).
 * {@code NAIVE_NARROW} and {@code NAIVE_SPREAD}: naive on the same folds, calibrated from the network's origins or,
 * as the service calibrates a statistical method, from origins spread over the whole run. {@code FLOORED}: the
 * current network's intervals, each no narrower than {@code NAIVE_SPREAD}'s; {@code FLOORED_THETA}: than Theta's,
 * calibrated as the service calibrates it. Not a test: prints per
 * series and pooled the coverage of the 80 % and 95 % intervals, their mean 95 % width relative to the current ones,
 * the forecasts' MASE, and per series the mean ratio of a fold's MAE to the calibration origins' (network and naive).
 *
 * <p>Arguments: the manifest, then series:ARCHITECTURE:hidden:lookback for each network, e.g.
 * {@code BJsales:LSTM:16:9}.
 */
public final class NetworkCalibrationHarness {

    private static final List<Double> LEVELS = List.of(80.0, 95.0);
    private static final int EVALUATIONS = 10;
    private static final String[] VARIANTS = {"CURRENT", "SPLIT", "NEWER", "NAIVE_NARROW", "NAIVE_SPREAD",
        "FLOORED", "FLOORED_THETA"};

    private NetworkCalibrationHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path manifest = Path.of(args[0]);
        Map<String, ManifestEntry> entries = new LinkedHashMap<>();
        for (ManifestEntry entry : ManifestEntry.read(manifest)) {
            entries.put(entry.name(), entry);
        }
        ModelTrainer trainer = new ModelTrainer(new Dl4jTrainer());
        Path file = Files.createTempFile("calibration", ".zip");
        double[][] pooled = new double[VARIANTS.length][5];   // inside 80, inside 95, actuals, width 95, MASE
        int pooledFolds = 0;
        for (String network : Arrays.copyOfRange(args, 1, args.length)) {
            String[] parts = network.split(":");
            ManifestEntry entry = entries.get(parts[0]);
            double[] run = RolloutAccuracyHarness.lastRun(BenchSeries.load(manifest.resolveSibling(entry.file()),
                    entry).values());
            int h = entry.horizon();
            int m = entry.period();
            NetworkSpec spec = AutoNetworks.spec(Architecture.valueOf(parts[1]), Integer.parseInt(parts[2]),
                    Integer.parseInt(parts[3]), h);
            double[][] counts = new double[VARIANTS.length][5];
            double[] ratios = new double[2];   // the network's and naive's fold error over calibration error, summed
            int folds = 0;
            int step = Math.max(1, Math.min(h, (run.length / 2) / EVALUATIONS));
            for (int e = 0; e < EVALUATIONS; e++) {
                int origin = run.length - h - e * step;
                if (origin < Math.max(2 * h, run.length / 2)) {
                    break;
                }
                scoreFold(trainer, spec, run, origin, m, counts, ratios, file, parts[0] + " fold " + e);
                folds++;
            }
            System.out.println(line("series", parts[0] + " " + parts[1] + "[" + parts[2] + "] lookback " + parts[3],
                    counts, folds));
            System.out.printf(Locale.ROOT, "{\"series\": \"%s\", \"fold MAE over calibration MAE\": {\"network\": "
                    + "%.2f, \"naive\": %.2f}}%n", parts[0], ratios[0] / folds, ratios[1] / folds);
            for (int v = 0; v < VARIANTS.length; v++) {
                for (int i = 0; i < 5; i++) {
                    pooled[v][i] += counts[v][i];
                }
            }
            pooledFolds += folds;
        }
        System.out.println(line("pooled", "all", pooled, pooledFolds));
        Files.deleteIfExists(file);
    }

    /**
     * Trains the network on the values before {@code origin} less a horizon, calibrates it each way, and adds each
     * variant's hits, widths and MASE at the origin to {@code counts}, and the fold's error over the calibration
     * origins' to {@code ratios} (the network's, then naive's).
     */
    private static void scoreFold(ModelTrainer trainer, NetworkSpec spec, double[] run, int origin, int m,
            double[][] counts, double[] ratios, Path file, String fold) {
        int h = spec.horizon();
        double[] history = Arrays.copyOf(run, origin);
        double[] fit = Arrays.copyOf(history, origin - h);
        double[] actual = Arrays.copyOfRange(run, origin, origin + h);
        double scale = Accuracy.maseScale(history, m < history.length ? m : 1);

        TrainingOutcome current = trainer.train(List.of(fit), spec, m, (epoch, loss, validation) -> { }, file);
        ConformalCalibration currentCalibration = IntervalCalibration.of(history, fit.length, spec, current);

        int validation = current.validationWindows();
        int newer = validation / 2;
        int windows = current.windows() + validation - newer;
        NetworkSpec older = spec.withValidation((validation - newer + 0.5) / windows,
                spec.earlyStoppingPatience());
        TrainingOutcome split = trainer.train(List.of(Arrays.copyOf(fit, fit.length - newer)), older, m,
                (epoch, loss, v) -> { }, file);
        ForecastIntervals currentIntervals = ForecastIntervals.of(currentCalibration, history, m, h, LEVELS);
        ForecastIntervals splitIntervals = ForecastIntervals.of(calibrate(history, fit.length - newer, h,
                split.predictor(), spec.lookback()), history, m, h, LEVELS);
        ForecastIntervals newerIntervals = ForecastIntervals.of(calibrate(history, fit.length - newer, h,
                current.predictor(), spec.lookback()), history, m, h, LEVELS);
        double[][] currentWidths = currentIntervals.halfWidths();
        double[] currentForecast = current.predictor().forecast(History.of(history), h);
        score(counts[0], currentForecast, actual, currentWidths, currentWidths, scale);
        score(counts[1], split.predictor().forecast(History.of(history), h), actual,
                splitIntervals.halfWidths(), currentWidths, scale);
        score(counts[2], currentForecast, actual, newerIntervals.halfWidths(), currentWidths, scale);
        // naive, calibrated from the network's origins or, as the service calibrates it, from origins spread
        // over the whole run: whether the narrow window alone makes intervals too short
        int naiveLookback = StatisticalSpec.recentLookback(m, history.length);
        Predictor naive = ModelTrainer.statistical(StatisticalSpec.of(Method.NAIVE, naiveLookback, h,
                GapPolicy.SPLIT, 1), m);
        double[] naiveForecast = naive.forecast(History.of(history), h);
        score(counts[3], naiveForecast, actual, ForecastIntervals.of(calibrate(history, fit.length - validation,
                h, naive, naiveLookback), history, m, h, LEVELS).halfWidths(), currentWidths, scale);
        // IntervalCalibration's first origin for a statistical model
        int spreadFirst = Math.min(naiveLookback, fit.length / 2);
        double[][] spreadWidths = ForecastIntervals.of(calibrate(history, spreadFirst, h, naive, naiveLookback),
                history, m, h, LEVELS).halfWidths();
        score(counts[4], naiveForecast, actual, spreadWidths, currentWidths, scale);
        score(counts[5], currentForecast, actual, floor(currentWidths, spreadWidths), currentWidths, scale);
        Predictor theta = ModelTrainer.statistical(StatisticalSpec.of(Method.THETA, naiveLookback, h,
                GapPolicy.SPLIT, 1), m);
        double[][] thetaWidths = ForecastIntervals.of(calibrate(history, spreadFirst, h, theta, naiveLookback),
                history, m, h, LEVELS).halfWidths();
        score(counts[6], currentForecast, actual, floor(currentWidths, thetaWidths), currentWidths, scale);
        // mean absolute errors at the calibration origins and at the fold's origin, the network's and naive's
        double networkErrors = 0;
        double naiveErrors = 0;
        int origins = 0;
        for (int o = Math.max(spec.lookback(), fit.length - validation); o <= history.length - h; o++) {
            double[] target = Arrays.copyOfRange(history, o, o + h);
            History before = History.of(Arrays.copyOf(history, o));
            networkErrors += mae(current.predictor().forecast(before, h), target);
            naiveErrors += mae(naive.forecast(before, h), target);
            origins++;
        }
        ratios[0] += mae(currentForecast, actual) / (networkErrors / origins);
        ratios[1] += mae(naiveForecast, actual) / (naiveErrors / origins);
        System.err.printf(Locale.ROOT, "%s: best epochs %d/%d, validation windows %d/%d, intervals %s/%s%n", fold,
                current.bestEpoch(), split.bestEpoch(), validation, split.validationWindows(),
                currentIntervals.sources(), splitIntervals.sources());
    }

    /** Each width no narrower than the floor's. */
    private static double[][] floor(double[][] widths, double[][] floor) {
        double[][] floored = new double[widths.length][];
        for (int l = 0; l < widths.length; l++) {
            floored[l] = new double[widths[l].length];
            for (int k = 0; k < widths[l].length; k++) {
                floored[l][k] = Math.max(widths[l][k], floor[l][k]);
            }
        }
        return floored;
    }

    private static double mae(double[] forecast, double[] actual) {
        return Accuracy.of(actual, forecast, 1).mae();
    }

    /** As {@link IntervalCalibration} calibrates, from {@code firstOrigin} on. */
    private static ConformalCalibration calibrate(double[] history, int firstOrigin, int h, Predictor predictor,
            int lookback) {
        return RollingOrigins.calibrate(history, firstOrigin, h,
                (values, steps) -> predictor.forecast(History.of(values), steps), () -> false, Math.max(2, lookback),
                IntervalCalibration.MAX_ORIGINS);
    }

    /** Adds the forecast's hits, actual values, 95 % width relative to the current one and MASE to {@code counts}. */
    private static void score(double[] counts, double[] forecast, double[] actual, double[][] widths,
            double[][] currentWidths, double scale) {
        double mae = 0;
        for (int k = 0; k < actual.length; k++) {
            double error = Math.abs(actual[k] - forecast[k]);
            for (int l = 0; l < LEVELS.size(); l++) {
                if (error <= widths[l][k]) {
                    counts[l]++;
                }
            }
            counts[3] += widths[1][k] / currentWidths[1][k];
            mae += error / actual.length;
        }
        counts[2] += actual.length;
        counts[4] += mae / scale;
    }

    private static String line(String key, String name, double[][] counts, int folds) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "{\"%s\": \"%s\", \"folds\": %d", key, name,
                folds));
        for (int v = 0; v < VARIANTS.length; v++) {
            double[] c = counts[v];
            line.append(String.format(Locale.ROOT, ", \"%s\": {\"80\": %.1f, \"95\": %.1f, \"width 95\": %.2f, "
                    + "\"MASE\": %.3f}", VARIANTS[v], 100 * c[0] / c[2], 100 * c[1] / c[2], c[3] / c[2],
                    c[4] / Math.max(1, folds)));
        }
        return line.append('}').toString();
    }
}
