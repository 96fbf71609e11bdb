package dev.tsforge.model.internal.network;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.GradientClipping;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.Optimizer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.series.GapPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Native memory while training (or forecasting), fused LSTM against DL4J's own: trains the service's LSTM(64) network
 * on one minibatch of 32 windows over and over (or runs one-window forward passes) and prints, every
 * {@code harness.report} calls, the process's RSS, what JavaCPP counts as allocated and the heap in use. Not a test:
 * {@code java -Xms512m -Xmx512m -XX:+AlwaysPreTouch -cp ... dev.tsforge.model.NativeMemoryHarness fused|stock
 * [calls] [fit|output]}. With the heap fixed and touched up front, RSS growth is native memory: a leak shows as RSS
 * climbing at a steady rate per call, a steady state as a flat line after the first reports.
 */
public final class NativeMemoryHarness {

    static final int LOOKBACK = 24;
    static final int BATCH = 32;
    static final int REPORT_EVERY = Integer.getInteger("harness.report", 500);

    private NativeMemoryHarness() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        boolean fused = args.length == 0 || args[0].equals("fused");
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        NetworkSpec spec = new NetworkSpec(Architecture.LSTM, List.of(64), false, CellActivation.TANH, WeightInitScheme.XAVIER, Optimizer.ADAM, 1e-3, BATCH, 1, 0, 0, GradientClipping.NONE, 1.0, Normalization.STANDARDIZE, 0, 0,
                new WindowSpec(LOOKBACK, 1, OutputStrategy.RECURSIVE, GapPolicy.SPLIT, 1));
        MultiLayerNetwork network = fused ? NetworkFactory.build(spec) : NetworkFactory.buildWithStockLstm(spec);
        DataSet batch = batch(new Random(1));
        // output: forecasts' forward passes of one window each instead of training steps
        boolean inference = args.length > 2 && args[2].equals("output");
        INDArray window = batch.getFeatures().get(NDArrayIndex.interval(0, 1), NDArrayIndex.all(), NDArrayIndex.all());
        long started = System.nanoTime();
        for (int i = 1; i <= batches; i++) {
            if (inference) {
                network.output(window, false);
            } else {
                network.fit(batch);
            }
            if (i % REPORT_EVERY == 0) {
                double seconds = (System.nanoTime() - started) / 1e9;
                settle();
                System.out.printf(Locale.ROOT, "{\"layer\": \"%s\", \"mode\": \"%s\", \"calls\": %d, \"windowsPerSecond\": %.0f, "
                                + "\"rssMiB\": %d, \"javacppMiB\": %.1f, \"javacppPointers\": %d, \"heapMiB\": %d}%n",
                        fused ? "fused" : "stock", inference ? "output" : "fit", i,
                        (double) (inference ? 1 : BATCH) * i / seconds, rssKiB() / 1024,
                        Pointer.totalBytes() / 1048576.0, Pointer.totalCount(),
                        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
            }
        }
    }

    /**
     * Arrays outside workspaces (a forward pass's result) free their native memory only when the garbage collector
     * has found them and JavaCPP's deallocator thread has run: collect first, so that RSS shows what is retained.
     */
    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
    }

    private static DataSet batch(Random random) {
        float[] features = new float[BATCH * LOOKBACK];
        float[] labels = new float[BATCH];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (float) random.nextGaussian();
        }
        return new DataSet(Nd4j.create(features, new long[] {BATCH, 1, LOOKBACK}, 'c').castTo(DataType.FLOAT),
                Nd4j.create(labels, new long[] {BATCH, 1}, 'c'));
    }

    /** Resident set size from {@code /proc/self/status} (Linux), in KiB; -1 elsewhere. */
    static long rssKiB() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(-1);
    }
}
