package dev.tsforge.model.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.EpochListener;
import dev.tsforge.model.History;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.GradientClipping;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.Optimizer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import dev.tsforge.model.TestSpecs;
import dev.tsforge.model.TrainingOutcome;
import dev.tsforge.model.internal.layers.FusedLstmLayer;
import dev.tsforge.series.GapPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

class NetworkTrainingTests {

    private static final Dl4jTrainer TRAINER = new Dl4jTrainer();

    private static List<Double> lossesOf(NetworkSpec spec, double[] series) {
        List<Double> losses = new ArrayList<>();
        TRAINER.fit(List.of(series), spec, (epoch, loss, validation) -> losses.add(loss));
        return losses;
    }

    private static void assertForecastShape(Predictor predictor, int horizon) {
        double[] forecast = predictor.forecast(History.of(ModelArtifactTests.sine(60)), horizon);
        assertThat(forecast).hasSize(horizon);
        assertThat(Arrays.stream(forecast).boxed().toList()).allMatch(Double::isFinite);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void everyArchitectureAndStrategyTrainsAndForecasts(Architecture architecture) {
        for (OutputStrategy strategy : OutputStrategy.values()) {
            NetworkSpec spec = TestSpecs.withStrategy(TestSpecs.small(architecture), strategy, 6);
            Dl4jTrainer.FittedNetwork fitted = TRAINER.fit(List.of(ModelArtifactTests.sine(100)), spec, (e, l, v) -> { });
            assertThat(fitted.epochsRun()).isEqualTo(spec.epochs());
            assertThat(fitted.predictor().outputSteps()).isEqualTo(strategy == OutputStrategy.DIRECT ? 6 : 1);
            // 15 steps: more than one DIRECT pass, rolled out
            assertForecastShape(fitted.predictor(), 15);
        }
    }

    static List<Arguments> fittingOptions() {
        return List.of(
                Arguments.of(CellActivation.RELU, WeightInitScheme.HE, Optimizer.SGD, 0.05, 0.0, 0.0,
                        GradientClipping.NORM, Normalization.MIN_MAX),
                Arguments.of(CellActivation.TANH, WeightInitScheme.XAVIER, Optimizer.RMSPROP, 0.005, 0.2, 1e-4,
                        GradientClipping.NONE, Normalization.STANDARDIZE),
                Arguments.of(CellActivation.TANH, WeightInitScheme.HE, Optimizer.ADAM, 0.01, 0.1, 1e-3,
                        GradientClipping.VALUE, Normalization.MIN_MAX));
    }

    @ParameterizedTest
    @MethodSource("fittingOptions")
    void fittingOptionsTrainToFiniteForecasts(CellActivation activation, WeightInitScheme init, Optimizer optimizer,
            double learningRate, double dropout, double l2, GradientClipping clipping, Normalization normalization) {
        NetworkSpec spec = TestSpecs.withFitting(TestSpecs.small(Architecture.LSTM), activation, init, optimizer,
                learningRate, dropout, l2, clipping, normalization);
        List<Double> losses = lossesOf(spec, ModelArtifactTests.sine(100));
        assertThat(losses).hasSize(spec.epochs()).allMatch(Double::isFinite);
        assertForecastShape(TRAINER.fit(List.of(ModelArtifactTests.sine(100)), spec, (e, l, v) -> { }).predictor(), 5);
    }

    /** Fits with the network tsforge built before the fused LSTM, normalised as {@link Dl4jTrainer} does. */
    static Dl4jTrainer.FittedNetwork fitWithStockLstm(NetworkSpec spec, List<double[]> segments, EpochListener listener) {
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fitLabel(true);
        normalizer.fit(Windows.of(segments, spec.lookback(), spec.outputSteps()));
        return TRAINER.fit(segments, spec, listener,
                new Dl4jTrainer.Start(NetworkFactory.buildWithStockLstm(spec), normalizer));
    }

    private static double holdoutRmse(Predictor predictor, double[] series, int horizon) {
        double[] history = Arrays.copyOf(series, series.length - horizon);
        double[] forecast = predictor.forecast(History.of(history), horizon);
        double squares = 0;
        for (int h = 0; h < horizon; h++) {
            squares += Math.pow(forecast[h] - series[history.length + h], 2);
        }
        return Math.sqrt(squares / horizon);
    }

    @Test
    void unidirectionalLstmsAreFusedAndBidirectionalOnesStock() {
        NetworkSpec stacked = TestSpecs.withHidden(TestSpecs.small(Architecture.LSTM), List.of(8, 4), false);
        var fused = NetworkFactory.build(stacked).getLayerWiseConfigurations();
        assertThat(fused.getConf(0).getLayer()).isInstanceOf(FusedLstmLayer.class);
        assertThat(((FusedLstmLayer) fused.getConf(1).getLayer()).isLastStepOnly()).isTrue();
        var bidirectional = NetworkFactory.build(TestSpecs.withHidden(stacked, List.of(8), true))
                .getLayerWiseConfigurations();
        assertThat(bidirectional.getConf(0).getLayer()).isInstanceOf(LastTimeStep.class);
        var masked = NetworkFactory.build(TestSpecs.withGapPolicy(stacked, GapPolicy.MASK))
                .getLayerWiseConfigurations();
        assertThat(masked.getConf(0).getLayer()).as("MASK needs DL4J's per-step masks")
                .isInstanceOf(org.deeplearning4j.nn.conf.layers.LSTM.class);
    }

    /**
     * The fused layer is the same function as DL4J's LSTM, but it draws its initial weights in another order, so
     * the two fits differ in detail; on a noisy sine both must learn the signal, and about equally well.
     */
    @Test
    void fusedAndStockLstmsReachASimilarHoldoutError() {
        int horizon = 10;
        Random random = new Random(11);
        double[] series = new double[260];
        for (int i = 0; i < series.length; i++) {
            series[i] = 10 + 3 * Math.sin(2 * Math.PI * i / 20) + 0.3 * random.nextGaussian();
        }
        NetworkSpec spec = TestSpecs.withStrategy(TestSpecs.withEpochs(TestSpecs.withHidden(
                TestSpecs.small(Architecture.LSTM), List.of(16), false), 25), OutputStrategy.RECURSIVE, horizon);
        List<double[]> training = List.of(Arrays.copyOf(series, series.length - horizon));
        List<Double> fusedLosses = new ArrayList<>();
        List<Double> stockLosses = new ArrayList<>();
        Dl4jTrainer.FittedNetwork fused = TRAINER.fit(training, spec, (e, loss, v) -> fusedLosses.add(loss));
        Dl4jTrainer.FittedNetwork stock = fitWithStockLstm(spec, training, (e, loss, v) -> stockLosses.add(loss));
        double fusedRmse = holdoutRmse(fused.predictor(), series, horizon);
        double stockRmse = holdoutRmse(stock.predictor(), series, horizon);
        double naiveRmse = 0;
        for (int h = 0; h < horizon; h++) {
            naiveRmse += Math.pow(series[series.length - horizon - 1] - series[series.length - horizon + h], 2);
        }
        naiveRmse = Math.sqrt(naiveRmse / horizon);
        System.out.printf("holdout RMSE: fused %.4f, stock %.4f, naive %.4f; final training loss fused %.4f, "
                + "stock %.4f%n", fusedRmse, stockRmse, naiveRmse, fusedLosses.get(fusedLosses.size() - 1),
                stockLosses.get(stockLosses.size() - 1));
        assertThat(fusedRmse).isLessThan(naiveRmse / 2).isLessThan(stockRmse * 1.25);
        assertThat(stockRmse).isLessThan(naiveRmse / 2);
        assertThat(fusedLosses.get(fusedLosses.size() - 1)).isLessThan(stockLosses.get(stockLosses.size() - 1) * 1.25);
    }

    @Test
    void bidirectionalStackTrains() {
        NetworkSpec spec = TestSpecs.withHidden(TestSpecs.small(Architecture.SIMPLE_RNN), List.of(8, 4), true);
        Dl4jTrainer.FittedNetwork fitted = TRAINER.fit(List.of(ModelArtifactTests.sine(100)), spec, (e, l, v) -> { });
        assertForecastShape(fitted.predictor(), 5);
    }

    @Test
    void sameSpecSeedAndDataGiveTheSameLosses() {
        NetworkSpec spec = TestSpecs.withValidation(
                TestSpecs.withFitting(TestSpecs.small(Architecture.LSTM), CellActivation.TANH, WeightInitScheme.XAVIER,
                        Optimizer.ADAM, 0.01, 0.2, 1e-4, GradientClipping.VALUE, Normalization.STANDARDIZE), 0.2, 0);
        double[] series = ModelArtifactTests.sine(100);
        assertThat(lossesOf(spec, series)).isEqualTo(lossesOf(spec, series));
    }

    @Test
    void trainingLowersTheLoss(@TempDir Path dir) {
        List<Double> losses = new ArrayList<>();
        NetworkSpec spec = TestSpecs.withEpochs(TestSpecs.withHidden(TestSpecs.small(Architecture.LSTM), List.of(16),
                false), 15);
        TrainingOutcome outcome = TRAINER.train(List.of(ModelArtifactTests.sine(160)), spec,
                (epoch, loss, validation) -> losses.add(loss), dir.resolve("m.zip"));
        assertThat(outcome.windows()).isEqualTo(150);
        assertThat(outcome.engine()).startsWith("deeplearning4j 1.0.0-M2.1 on ");
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) / 4);
        assertThat(outcome.trainingLoss()).isEqualTo(losses.get(losses.size() - 1));
        assertThat(outcome.stopReason()).isEqualTo("completed 15 epochs");
    }

    @Test
    void earlyStoppingStopsWhenValidationStopsImprovingAndKeepsTheBestEpoch() {
        Random random = new Random(3);
        double[] noise = new double[200];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextGaussian();
        }
        NetworkSpec spec = TestSpecs.withValidation(TestSpecs.withEpochs(TestSpecs.small(Architecture.SIMPLE_RNN), 500),
                0.25, 3);
        List<Double> validation = new ArrayList<>();
        Dl4jTrainer.FittedNetwork fitted = TRAINER.fit(List.of(noise), spec, (e, l, v) -> validation.add(v));

        assertThat(fitted.epochsRun()).isLessThan(500).isEqualTo(validation.size());
        assertThat(fitted.bestEpoch()).isEqualTo(fitted.epochsRun() - 3);
        assertThat(fitted.validationLoss()).isEqualTo(validation.stream().min(Double::compare).orElseThrow());
        assertThat(fitted.stopReason()).startsWith("early stop").contains("kept epoch " + fitted.bestEpoch());
        assertThat(fitted.validationWindows()).isEqualTo((int) Math.floor(190 * 0.25));
        assertThat(fitted.windows()).isEqualTo(190 - fitted.validationWindows());
    }
}
