package dev.tsforge.bench;

import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.Baselines;
import dev.tsforge.evaluation.Owa;
import dev.tsforge.model.History;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.Rollout;
import dev.tsforge.model.internal.network.Dl4jPredictor;
import dev.tsforge.model.internal.network.Dl4jTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * SLIDING against STATEFUL on the same trained networks (issue #21): on each public series of bench/accuracy, under
 * the M4 protocol, the default network spec (LSTM(32), STANDARDIZE, RECURSIVE) trained on the training part with a
 * few seeds, each network rolled out both ways over the holdout. Not a test: prints one JSON line per series and
 * seed, then the OWA of each roll-out over all (mean sMAPE and mean MASE against Naive2's, as M4 does).
 *
 * <p>Arguments: the manifest (bench/accuracy/manifest.csv), the number of seeds.
 */
public final class RolloutAccuracyHarness {

    private RolloutAccuracyHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path manifest = Path.of(args[0]);
        int seeds = Integer.parseInt(args[1]);
        double[] sums = new double[6];   // sMAPE and MASE: sliding, stateful, naive2
        int scored = 0;
        for (ManifestEntry entry : ManifestEntry.read(manifest)) {
            BenchSeries series = BenchSeries.load(manifest.resolveSibling(entry.file()), entry);
            double[] recent = lastRun(series.training());
            int horizon = entry.horizon();
            int lookback = Math.min(24, (recent.length - horizon) / 3);
            if (lookback < 4) {
                System.out.printf(Locale.ROOT, "{\"series\": \"%s\", \"skipped\": \"%d gap-free points\"}%n",
                        entry.name(), recent.length);
                continue;
            }
            double scale = Accuracy.maseScale(series.training(), entry.period());
            Accuracy naive2 = Accuracy.of(series.holdout(), Baselines.naive2(recent, horizon, entry.period()), scale);
            for (int seed = 1; seed <= seeds; seed++) {
                NetworkSpec spec = NetworkSpec.DEFAULTS.withWindow(NetworkSpec.DEFAULTS.window().withLookback(lookback)
                        .withHorizon(horizon).withStrategy(OutputStrategy.RECURSIVE).withSeed(seed));
                Dl4jTrainer.FittedNetwork fitted = new Dl4jTrainer().fit(List.of(recent), spec, (e, l, v) -> { });
                Accuracy[] rolled = new Accuracy[2];
                for (Rollout rollout : Rollout.values()) {
                    Dl4jPredictor predictor = new Dl4jPredictor(fitted.network(), fitted.normalizer(), false, false,
                            lookback, 1, true, rollout == Rollout.STATEFUL);
                    rolled[rollout.ordinal()] = Accuracy.of(series.holdout(),
                            predictor.forecast(History.of(recent), horizon), scale);
                }
                System.out.printf(Locale.ROOT, "{\"series\": \"%s\", \"group\": \"%s\", \"seed\": %d, "
                        + "\"slidingOwa\": %.3f, \"statefulOwa\": %.3f}%n", entry.name(), entry.group(), seed,
                        owa(rolled[0], naive2), owa(rolled[1], naive2));
                sums[0] += rolled[0].smape();
                sums[1] += rolled[0].mase();
                sums[2] += rolled[1].smape();
                sums[3] += rolled[1].mase();
                sums[4] += naive2.smape();
                sums[5] += naive2.mase();
                scored++;
            }
        }
        System.out.printf(Locale.ROOT, "{\"forecasts\": %d, \"slidingOwa\": %.3f, \"statefulOwa\": %.3f}%n", scored,
                Owa.of(sums[0] / scored, sums[1] / scored, sums[4] / scored, sums[5] / scored),
                Owa.of(sums[2] / scored, sums[3] / scored, sums[4] / scored, sums[5] / scored));
    }

    private static double owa(Accuracy accuracy, Accuracy naive2) {
        return Owa.of(accuracy.smape(), accuracy.mase(), naive2.smape(), naive2.mase());
    }

    /** The values after the last missing one: a series' most recent gap-free run. */
    static double[] lastRun(double[] training) {
        int start = training.length;
        while (start > 0 && !Double.isNaN(training[start - 1])) {
            start--;
        }
        return Arrays.copyOfRange(training, start, training.length);
    }
}
