package dev.tsforge.model.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.History;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.TestSpecs;
import dev.tsforge.series.GapPolicy;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.dataset.DataSet;

/** MASK: windows span gaps, a missing value is unknown to the network, and nothing is filled in. */
class MaskedTrainingTests {

    private static final Dl4jTrainer TRAINER = new Dl4jTrainer();

    /** A sine with a missing value every 9th step. */
    private static double[] gappedSine(int length) {
        double[] values = ModelArtifactTests.sine(length);
        for (int i = 4; i < length - 1; i += 9) {
            values[i] = Double.NaN;
        }
        return values;
    }

    @Test
    void windowsMaskMissingInputsAndTargetsAndEndOnAnObservedValue() {
        double nan = Double.NaN;
        double[] grid = {1, 2, nan, 4, 5, nan, 7};
        // lookback 2, two outputs: windows start 0..3; start 1 ends on the missing value and is dropped
        assertThat(MaskedWindows.count(grid, 2, 2)).isEqualTo(3);
        DataSet windows = MaskedWindows.of(grid, 2, 2);
        assertThat(windows.getFeatures().shape()).containsExactly(3L, 1L, 2L);
        assertThat(windows.getFeatures().dup().data().asFloat()).containsExactly(1, 2, 0, 4, 4, 5);
        assertThat(windows.getFeaturesMaskArray().dup().data().asFloat()).containsExactly(1, 1, 0, 1, 1, 1);
        assertThat(windows.getLabels().dup().data().asFloat()).containsExactly(0, 4, 5, 0, 0, 7);
        assertThat(windows.getLabelsMaskArray().dup().data().asFloat()).containsExactly(0, 1, 1, 0, 0, 1);
        // one output: start 0 and 3 predict a missing value, start 1 and 4 end on one; only start 2 is left
        assertThat(MaskedWindows.count(grid, 2, 1)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void valuesBeforeAMissingOneDoNotChangeTheForecast(Architecture architecture) {
        NetworkSpec spec = TestSpecs.withGapPolicy(TestSpecs.withStrategy(TestSpecs.small(architecture),
                OutputStrategy.DIRECT, 3), GapPolicy.MASK);
        Dl4jTrainer.FittedNetwork fitted = TRAINER.fit(List.of(gappedSine(200)), spec, (e, l, v) -> { });
        assertThat(fitted.windows()).as("more windows than the gap-free runs of 8 values could give").isPositive();
        assertThat(Double.isFinite(fitted.trainingLoss())).isTrue();

        double[] history = ModelArtifactTests.sine(10);
        history[5] = Double.NaN;
        double[] other = history.clone();
        for (int i = 0; i < 5; i++) {
            other[i] = 100 + i;
        }
        double[] forecast = fitted.predictor().forecast(History.of(history), 3);
        assertThat(Arrays.stream(forecast).allMatch(Double::isFinite)).isTrue();
        double[] same = fitted.predictor().forecast(History.of(other), 3);
        for (int k = 0; k < 3; k++) {
            assertThat(same[k]).as("the state restarts after the missing value").isCloseTo(forecast[k], within(1e-5));
        }
        double[] later = history.clone();
        later[8] = 100;
        assertThat(fitted.predictor().forecast(History.of(later), 3)[0]).as("values after it still count")
                .isNotCloseTo(forecast[0], within(1e-3));
    }

    @Test
    void maskTrainsWhereGapFreeRunsAreTooShortAndLearnsTheSine() {
        double[] series = gappedSine(300);
        NetworkSpec spec = TestSpecs.withEpochs(TestSpecs.withGapPolicy(TestSpecs.small(Architecture.LSTM),
                GapPolicy.MASK), 20);
        Dl4jTrainer.FittedNetwork fitted = TRAINER.fit(List.of(series), spec, (e, l, v) -> { });
        // every gap-free run has 8 values: lookback 10 leaves SPLIT nothing
        assertThat(Windows.count(List.of(Arrays.copyOfRange(series, 5, 13)), 10, 1)).isZero();
        assertThat(fitted.windows()).isGreaterThan(200);
        double[] history = Arrays.copyOf(series, 290);
        double[] forecast = fitted.predictor().forecast(History.of(history), 5);
        double[] actual = ModelArtifactTests.sine(295);
        double error = 0;
        double naive = 0;
        for (int k = 0; k < 5; k++) {
            error += Math.abs(forecast[k] - actual[290 + k]);
            naive += Math.abs(history[289] - actual[290 + k]);
        }
        assertThat(error).as("the network beats the last value").isLessThan(naive);
    }
}
