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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * Per-series cost of a batch of 100 forecasts (h = 24, lookback 24, 64 units) on one thread: the 100 histories one
 * by one ({@link Dl4jPredictor#forecast}, the path each used before blocks) against one block roll-out of all 100
 * ({@link BlockRollouts} in SLIDING, {@link StatefulRollouts#block} in STATEFUL), for each cell. Median of alternating
 * repeats after a warm-up of the JIT; untrained weights (the cost does not depend on their values). Not a test: prints
 * JSON lines. Arguments: the number of timed repeats, then optionally the histories in a batch (100), the units (64)
 * and {@code parallel}: the batch spread over the cores as a collection's 1,000-history calls run it, one history
 * per task (how STATEFUL batches ran before) against blocks of 16 per task ({@link Dl4jPredictor#forecastAll}).
 */
public final class BlockForecastBenchmark {

    private static final int LOOKBACK = 24;
    private static final int HORIZON = 24;
    /** Histories per task in the parallel mode: {@code Dl4jPredictor}'s block. */
    private static final int BLOCK = 16;

    private BlockForecastBenchmark() {
    }

    public static void main(String[] args) {
        int repeats = Integer.parseInt(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int units = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        boolean parallel = args.length > 3 && args[3].equals("parallel");
        double[] series = new double[400];
        for (int i = 0; i < series.length; i++) {
            series[i] = Math.sin(2 * Math.PI * i / 25) + 0.1 * Math.cos(i);
        }
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fitLabel(true);
        normalizer.fit(Windows.of(List.of(series), LOOKBACK, 1));
        List<double[]> windows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int from = (3 * i) % (series.length - LOOKBACK);
            windows.add(Arrays.copyOfRange(series, from, from + LOOKBACK));
        }
        for (Architecture cell : List.of(Architecture.LSTM, Architecture.GRU, Architecture.SIMPLE_RNN)) {
            NetworkSpec spec = new NetworkSpec(cell, List.of(units), false, CellActivation.TANH,
                    WeightInitScheme.XAVIER, Optimizer.ADAM, 1e-3, 32, 1, 0, 0, GradientClipping.NONE, 1.0,
                    Normalization.STANDARDIZE, 0, 0,
                    new WindowSpec(LOOKBACK, HORIZON, OutputStrategy.RECURSIVE, GapPolicy.SPLIT, 1));
            MultiLayerNetwork network = NetworkFactory.build(spec);
            JavaForward forward = JavaForward.of(network).orElseThrow();
            WindowScaling scaling = WindowScaling.of(normalizer, 1).orElseThrow();
            BlockRollouts sliding = new BlockRollouts(forward, scaling, false, false, LOOKBACK, 1, 1);
            StatefulRollouts stateful = new StatefulRollouts(forward, scaling, false, false, LOOKBACK);
            Dl4jPredictor slidingOne = new Dl4jPredictor(network, normalizer, false, false, LOOKBACK, 1, true, false);
            for (boolean carried : new boolean[] {false, true}) {
                Consumer<double[]> alone = carried ? row -> stateful.one(row, HORIZON)
                        : row -> System.arraycopy(slidingOne.forecast(History.of(
                                Arrays.copyOf(row, LOOKBACK)), HORIZON), 0, row, LOOKBACK, HORIZON);
                Consumer<double[][]> together = carried ? rows -> stateful.block(rows, HORIZON)
                        : rows -> sliding.sliding(rows, new float[rows.length][], HORIZON);
                Runnable oneByOne = () -> {
                    double[][] values = values(windows);
                    IntStream rows = IntStream.range(0, count);
                    (parallel ? rows.parallel() : rows).forEach(i -> alone.accept(values[i]));
                };
                Runnable blocked = () -> {
                    double[][] values = values(windows);
                    if (!parallel) {
                        together.accept(values);
                        return;
                    }
                    IntStream.range(0, (count + BLOCK - 1) / BLOCK).parallel().forEach(k -> together.accept(
                            Arrays.copyOfRange(values, k * BLOCK, Math.min(count, k * BLOCK + BLOCK))));
                };
                double[] medians = medianMicros(oneByOne, blocked, repeats);
                double perAlone = medians[0] / count;
                double perBlock = medians[1] / count;
                System.out.printf(Locale.ROOT, "{\"what\": \"batch of %d, %s\", \"units\": %d, \"cell\": \"%s\", "
                        + "\"rollout\": \"%s\", \"oneByOneMicrosPerSeries\": %.1f, \"blockedMicrosPerSeries\": %.1f, "
                        + "\"speedup\": %.2f}%n", count, parallel ? "on all cores, blocks of " + BLOCK : "one thread",
                        units, cell, carried ? "STATEFUL" : "SLIDING", perAlone, perBlock, perAlone / perBlock);
            }
        }
    }

    private static double[][] values(List<double[]> windows) {
        double[][] values = new double[windows.size()][LOOKBACK + HORIZON + 1];
        for (int i = 0; i < values.length; i++) {
            System.arraycopy(windows.get(i), 0, values[i], 0, LOOKBACK);
        }
        return values;
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
}
