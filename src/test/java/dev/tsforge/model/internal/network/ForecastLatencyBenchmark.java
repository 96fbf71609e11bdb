package dev.tsforge.model.internal.network;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.ArtifactInfo;
import dev.tsforge.model.History;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.GradientClipping;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.Optimizer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import dev.tsforge.model.SpecOptions;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.model.internal.artifact.ArtifactFormat;
import dev.tsforge.model.internal.artifact.SpecProperties;
import dev.tsforge.model.internal.inference.JavaForward;
import dev.tsforge.model.internal.layers.FusedLstmLayer;
import dev.tsforge.series.GapPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * The raw cost of one forecast inside the JVM: a loaded model's {@link Predictor#forecast} for a horizon, with no
 * HTTP, database or JSON. Not a test: run by {@code bench/serving.sh} beside the HTTP measurements. Prints JSON.
 *
 * <p>Arguments: the model zip, the horizon, the number of timed calls: the model as the service runs it, then the
 * same network through DL4J's {@code output()}. Or {@code --lstm-layers CALLS}: the same LSTM(64), lookback 24, in
 * plain Java ({@link JavaForward}) rolled out sliding and stateful, through {@code output()} with {@link FusedLstmLayer}
 * (ND4J's fused op), and with DL4J's own LSTM layer, timed back to back for one step and for 24 recursive steps
 * (untrained weights: the cost does not depend on their values).
 */
public final class ForecastLatencyBenchmark {

    private static final int LOOKBACK = 24;

    private ForecastLatencyBenchmark() {
    }

    public static void main(String[] args) {
        if (args[0].equals("--lstm-layers")) {
            compareLstmLayers(Integer.parseInt(args[1]));
            return;
        }
        Path artifact = Path.of(args[0]);
        Predictor predictor = new Dl4jPredictorLoader().load(artifact);
        int horizon = Integer.parseInt(args[1]);
        double[] percentiles = time(predictor, horizon, Integer.parseInt(args[2]));
        String strategy = predictor.outputSteps() > 1 ? "direct" : "recursive";
        System.out.printf(Locale.ROOT, "{\"what\": \"in-process forecast\", \"strategy\": \"%s\", "
                + "\"horizon\": %d, \"calls\": %s, \"p50Micros\": %.0f, \"p99Micros\": %.0f}%n",
                strategy, horizon, args[2], percentiles[0], percentiles[1]);
        percentiles = time(throughOutput(artifact), horizon, Integer.parseInt(args[2]));
        System.out.printf(Locale.ROOT, "{\"what\": \"in-process forecast through output()\", \"strategy\": \"%s\", "
                + "\"horizon\": %d, \"calls\": %s, \"p50Micros\": %.0f, \"p99Micros\": %.0f}%n",
                strategy, horizon, args[2], percentiles[0], percentiles[1]);
    }

    /** The saved network forecasting through DL4J's {@code output()}, as the service did before {@link JavaForward}. */
    private static Predictor throughOutput(Path artifact) {
        try {
            ArtifactInfo info = SpecProperties.read(ArtifactFormat.readMetadata(artifact));
            var restored = ModelSerializer.restoreMultiLayerNetworkAndNormalizer(artifact.toFile(), false);
            return new Dl4jPredictor(restored.getFirst(), (DataNormalization) restored.getSecond(),
                    ((NetworkSpec) info.spec()).normalization() == SpecOptions.Normalization.LAST_VALUE, info.lookback(),
                    info.outputSteps(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compareLstmLayers(int calls) {
        NetworkSpec spec = new NetworkSpec(Architecture.LSTM, List.of(64), false, CellActivation.TANH, WeightInitScheme.XAVIER, Optimizer.ADAM, 1e-3, 32, 1, 0, 0, GradientClipping.NONE, 1.0, Normalization.STANDARDIZE, 0, 0,
                new WindowSpec(LOOKBACK, 24, OutputStrategy.RECURSIVE, GapPolicy.SPLIT, 1));
        double[] series = new double[200];
        for (int i = 0; i < series.length; i++) {
            series[i] = Math.sin(i / 3.0);
        }
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fitLabel(true);
        normalizer.fit(Windows.of(List.of(series), LOOKBACK, 1));
        for (int horizon : new int[] {1, 24}) {
            for (String layer : List.of("java", "java-stateful", "fused", "stock")) {
                MultiLayerNetwork network = layer.equals("stock") ? NetworkFactory.buildWithStockLstm(spec)
                        : NetworkFactory.build(spec);
                Dl4jPredictor predictor = new Dl4jPredictor(network, normalizer, false, false, LOOKBACK, 1,
                        layer.startsWith("java"), layer.equals("java-stateful"));
                double[] percentiles = time(predictor, horizon, calls);
                System.out.printf(Locale.ROOT, "{\"what\": \"in-process forecast by layer\", \"layer\": \"%s\", "
                        + "\"horizon\": %d, \"calls\": %d, \"p50Micros\": %.0f, \"p99Micros\": %.0f}%n", layer,
                        horizon, calls, percentiles[0], percentiles[1]);
            }
        }
    }

    /** p50 and p99 in microseconds, after untimed calls to warm up. */
    private static double[] time(Predictor predictor, int horizon, int calls) {
        double[] history = new double[predictor.lookback()];
        for (int i = 0; i < history.length; i++) {
            history[i] = Math.sin(i / 3.0);
        }
        // warm-up: a fifth of the calls, and at least two seconds so that the JIT has compiled the plain-Java pass
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; i < calls / 5 || System.nanoTime() < warmUntil; i++) {
            predictor.forecast(History.of(history), horizon);
        }
        double[] micros = new double[calls];
        for (int i = 0; i < calls; i++) {
            long started = System.nanoTime();
            predictor.forecast(History.of(history), horizon);
            micros[i] = (System.nanoTime() - started) / 1_000.0;
        }
        Arrays.sort(micros);
        return new double[] {micros[calls / 2], micros[(int) (calls * 0.99)]};
    }
}
