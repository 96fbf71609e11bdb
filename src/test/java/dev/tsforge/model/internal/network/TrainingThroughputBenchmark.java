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
import dev.tsforge.model.internal.layers.FusedLstmLayer;
import dev.tsforge.series.GapPolicy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Training throughput (windows/s) of the service's fit ({@link Dl4jTrainer}, with its windowing, normalisation,
 * shuffling and per-epoch bookkeeping) against a plain DL4J loop over the same network and data, back to back in
 * one JVM. Not a test: run by {@code bench/training.sh}, which compares with PyTorch. Prints one JSON object per
 * measurement.
 *
 * <p>For LSTM the service fit runs {@link FusedLstmLayer}, the plain loop DL4J's own {@code LSTM} layer: the ratio
 * of the two is the fused layer's gain.
 *
 * <p>Model: one recurrent layer of 64 units, last step, linear output; windows of 24, batch 32, Adam 1e-3, float32.
 */
public final class TrainingThroughputBenchmark {

    static final int LOOKBACK = 24;
    static final int UNITS = 64;
    static final int BATCH = 32;
    static final int WINDOWS = Integer.getInteger("bench.windows", 2048);
    static final int EPOCHS = Integer.getInteger("bench.epochs", 2);
    static final int REPEATS = Integer.getInteger("bench.repeats", 3);
    /**
     * The calling thread's CPU time: with one OpenMP thread ND4J computes on it, so windows per CPU-second compare
     * fairly on a machine shared with other work, where wall-clock rates follow the load.
     */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private TrainingThroughputBenchmark() {
    }

    public static void main(String[] args) {
        double[] series = series();
        List<Architecture> architectures = List.of(Architecture.LSTM, Architecture.SIMPLE_RNN, Architecture.GRU);
        // warm-up: JIT and native library load
        run("service", Architecture.SIMPLE_RNN, series, 1);
        run("plain", Architecture.SIMPLE_RNN, series, 1);
        for (Architecture architecture : architectures) {
            for (int repeat = 0; repeat < REPEATS; repeat++) {
                for (String variant : List.of("service", "plain")) {
                    if (variant.equals("plain") && architecture == Architecture.GRU) {
                        continue; // DL4J has no GRU layer to loop over plainly
                    }
                    long cpu = CPU.getCurrentThreadCpuTime();
                    double perSecond = run(variant, architecture, series, EPOCHS);
                    double cpuSeconds = (CPU.getCurrentThreadCpuTime() - cpu) / 1e9;
                    System.out.printf(Locale.ROOT, "{\"engine\": \"dl4j\", \"variant\": \"%s\", \"model\": \"%s\", "
                                    + "\"threads\": %s, \"repeat\": %d, \"windowsPerSecond\": %.1f, "
                                    + "\"windowsPerCpuSecond\": %.1f}%n", variant, architecture,
                            System.getenv().getOrDefault("OMP_NUM_THREADS", "default"), repeat, perSecond,
                            WINDOWS * EPOCHS / cpuSeconds);
                }
            }
        }
    }

    private static double[] series() {
        Random noise = new Random(1);
        double[] values = new double[WINDOWS + LOOKBACK];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(2 * Math.PI * i / 25) + 0.3 * noise.nextGaussian();
        }
        return values;
    }

    private static double run(String variant, Architecture architecture, double[] series, int epochs) {
        long started = System.nanoTime();
        if (variant.equals("service")) {
            NetworkSpec spec = new NetworkSpec(architecture, List.of(UNITS), false, CellActivation.TANH, WeightInitScheme.XAVIER, Optimizer.ADAM, 1e-3, BATCH, epochs, 0, 0, GradientClipping.NONE, 1.0, Normalization.STANDARDIZE, 0, 0,
                new WindowSpec(LOOKBACK, 1, OutputStrategy.RECURSIVE, GapPolicy.SPLIT, 1));
            new Dl4jTrainer().fit(List.of(series), spec, (epoch, loss, validation) -> { });
        } else {
            plainLoop(architecture, series, epochs);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return (double) WINDOWS * epochs / seconds;
    }

    /** The textbook DL4J loop: the network built by hand, pre-cut minibatches, fit each. */
    private static void plainLoop(Architecture architecture, double[] series, int epochs) {
        Layer recurrent = architecture == Architecture.LSTM
                ? new LSTM.Builder().nIn(1).nOut(UNITS).activation(Activation.TANH).build()
                : new SimpleRnn.Builder().nIn(1).nOut(UNITS).activation(Activation.TANH).build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).updater(new Adam(1e-3))
                .list()
                .layer(new LastTimeStep(recurrent))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(UNITS).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(1, LOOKBACK))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        float[] features = new float[WINDOWS * LOOKBACK];
        float[] labels = new float[WINDOWS];
        for (int w = 0; w < WINDOWS; w++) {
            for (int t = 0; t < LOOKBACK; t++) {
                features[w * LOOKBACK + t] = (float) series[w + t];
            }
            labels[w] = (float) series[w + LOOKBACK];
        }
        DataSet all = new DataSet(Nd4j.create(features, new long[] {WINDOWS, 1, LOOKBACK}, 'c'),
                Nd4j.create(labels, new long[] {WINDOWS, 1}, 'c'));
        List<DataSet> batches = new ArrayList<>(all.batchBy(BATCH));
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (DataSet batch : batches) {
                network.fit(batch);
            }
        }
    }
}
