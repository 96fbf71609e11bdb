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
 * ({@link BlockRollouts}, what a batch request's rows now run in), for each cell, SLIDING and STATEFUL. Median of
 * repeats after a warm-up of the JIT; untrained weights (the cost does not depend on their values). Not a test: prints
 * JSON lines. Argument: the number of timed repeats.
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
                        block.stateful(values, HORIZON);
                    } else {
                        block.sliding(values, new float[SERIES][], HORIZON);
                    }
                };
                double alone = medianMicros(oneByOne, repeats) / SERIES;
                double together = medianMicros(blocked, repeats) / SERIES;
                System.out.printf(Locale.ROOT, "{\"what\": \"batch of %d, one thread\", \"cell\": \"%s\", "
                        + "\"rollout\": \"%s\", \"oneByOneMicrosPerSeries\": %.1f, \"blockedMicrosPerSeries\": %.1f, "
                        + "\"speedup\": %.2f}%n", SERIES, cell, stateful ? "STATEFUL" : "SLIDING", alone, together,
                        alone / together);
            }
        }
    }

    /** Median wall time of {@code task} in microseconds, after two seconds of untimed runs for the JIT. */
    private static double medianMicros(Runnable task, int repeats) {
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            task.run();
        }
        double[] micros = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long started = System.nanoTime();
            task.run();
            micros[i] = (System.nanoTime() - started) / 1_000.0;
        }
        Arrays.sort(micros);
        return micros[repeats / 2];
    }
}
