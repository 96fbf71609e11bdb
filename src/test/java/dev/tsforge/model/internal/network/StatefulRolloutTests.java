package dev.tsforge.model.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.History;
import dev.tsforge.model.InvalidSpecException;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.Rollout;
import dev.tsforge.model.TestSpecs;
import dev.tsforge.model.TrainingOutcome;
import dev.tsforge.series.GapPolicy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A STATEFUL roll-out is what DL4J computes over the window followed by the forecast values fed back, as one
 * sequence; it is the same trained network as a SLIDING one, only rolled out differently, and it survives a reload.
 */
class StatefulRolloutTests {

    private static final int HORIZON = 12;

    private static double[] series() {
        double[] values = new double[150];
        for (int t = 0; t < values.length; t++) {
            values[t] = 50 + 0.1 * t + 6 * Math.sin(2 * Math.PI * t / 12) + Math.cos(t);
        }
        return values;
    }

    private static NetworkSpec stateful(Architecture cell) {
        return TestSpecs.withEpochs(TestSpecs.small(cell), 4).withRollout(Rollout.STATEFUL);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void forecastsWhatOutputGivesForTheWindowFollowedByTheForecastsSoFar(Architecture cell) {
        double[] series = series();
        Dl4jTrainer.FittedNetwork fitted = new Dl4jTrainer().fit(List.of(series), stateful(cell), (e, l, v) -> { });
        double[] forecast = fitted.predictor().forecast(History.of(series), HORIZON);

        int lookback = fitted.lookback();
        double[] sequence = Arrays.copyOfRange(series, series.length - lookback, series.length + HORIZON);
        for (int h = 0; h < HORIZON; h++) {
            int steps = lookback + h;
            float[] input = new float[steps];
            for (int t = 0; t < steps; t++) {
                input[t] = (float) sequence[t];
            }
            INDArray features = Nd4j.create(input, new long[] {1, 1, steps}, 'c');
            fitted.normalizer().transform(features);
            INDArray output = fitted.network().output(features);
            fitted.normalizer().revertLabels(output);
            assertThat(forecast[h]).as("step %d", h).isCloseTo(output.getDouble(0, 0), within(1e-3));
            sequence[steps] = forecast[h];
        }

        double[] sliding = new Dl4jPredictor(fitted.network(), fitted.normalizer(), false, false, lookback, 1, true)
                .forecast(History.of(series), HORIZON);
        assertThat(sliding[0]).as("the first step reads the same window").isCloseTo(forecast[0], within(1e-6));
        assertThat(sliding).as("later steps see a longer sequence, so they differ").isNotEqualTo(forecast);
    }

    /**
     * A WINDOW network rolls out in its origin window's units: the window relative to its last value and divided by
     * its spread, the forecasts fed back the same way, and every output un-scaled with those two numbers; what
     * {@code output()} gives for the whole sequence so far, step by step.
     */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aWindowNetworkRollsOutInItsOriginsUnits(Architecture cell) {
        double[] series = series();
        NetworkSpec spec = stateful(cell).withNormalization(Normalization.WINDOW);
        Dl4jTrainer.FittedNetwork fitted = new Dl4jTrainer().fit(List.of(series), spec, (e, l, v) -> { });
        assertThat(((Dl4jPredictor) fitted.predictor()).runsInJava()).isTrue();
        double[] forecast = fitted.predictor().forecast(History.of(series), HORIZON);

        double[] throughOutput = throughOutput(fitted, series, HORIZON);
        double spread = RelativeWindows.spread(series, series.length - fitted.lookback(), series.length);
        assertThat(forecast).containsExactly(throughOutput, within(1e-4 * spread));
        double[] sliding = new Dl4jPredictor(fitted.network(), fitted.normalizer(), true, true, fitted.lookback(), 1,
                true).forecast(History.of(series), HORIZON);
        assertThat(sliding[0]).as("the first step reads the same window").isCloseTo(forecast[0], within(1e-9));
        assertThat(sliding).as("later steps see a longer sequence, so they differ").isNotEqualTo(forecast);
    }

    /**
     * What a STATEFUL roll-out of an anchored network computes, through {@code output()} over the whole sequence at
     * each step: the last {@code lookback} values of {@code series} and the forecasts so far, all relative to the
     * window's last value and (WINDOW) divided by its spread.
     */
    static double[] throughOutput(Dl4jTrainer.FittedNetwork fitted, double[] series, int horizon) {
        int lookback = fitted.lookback();
        double anchor = series[series.length - 1];
        double spread = RelativeWindows.spread(series, series.length - lookback, series.length);
        float[] sequence = new float[lookback + horizon];
        for (int t = 0; t < lookback; t++) {
            sequence[t] = (float) ((series[series.length - lookback + t] - anchor) / spread);
        }
        double[] forecast = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            int steps = lookback + h;
            INDArray features = Nd4j.create(Arrays.copyOf(sequence, steps), new long[] {1, 1, steps}, 'c');
            fitted.normalizer().transform(features);
            INDArray output = fitted.network().output(features);
            fitted.normalizer().revertLabels(output);
            double change = output.getDouble(0, 0);
            forecast[h] = change * spread + anchor;
            sequence[steps] = (float) change;
        }
        return forecast;
    }

