package dev.tsforge.model.internal.network;

import dev.tsforge.model.History;
import dev.tsforge.model.InvalidArtifactException;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.internal.covariate.CovariateColumns;
import dev.tsforge.model.internal.inference.JavaForward;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forecasts with a trained network: through {@link JavaForward} where it covers the network (concurrent calls run in
 * parallel), else through {@link MultiLayerNetwork#output}, which is synchronized and keeps no recurrent state between
 * calls (unlike {@code rnnTimeStep}). Either way one instance may serve concurrent requests. A NaN in a history is an
 * unknown value: it is masked, as MASK models were trained, which only {@code output()} does.
 */
public final class Dl4jPredictor implements Predictor {

    /** Histories in one call from which {@link JavaForward} runs them on all cores, in blocks. */
    private static final int PARALLEL_FROM = 8;
    /** Histories one block roll-out takes: enough to reuse each weight row, few enough to share out the cores. */
    private static final int BLOCK = 16;

    private final MultiLayerNetwork network;
    private final DataNormalization normalizer;
    /** LAST_VALUE: the network reads and emits changes from each window's last value. */
    private final boolean relative;
    /** WINDOW: those changes also divided by the spread of the window's inputs. */
    private final boolean scaled;
    private final int lookback;
    private final int outputSteps;
    /** Null where {@link JavaForward} does not cover the network or its normaliser. */
    private final JavaForward javaForward;
    private final WindowScaling scaling;
    /**
     * A STATEFUL roll-out, in plain Java even where {@code inJava} is false: only it carries state; null for SLIDING.
     */
    private final StatefulRollouts stateful;
    /** {@link #javaForward}'s roll-outs of many histories at once; null without it. */
    private final BlockRollouts blocks;
    /** Null for a network that reads the value alone. */
    private final CovariateColumns covariates;
    /** Inputs per step: the value, then the covariates' columns. */
    private final int inputs;

    public Dl4jPredictor(MultiLayerNetwork network, DataNormalization normalizer, boolean relative, int lookback,
            int outputSteps) {
        this(network, normalizer, relative, lookback, outputSteps, true);
    }

    /** @param inJava false: always through {@code output()}, for comparisons */
    public Dl4jPredictor(MultiLayerNetwork network, DataNormalization normalizer, boolean relative, int lookback,
            int outputSteps, boolean inJava) {
        this(network, normalizer, relative, false, lookback, outputSteps, inJava);
    }

    /** @param scaled WINDOW: each window divided by its own spread as well; only with {@code relative} */
    public Dl4jPredictor(MultiLayerNetwork network, DataNormalization normalizer, boolean relative, boolean scaled,
            int lookback, int outputSteps, boolean inJava) {
        this(network, normalizer, relative, scaled, lookback, outputSteps, inJava, false);
    }

    /**
     * @param stateful a STATEFUL roll-out ({@link dev.tsforge.model.SpecOptions.Rollout}): the window once, then one
     *                 step per forecast value with the recurrent state kept, an anchored window scaled at the origin
     *                 ({@link StatefulRollouts}); only for one output
     */
    public Dl4jPredictor(MultiLayerNetwork network, DataNormalization normalizer, boolean relative, boolean scaled,
            int lookback, int outputSteps, boolean inJava, boolean stateful) {
        this(network, normalizer, relative, scaled, lookback, outputSteps, inJava, stateful, null);
    }

    /**
     * @param covariates the known-future inputs the network reads after the value, computed from each history's
     *                   timestamps over its window and horizon ({@link CovariateLead}); null for none
     */
    public Dl4jPredictor(MultiLayerNetwork network, DataNormalization normalizer, boolean relative, boolean scaled,
            int lookback, int outputSteps, boolean inJava, boolean stateful, CovariateColumns covariates) {
        if (stateful && covariates != null) {
            throw new IllegalArgumentException("a stateful roll-out feeds back values alone, not covariates");
        }
        this.covariates = covariates;
        this.inputs = 1 + (covariates == null ? 0 : covariates.width());
        if (scaled && !relative) {
            throw new IllegalArgumentException("a window is scaled only once it is relative to its last value");
        }
        if (stateful && outputSteps != 1) {
            throw new IllegalArgumentException("a stateful roll-out feeds back one value at a time");
        }
        this.network = network;
        this.normalizer = normalizer;
        this.relative = relative;
        this.scaled = scaled;
        this.lookback = lookback;
        this.outputSteps = outputSteps;
        Optional<JavaForward> forward = JavaForward.of(network).filter(f -> f.outputs() == outputSteps);
        Optional<WindowScaling> windowScaling = WindowScaling.of(normalizer, inputs, outputSteps);
        this.javaForward = inJava && forward.isPresent() && windowScaling.isPresent() ? forward.get() : null;
        this.scaling = javaForward == null ? null : windowScaling.get();
        if (stateful && (forward.isEmpty() || windowScaling.isEmpty())) {
            // the state is carried in plain Java only: output() starts every call from a zero state
            throw new InvalidArtifactException("a STATEFUL roll-out needs a network the plain-Java pass covers");
        }
        this.stateful = stateful
                ? new StatefulRollouts(forward.get(), windowScaling.get(), relative, scaled, lookback) : null;
        this.blocks = javaForward == null ? null
                : new BlockRollouts(javaForward, scaling, relative, scaled, lookback, inputs, outputSteps);
    }

    /** Whether forecasts run in plain Java ({@link JavaForward}) rather than through {@code output()}. */
    public boolean runsInJava() {
        return javaForward != null;
    }

    @Override
    public boolean runsInParallel() {
        return runsInJava();
    }

    @Override
    public int lookback() {
        return lookback;
    }

    @Override
    public int outputSteps() {
        return outputSteps;
    }

    @Override
    public void requireCovariates(History history, int horizon) {
        if (covariates != null && !covariates.covariates().series().isEmpty()) {
            CovariateLead.forecast(covariates, history, lookback, horizon, outputSteps);
        }
    }

    @Override
    public double[] forecast(History history, int horizon) {
        return forecastAll(List.of(history), horizon)[0];
    }

    private static void release(INDArray... arrays) {
        for (INDArray array : arrays) {
            if (array != null && array.closeable()) {
                array.close();
            }
        }
    }

    @Override
    public double[][] forecastAll(List<History> histories, int horizon) {
        int count = histories.size();
        double[][] values = new double[count][lookback + horizon + outputSteps];
        float[][] covariateRows = new float[count][];
        boolean missing = false;
        for (int i = 0; i < count; i++) {
            double[] history = histories.get(i).values();
            if (covariates != null) {
                covariateRows[i] = CovariateLead.forecast(covariates, histories.get(i), lookback, horizon, outputSteps);
            }
            if (history.length < lookback) {
                throw new IllegalArgumentException("Need " + lookback + " values, got " + history.length);
            }
            System.arraycopy(history, history.length - lookback, values[i], 0, lookback);
            for (int t = 0; t < lookback; t++) {
                missing |= Double.isNaN(values[i][t]);
            }
        }
        if (stateful != null && !missing) {
            // one history at a time: blocks were not faster here (bench/RESULTS.md, issues #19 and #21)
            CoreSpread.forEach(count, count >= PARALLEL_FROM, i -> stateful.one(values[i], horizon));
        } else if (javaForward != null && !missing && count >= PARALLEL_FROM) {
            inBlocks(values, covariateRows, (rows, covariateBlock) -> blocks.sliding(rows, covariateBlock, horizon));
        } else if (javaForward != null && !missing) {
            IntStream.range(0, count).forEach(i -> rollOutInJava(values[i], covariateRows[i], horizon));
        } else {
            rollOut(values, covariateRows, horizon);
        }
        double[][] forecasts = new double[count][];
        for (int i = 0; i < count; i++) {
            forecasts[i] = Arrays.copyOfRange(values[i], lookback, lookback + horizon);
        }
        return forecasts;
    }

    /**
     * Rolls out {@code values} (and their covariates) in blocks of {@link #BLOCK} rows, the blocks spread over the
     * cores ({@link CoreSpread}); each block writes into its own rows.
     */
    private static void inBlocks(double[][] values, float[][] covariateRows,
            BiConsumer<double[][], float[][]> rollOut) {
        int count = values.length;
        CoreSpread.forEach((count + BLOCK - 1) / BLOCK, true, k -> {
            int from = k * BLOCK;
            int to = Math.min(count, from + BLOCK);
            rollOut.accept(Arrays.copyOfRange(values, from, to), Arrays.copyOfRange(covariateRows, from, to));
        });
    }

    /** Fills {@code values[lookback, lookback + horizon)}, one forward pass per {@link #outputSteps} values. */
    private void rollOutInJava(double[] values, float[] covariateRows, int horizon) {
        float[] window = new float[lookback * inputs];
        int width = inputs - 1;
        // one set of states and working arrays for every window of the roll-out, zeroed before each
        JavaForward.Rollout rollout = javaForward.rollout();
        for (int done = 0; done < horizon; done += outputSteps) {
            double anchor = relative ? RelativeWindows.anchor(values, done, done + lookback) : 0;
            double spread = scaled ? RelativeWindows.spread(values, done, done + lookback) : 1;
            for (int t = 0; t < lookback; t++) {
                // step-major: the value, then its covariates
                window[t * inputs] = scaling.feature((values[done + t] - anchor) / spread);
                for (int c = 0; c < width; c++) {
                    window[t * inputs + 1 + c] = scaling.feature(1 + c, covariateRows[(done + t) * width + c]);
                }
            }
            rollout.restart();
            float[] output = rollout.feed(window, lookback);
            for (int h = 0; h < outputSteps; h++) {
                values[lookback + done + h] = scaling.label(h, output[h]) * spread + anchor;
            }
        }
    }

    /**
     * {@link #rollOutInJava} for all rows at once through {@code output()}, masking unknown values. A stateful model
     * comes here only for a window with unknown values, which only {@code output()} masks: it then rolls out sliding.
     */
    private void rollOut(double[][] values, float[][] covariateRows, int horizon) {
        int count = values.length;
        int width = inputs - 1;
        float[] window = new float[count * inputs * lookback];
        float[] mask = new float[count * lookback];
        double[] anchors = new double[count];
        double[] spreads = new double[count];
        for (int done = 0; done < horizon; done += outputSteps) {
            boolean missing = false;
            for (int i = 0; i < count; i++) {
                anchors[i] = relative ? RelativeWindows.anchor(values[i], done, done + lookback) : 0;
                spreads[i] = scaled ? RelativeWindows.spread(values[i], done, done + lookback) : 1;
                for (int t = 0; t < lookback; t++) {
                    double value = values[i][done + t];
                    // NaN: unknown (a MASK model's missing point), masked rather than read
                    missing |= Double.isNaN(value);
                    int base = i * inputs * lookback;
                    window[base + t] = Double.isNaN(value) ? 0f : (float) ((value - anchors[i]) / spreads[i]);
                    mask[i * lookback + t] = Double.isNaN(value) ? 0f : 1f;
                    for (int c = 0; c < width; c++) {
                        window[base + (1 + c) * lookback + t] = covariateRows[i][(done + t) * width + c];
                    }
                }
            }
            INDArray input = Nd4j.create(window, new long[] {count, inputs, lookback}, 'c');
            INDArray featureMask = missing ? Nd4j.create(mask, new long[] {count, lookback}, 'c') : null;
            normalizer.transform(input);
            INDArray output = network.output(input, false, featureMask, null);
            normalizer.revertLabels(output);
            for (int i = 0; i < count; i++) {
                for (int h = 0; h < outputSteps; h++) {
                    values[i][lookback + done + h] = output.getDouble(i, h) * spreads[i] + anchors[i];
                }
            }
            // free the native memory now: left to the garbage collector, a busy service's off-heap arrays pile up
            // while its heap stays small and rarely collected, and nothing on the heap asks for a collection
            release(input, featureMask, output);
        }
    }
}
