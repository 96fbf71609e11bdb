package dev.tsforge.model.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.History;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.GradientClipping;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.Optimizer;
import dev.tsforge.model.SpecOptions.Rollout;
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import dev.tsforge.model.TestSpecs;
import dev.tsforge.model.TrainingOutcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.dataset.DataSet;

/** LAST_VALUE normalisation: windows as changes from their last value, in training and in forecasts. */
class RelativeWindowsTests {

    @Test
    void windowsBecomeChangesFromTheirLastInput() {
        DataSet windows = RelativeWindows.of(Windows.of(List.of(new double[] {1, 2, 4, 7, 11}), 3, 2));
        assertThat(windows.getFeatures().dup('c').data().asFloat()).containsExactly(-3f, -2f, 0f);
        assertThat(windows.getLabels().dup('c').data().asFloat()).containsExactly(3f, 7f);

        double nan = Double.NaN;
        DataSet masked = RelativeWindows.of(MaskedWindows.of(new double[] {5, nan, 8, 9, nan}, 3, 2));
        assertThat(masked.getFeatures().dup('c').data().asFloat()).as("a masked input stays 0, unread")
                .containsExactly(-3f, 0f, 0f);
        assertThat(masked.getLabels().dup('c').data().asFloat()).containsExactly(1f, -8f);
        assertThat(RelativeWindows.anchor(new double[] {1, 2, nan}, 0, 3)).isEqualTo(2.0);
    }

    /**
     * A network trained on a rising line 0..99 and asked to continue it at 1000: relative to the last value it has
     * learned "one more"; standardised, 1000 lies far outside what it saw and its tanh units saturate.
     */
    @Test
    void aLevelNeverSeenInTrainingIsNoProblem(@TempDir Path dir) {
        double[] line = new double[100];
        for (int t = 0; t < line.length; t++) {
            line[t] = t;
        }
        double[] far = new double[10];
        for (int t = 0; t < far.length; t++) {
            far[t] = 1000 + t;
        }
        NetworkSpec standardised = TestSpecs.withEpochs(TestSpecs.small(Architecture.LSTM), 30);
        NetworkSpec relative = TestSpecs.withFitting(standardised, CellActivation.TANH, WeightInitScheme.XAVIER,
                Optimizer.ADAM, 0.01, 0, 0, GradientClipping.VALUE, Normalization.LAST_VALUE);
        Dl4jTrainer trainer = new Dl4jTrainer();
        TrainingOutcome changes = trainer.train(List.of(line), relative, (e, l, v) -> { }, dir.resolve("r.zip"));
        TrainingOutcome levels = trainer.train(List.of(line), standardised, (e, l, v) -> { }, dir.resolve("s.zip"));

        double[] forecast = changes.predictor().forecast(History.of(far), 3);
        assertThat(forecast).containsExactly(new double[] {1010, 1011, 1012}, within(1.0));
        assertThat(Math.abs(levels.predictor().forecast(History.of(far), 1)[0] - 1010)).as("standardised levels saturate")
                .isGreaterThan(500);
        Predictor loaded = new Dl4jPredictorLoader().load(dir.resolve("r.zip"));
        assertThat(loaded.forecast(History.of(far), 3)).containsExactly(forecast, within(1e-4));
    }