    @Test
    void aSavedModelKeepsItsRollout(@TempDir Path dir) {
        double[] series = series();
        TrainingOutcome saved = new Dl4jTrainer().train(List.of(series), stateful(Architecture.LSTM), (e, l, v) -> { },
                dir.resolve("m.zip"));
        Predictor loaded = new Dl4jPredictorLoader().load(dir.resolve("m.zip"));
        assertThat(loaded.forecast(History.of(series), HORIZON))
                .containsExactly(saved.predictor().forecast(History.of(series), HORIZON), within(1e-9));
        assertThat(new Dl4jPredictorLoader().inspectUntrusted(dir.resolve("m.zip"), 1 << 26).spec())
                .isInstanceOfSatisfying(NetworkSpec.class, spec -> assertThat(spec.rollout()).isEqualTo(Rollout.STATEFUL));
    }

    @Test
    void isRefusedWhereThereIsNoStateToCarry() {
        assertThat(request(Rollout.STATEFUL, OutputStrategy.RECURSIVE, Normalization.MIN_MAX, false, GapPolicy.SPLIT)
                .rollout()).isEqualTo(Rollout.STATEFUL);
        assertThat(NetworkSpec.requested(NetworkSpec.Overrides.NONE).rollout()).as("the default")
                .isEqualTo(Rollout.SLIDING);
        assertRefused(OutputStrategy.DIRECT, Normalization.STANDARDIZE, false, GapPolicy.SPLIT, "DIRECT");
        assertThat(request(Rollout.STATEFUL, OutputStrategy.RECURSIVE, Normalization.WINDOW, false, GapPolicy.SPLIT)
                .rollout()).as("a global network's scaling, kept at the origin").isEqualTo(Rollout.STATEFUL);
        assertRefused(OutputStrategy.RECURSIVE, Normalization.LAST_VALUE, false, GapPolicy.SPLIT, "LAST_VALUE");
        assertRefused(OutputStrategy.RECURSIVE, Normalization.STANDARDIZE, true, GapPolicy.SPLIT, "bidirectional");
        assertRefused(OutputStrategy.RECURSIVE, Normalization.STANDARDIZE, false, GapPolicy.MASK, "MASK");
    }

    private static void assertRefused(OutputStrategy strategy, Normalization normalization, boolean bidirectional,
            GapPolicy gapPolicy, String named) {
        assertThatThrownBy(() -> request(Rollout.STATEFUL, strategy, normalization, bidirectional, gapPolicy))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> {
                    assertThat(e.field()).isEqualTo("rollout");
                    assertThat(e.getMessage()).contains(named);
                });
    }

    private static NetworkSpec request(Rollout rollout, OutputStrategy strategy, Normalization normalization,
            boolean bidirectional, GapPolicy gapPolicy) {
        return NetworkSpec.requested(new NetworkSpec.Overrides(null, null, bidirectional, null, null, null, null, null,
                null, null, null, null, null, normalization, null, null, strategy, null, null, null, gapPolicy,
                rollout));
    }
}
