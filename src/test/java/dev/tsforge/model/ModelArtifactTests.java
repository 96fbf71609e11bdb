package dev.tsforge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The artifact is the model: what is written and read back predicts exactly what was trained. */
class ModelArtifactTests {

    private static final int PERIOD = 20;

    private static double[] sine(int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 10 + 3 * Math.sin(2 * Math.PI * i / PERIOD);
        }
        return values;
    }

    private static NetworkSpec spec(Architecture architecture, List<Integer> hidden) {
        return new NetworkSpec(architecture, hidden, 10, 5, 16, 0.01, 7);
    }

    @Test
    void savedAndReloadedLstmPredictsIdentically(@TempDir Path dir) {
        assertRoundTrip(spec(Architecture.LSTM, List.of(8, 4)), dir);
    }

    @Test
    void savedAndReloadedSimpleRnnPredictsIdentically(@TempDir Path dir) {
        assertRoundTrip(spec(Architecture.SIMPLE_RNN, List.of(8)), dir);
    }

    private static void assertRoundTrip(NetworkSpec spec, Path dir) {
        Dl4jTrainer trainer = new Dl4jTrainer();
        List<Double> losses = new ArrayList<>();
        Dl4jTrainer.Fitted fitted = trainer.fit(List.of(sine(120)), spec, (epoch, loss) -> losses.add(loss));
        Path artifact = dir.resolve("nested/model.zip");
        Dl4jTrainer.save(fitted, artifact);

        Predictor reloaded = new Dl4jPredictorLoader().load(artifact);
        double[] history = sine(130);
        double[] expected = fitted.predictor().forecast(history, 12);
        double[] actual = reloaded.forecast(history, 12);

        assertThat(losses).hasSize(spec.epochs()).allMatch(Double::isFinite);
        assertThat(reloaded.lookback()).isEqualTo(spec.lookback());
        assertThat(actual).hasSize(12).containsExactly(expected);
        assertThat(Arrays.stream(actual).boxed().toList()).allMatch(Double::isFinite);
        // forecasts are in the data's units (the normaliser is inside the artifact), not standardised ones
        assertThat(Arrays.stream(actual).boxed().toList()).allMatch(v -> v > 3 && v < 17);
        try (var files = Files.list(artifact.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .as("no temporary file is left beside the artifact").containsExactly("model.zip");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void windowsNeverSpanSegments() {
        var data = Windows.of(List.of(new double[] {1, 2, 3, 4}, new double[] {10, 11, 12}), 2);
        assertThat(data.numExamples()).isEqualTo(2 + 1);
        assertThat(data.getFeatures().shape()).containsExactly(3, 1, 2);
        assertThat(new double[] {data.getFeatures().getDouble(2, 0, 0), data.getFeatures().getDouble(2, 0, 1)})
                .containsExactly(10, 11);
        assertThat(data.getLabels().toDoubleVector()).containsExactly(3, 4, 12);
    }

    @Test
    void tooFewWindowsIsRefusedBeforeTraining(@TempDir Path dir) {
        assertThatThrownBy(() -> new Dl4jTrainer().train(List.of(sine(15)), spec(Architecture.LSTM, List.of(4)),
                (e, l) -> { }, dir.resolve("m.zip")))
                .isInstanceOf(InsufficientDataException.class)
                .hasMessageContaining("5 training window(s)");
        assertThat(dir.resolve("m.zip")).doesNotExist();
    }

    @Test
    void trainingLowersTheLoss(@TempDir Path dir) {
        List<Double> losses = new ArrayList<>();
        NetworkSpec spec = new NetworkSpec(Architecture.LSTM, List.of(16), 10, 15, 16, 0.01, 3);
        TrainingOutcome outcome = new Dl4jTrainer().train(List.of(sine(160)), spec,
                (epoch, loss) -> losses.add(loss), dir.resolve("m.zip"));
        assertThat(outcome.windows()).isEqualTo(150);
        assertThat(outcome.engine()).startsWith("deeplearning4j 1.0.0-M2.1 on ");
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) / 4);
        assertThat(outcome.finalLoss()).isEqualTo(losses.get(losses.size() - 1));
    }
}