    @Test
    void windowNormalisationDividesEachWindowByItsOwnSpread() {
        DataSet windows = RelativeWindows.of(Windows.of(List.of(new double[] {1, 2, 4, 7, 11}), 3, 2), true);
        double spread = Math.sqrt((Math.pow(1 - 7 / 3.0, 2) + Math.pow(2 - 7 / 3.0, 2) + Math.pow(4 - 7 / 3.0, 2)) / 3);
        assertThat(windows.getFeatures().dup('c').data().asFloat()).containsExactly(
                new float[] {(float) (-3 / spread), (float) (-2 / spread), 0f}, within(1e-6f));
        assertThat(windows.getLabels().dup('c').data().asFloat()).containsExactly(
                new float[] {(float) (3 / spread), (float) (7 / spread)}, within(1e-6f));
        assertThat(RelativeWindows.spread(new double[] {50, 50, 50}, 0, 3)).as("flat: a millionth of its level")
                .isCloseTo(5e-5, within(1e-12));
        DataSet flat = RelativeWindows.of(Windows.of(List.of(new double[] {50, 50, 50, 51}), 3, 1), true);
        assertThat(flat.getLabels().getFloat(0)).as("a step after a flat window: limited").isEqualTo(10f);
        assertThat(RelativeWindows.spread(new double[] {0, 0, Double.NaN}, 0, 3)).as("zeros: the series' unit")
                .isEqualTo(1.0);
    }

    /**
     * WINDOW makes the forecast follow the series' scale and level: a series 1000 times larger and shifted by 5000
     * is forecast 1000 times larger and shifted by 5000, by the same network, through the plain-Java pass, through
     * {@code output()} and after a reload, rolled out either way (STATEFUL in the origin window's units).
     */
    @ParameterizedTest
    @EnumSource(Rollout.class)
    void windowNormalisedForecastsFollowEachSeriesScale(Rollout rollout, @TempDir Path dir) {
        double[] small = new double[120];
        double[] large = new double[120];
        for (int t = 0; t < small.length; t++) {
            small[t] = Math.sin(2 * Math.PI * t / 12) + 0.1 * Math.cos(t);
            large[t] = 5000 + 1000 * small[t];
        }
        NetworkSpec spec = TestSpecs.withFitting(TestSpecs.withEpochs(TestSpecs.small(Architecture.LSTM), 5),
                CellActivation.TANH, WeightInitScheme.XAVIER, Optimizer.ADAM, 0.01, 0, 0, GradientClipping.VALUE,
                Normalization.WINDOW).withRollout(rollout);
        Dl4jTrainer.FittedNetwork fitted = new Dl4jTrainer().fit(List.of(small, large), spec, (e, l, v) -> { });
        Dl4jPredictor inJava = (Dl4jPredictor) fitted.predictor();
        assertThat(inJava.runsInJava()).isTrue();
        double[] forSmall = inJava.forecast(History.of(small), 6);
        double[] forLarge = inJava.forecast(History.of(large), 6);
        for (int h = 0; h < 6; h++) {
            assertThat(forLarge[h]).isCloseTo(5000 + 1000 * forSmall[h], within(1e-2));
        }
        double[] throughOutput = rollout == Rollout.STATEFUL ? StatefulRolloutTests.throughOutput(fitted, large, 6)
                : new Dl4jPredictor(fitted.network(), fitted.normalizer(), true, true, fitted.lookback(), 1, false)
                        .forecast(History.of(large), 6);
        assertThat(throughOutput).containsExactly(forLarge, within(1e-2));

        TrainingOutcome saved = new Dl4jTrainer().train(List.of(small, large), spec, (e, l, v) -> { },
                dir.resolve("w.zip"));
        Predictor loaded = new Dl4jPredictorLoader().load(dir.resolve("w.zip"));
        double[] loadedSmall = loaded.forecast(History.of(small), 6);
        double[] loadedLarge = loaded.forecast(History.of(large), 6);
        assertThat(loadedLarge).containsExactly(saved.predictor().forecast(History.of(large), 6), within(1e-6));
        for (int h = 0; h < 6; h++) {
            assertThat(loadedLarge[h]).as("reloaded").isCloseTo(5000 + 1000 * loadedSmall[h], within(1e-2));
        }
        assertThat(new Dl4jPredictorLoader().inspectUntrusted(dir.resolve("w.zip"), 1 << 26).spec())
                .isInstanceOfSatisfying(NetworkSpec.class, s -> assertThat(s.rollout()).isEqualTo(rollout));
    }
}
