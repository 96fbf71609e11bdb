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
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import dev.tsforge.model.TestSpecs;
import dev.tsforge.model.TrainingOutcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
}
