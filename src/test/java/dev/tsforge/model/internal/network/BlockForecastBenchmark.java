package dev.tsforge.model.internal.network;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.History;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.GradientClipping;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.Optimizer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.model.internal.inference.JavaForward;
import dev.tsforge.series.GapPolicy;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * Per-series cost of a batch of 100 forecasts (h = 24, lookback 24, 64 units) on one thread: the 100 histories one
 * by one ({@link Dl4jPredictor#forecast}, the path each used before blocks) against one block roll-out of all 100
 * ({@link BlockRollouts}, what a batch request's rows now run in SLIDING), for each cell, SLIDING and STATEFUL (a
 * block roll-out carrying each row's state, measured and not kept). Median of alternating repeats after a warm-up of
 * the JIT; untrained weights (the cost does not depend on their values). Not a test: prints JSON lines. Argument: the
 * number of timed repeats.
 */
public final class BlockForecastBenchmark {

    private static final int LOOKBACK = 24;
    private static final int HORIZON = 24;
    private static final int SERIES = 100;

    private BlockForecastBenchmark() {
    }

    public static void main(String[] args) {
        int repeats = Integer.parseInt(args[0]);
        double[] series = new double[400];
        for (int i = 0; i < series.length; i++) {
            series[i] = Math.sin(2 * Math.PI * i / 25) + 0.1 * Math.cos(i);
        }
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fitLabel(true);
        normalizer.fit(Windows.of(List.of(series), LOOKBACK, 1));
        List<History> histories = new java.util.ArrayList<>();
        for (int i = 0; i < SERIES; i++) {
            histories.add(History.of(Arrays.copyOfRange(series, 3 * i, 3 * i + LOOKBACK)));
        }
        for (Architecture cell : List.of(Architecture.LSTM, Architecture.GRU, Architecture.SIMPLE_RNN)) {
            NetworkSpec spec = new NetworkSpec(cell, List.of(64), false, CellActivation.TANH, WeightInitScheme.XAVIER,
                    Optimizer.ADAM, 1e-3, 32, 1, 0, 0, GradientClipping.NONE, 1.0, Normalization.STANDARDIZE, 0, 0,
                    new WindowSpec(LOOKBACK, HORIZON, OutputStrategy.RECURSIVE, GapPolicy.SPLIT, 1));
            MultiLayerNetwork network = NetworkFactory.build(spec);
            JavaForward forward = JavaForward.of(network).orElseThrow();
            BlockRollouts block = new BlockRollouts(forward, WindowScaling.of(normalizer, 1).orElseThrow(), false,
                    false, LOOKBACK, 1, 1);
            for (boolean stateful : new boolean[] {false, true}) {
                Dl4jPredictor predictor = new Dl4jPredictor(network, normalizer, false, false, LOOKBACK, 1, true,
                        stateful);
                Runnable oneByOne = () -> histories.forEach(h -> predictor.forecast(h, HORIZON));
                Runnable blocked = () -> {
                    double[][] values = new double[SERIES][LOOKBACK + HORIZON + 1];
                    for (int i = 0; i < SERIES; i++) {
                        System.arraycopy(histories.get(i).values(), 0, values[i], 0, LOOKBACK);
                    }
                    if (stateful) {
                        statefulBlock(forward, block.scaling(), values, HORIZON);
                    } else {
                        block.sliding(values, new float[SERIES][], HORIZON);
                    }
                };
                double[] medians = medianMicros(oneByOne, blocked, repeats);
                double alone = medians[0] / SERIES;
                double together = medians[1] / SERIES;
                System.out.printf(Locale.ROOT, "{\"what\": \"batch of %d, one thread\", \"cell\": \"%s\", "
                        + "\"rollout\": \"%s\", \"oneByOneMicrosPerSeries\": %.1f, \"blockedMicrosPerSeries\": %.1f, "
                        + "\"speedup\": %.2f}%n", SERIES, cell, stateful ? "STATEFUL" : "SLIDING", alone, together,
                        alone / together);
            }
        }
    }

    /**
     * Median wall times of {@code first} and {@code second} in microseconds, after two seconds of untimed runs of each
     * for the JIT; the timed runs alternate, so that both see the same load on a shared machine.
     */
    private static double[] medianMicros(Runnable first, Runnable second, int repeats) {
        for (Runnable task : List.of(first, second)) {
            long warmUntil = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < warmUntil) {
                task.run();
            }
        }
        double[][] micros = new double[2][repeats];
        for (int i = 0; i < repeats; i++) {
            for (int k = 0; k < 2; k++) {
                long started = System.nanoTime();
                (k == 0 ? first : second).run();
                micros[k][i] = (System.nanoTime() - started) / 1_000.0;
            }
        }
        Arrays.sort(micros[0]);
        Arrays.sort(micros[1]);
        return new double[] {micros[0][repeats / 2], micros[1][repeats / 2]};
    }

    /**
     * The stateful roll-out of a block, tried and not kept (no faster than one history at a time here): the block's
     * windows through the network once, then each row's forecast value fed back as one more step.
     */
    private static void statefulBlock(JavaForward forward, WindowScaling scaling, double[][] values, int horizon) {
        int lookback = LOOKBACK;
        int count = values.length;
        float[][] windows = new float[count][lookback];
        for (int b = 0; b < count; b++) {
            for (int t = 0; t < lookback; t++) {
                windows[b][t] = scaling.feature(values[b][t]);
            }
        }
        JavaForward.BlockRollout rollout = forward.blockRollout(count);
        float[][] outputs = rollout.feed(windows, lookback);
        float[][] steps = new float[count][1];
        for (int h = 0; ; h++) {
            for (int b = 0; b < count; b++) {
                values[b][lookback + h] = scaling.label(0, outputs[b][0]);
            }
            if (h + 1 == horizon) {
                return;
            }
            for (int b = 0; b < count; b++) {
                steps[b][0] = scaling.feature(values[b][lookback + h]);
            }
            outputs = rollout.feed(steps, 1);
        }
    }
}
