package dev.tsforge.model.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.History;
import dev.tsforge.model.InsufficientDataException;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.TestSpecs;
import dev.tsforge.model.TrainingOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The artifact is the model: what is written and read back predicts exactly what was trained. */
class ModelArtifactTests {

    private static final int PERIOD = 20;

    static double[] sine(int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 10 + 3 * Math.sin(2 * Math.PI * i / PERIOD);
        }
        return values;
    }

    @Test
    void savedAndReloadedStackedLstmPredictsIdentically(@TempDir Path dir) throws IOException {
        assertRoundTrip(TestSpecs.withHidden(TestSpecs.small(Architecture.LSTM), List.of(8, 4), false), dir);
    }

    @Test
    void savedAndReloadedSimpleRnnPredictsIdentically(@TempDir Path dir) throws IOException {
        assertRoundTrip(TestSpecs.small(Architecture.SIMPLE_RNN), dir);
    }

    @Test
    void savedAndReloadedStackedGruPredictsIdentically(@TempDir Path dir) throws IOException {
        assertRoundTrip(TestSpecs.withHidden(TestSpecs.small(Architecture.GRU), List.of(8, 4), false), dir);
    }

    @Test
    void savedAndReloadedDirectModelPredictsIdentically(@TempDir Path dir) throws IOException {
        assertRoundTrip(TestSpecs.withStrategy(TestSpecs.small(Architecture.LSTM), OutputStrategy.DIRECT, 6), dir);
    }

    private static void assertRoundTrip(NetworkSpec spec, Path dir) throws IOException {
        Dl4jTrainer trainer = new Dl4jTrainer();
        List<Double> losses = new ArrayList<>();
        Dl4jTrainer.FittedNetwork fitted = trainer.fit(List.of(sine(120)), spec, (epoch, loss, validation) -> losses.add(loss));
        Path artifact = dir.resolve("nested/model.zip");
        Dl4jTrainer.save(fitted, spec, "test", artifact);

        Predictor reloaded = new Dl4jPredictorLoader().load(artifact);
        double[] history = sine(130);
        double[] expected = fitted.predictor().forecast(History.of(history), 12);
        double[] actual = reloaded.forecast(History.of(history), 12);

        assertThat(losses).hasSize(spec.epochs()).allMatch(Double::isFinite);
        assertThat(reloaded.lookback()).isEqualTo(spec.lookback());
        assertThat(reloaded.outputSteps()).isEqualTo(spec.outputSteps());
        assertThat(actual).hasSize(12).containsExactly(expected);
        // forecasts are in the data's units (the normaliser is inside the artifact), not normalised ones
        assertThat(Arrays.stream(actual).boxed().toList()).allMatch(v -> Double.isFinite(v) && v > 3 && v < 17);
        try (Stream<Path> files = Files.list(artifact.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .as("no temporary file is left beside the artifact").containsExactly("model.zip");
        }
    }

    /** Models saved before LSTMs were fused hold DL4J's own LSTM layer: they pass the import check and predict. */
    @Test
    void aModelWithTheStockLstmLayerStillImportsAndPredicts(@TempDir Path dir) {
        NetworkSpec spec = TestSpecs.withHidden(TestSpecs.small(Architecture.LSTM), List.of(8, 4), false);
        Dl4jTrainer.FittedNetwork stock = NetworkTrainingTests.fitWithStockLstm(spec, List.of(sine(120)), (e, l, v) -> { });
        Path artifact = dir.resolve("stock.zip");
        Dl4jTrainer.save(stock, spec, "test", artifact);

        Dl4jPredictorLoader loader = new Dl4jPredictorLoader();
        assertThat(loader.inspectUntrusted(artifact, 10_000_000).lookback()).isEqualTo(spec.lookback());
        assertThat(loader.load(artifact).forecast(History.of(sine(130)), 12)).containsExactly(stock.predictor().forecast(History.of(sine(130)), 12));
        assertThat(stock.network().getLayerWiseConfigurations().getConf(1).getLayer()).isInstanceOf(
                org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep.class);
    }

    @Test
    void aFusedLstmModelPassesTheImportCheck(@TempDir Path dir) {
        NetworkSpec spec = TestSpecs.withHidden(TestSpecs.small(Architecture.LSTM), List.of(8, 4), false);
        Path artifact = dir.resolve("fused.zip");
        new Dl4jTrainer().train(List.of(sine(120)), spec, (e, l, v) -> { }, artifact);
        assertThat(new Dl4jPredictorLoader().inspectUntrusted(artifact, 10_000_000).outputSteps()).isEqualTo(1);
    }

    @Test
    void aWarmStartContinuesFromTheSavedWeightsAndNormaliser(@TempDir Path dir) {
        NetworkSpec spec = TestSpecs.withEpochs(TestSpecs.small(Architecture.LSTM), 12);
        Dl4jTrainer trainer = new Dl4jTrainer();
        List<Double> parentLosses = new ArrayList<>();
        trainer.train(List.of(sine(120)), spec, (e, loss, v) -> parentLosses.add(loss), dir.resolve("parent.zip"));

        List<Double> warmLosses = new ArrayList<>();
        TrainingOutcome warm = trainer.continueTraining(dir.resolve("parent.zip"), List.of(sine(140)),
                TestSpecs.withEpochs(spec, 3), (e, loss, v) -> warmLosses.add(loss), dir.resolve("child.zip"));
        List<Double> coldLosses = new ArrayList<>();
        trainer.train(List.of(sine(140)), TestSpecs.withEpochs(spec, 3), (e, loss, v) -> coldLosses.add(loss),
                dir.resolve("cold.zip"));

        assertThat(warm.epochsRun()).isEqualTo(3);
        assertThat(warmLosses.get(0)).as("the first warm epoch starts where the parent ended")
                .isLessThan(parentLosses.get(0) / 4)
                .isLessThan(coldLosses.get(0) / 4);
        assertThat(new Dl4jPredictorLoader().load(dir.resolve("child.zip")).forecast(History.of(sine(140)), 5)).hasSize(5);
    }

    @Test
    void windowsNeverSpanSegments() {
        var data = Windows.of(List.of(new double[] {1, 2, 3, 4}, new double[] {10, 11, 12}), 2, 1);
        assertThat(data.numExamples()).isEqualTo(2 + 1);
        assertThat(data.getFeatures().shape()).containsExactly(3, 1, 2);
        assertThat(new double[] {data.getFeatures().getDouble(2, 0, 0), data.getFeatures().getDouble(2, 0, 1)})
                .containsExactly(10, 11);
        assertThat(data.getLabels().toDoubleVector()).containsExactly(3, 4, 12);
    }

    @Test
    void directWindowsCarryTheWholeHorizonAsLabels() {
        var data = Windows.of(List.of(new double[] {1, 2, 3, 4, 5, 6}), 2, 3);
        assertThat(data.numExamples()).isEqualTo(2);
        assertThat(data.getLabels().shape()).containsExactly(2, 3);
        assertThat(data.getLabels().getRow(1).toDoubleVector()).containsExactly(4, 5, 6);
    }

    @Test
    void tooFewWindowsIsRefusedBeforeTraining(@TempDir Path dir) {
        assertThatThrownBy(() -> new Dl4jTrainer().train(List.of(sine(15)), TestSpecs.small(Architecture.LSTM),
                (e, l, v) -> { }, dir.resolve("m.zip")))
                .isInstanceOf(InsufficientDataException.class)
                .hasMessageContaining("leave 5 training window(s)");
        assertThat(dir.resolve("m.zip")).doesNotExist();
    }
}
