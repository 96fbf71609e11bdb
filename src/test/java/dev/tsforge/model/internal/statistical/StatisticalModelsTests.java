package dev.tsforge.model.internal.statistical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tsforge.model.History;
import dev.tsforge.model.InsufficientDataException;
import dev.tsforge.model.InvalidArtifactException;
import dev.tsforge.model.InvalidSpecException;
import dev.tsforge.model.ModelLoader;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.TrainingOutcome;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.internal.network.Dl4jPredictorLoader;
import dev.tsforge.model.internal.network.Dl4jTrainer;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.statistics.ArimaOrder;
import dev.tsforge.statistics.StlArima;
import dev.tsforge.statistics.Theta;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A THETA model is trained, saved, loaded and served through the same interfaces as a network. */
class StatisticalModelsTests {

    private static final StatisticalSpec THETA = StatisticalSpec.theta(48, 6, GapPolicy.LINEAR, 42);

    /** Four years of a monthly season on a rising line. */
    private static double[] monthly() {
        double[] values = new double[48];
        for (int t = 0; t < values.length; t++) {
            values[t] = (100 + t) * (1 + 0.2 * Math.sin(2 * Math.PI * t / 12));
        }
        return values;
    }

    @Test
    void trainsInstantlySavesAndLoadsTheSameForecaster(@TempDir Path dir) {
        double[] history = monthly();
        Path artifact = dir.resolve("theta.zip");
        ModelTrainer trainer = new ModelTrainer(new Dl4jTrainer());
        TrainingOutcome outcome = trainer.train(List.of(history), THETA, 12, (epoch, loss, validation) -> { },
                artifact);

        assertThat(artifact).exists();
        assertThat(outcome.epochsRun()).isZero();
        assertThat(outcome.engine()).contains("statistical");
        assertThat(outcome.trainingLoss()).as("one-step errors well below the variance").isBetween(0.0, 0.2);
        double[] expected = Theta.forecast(history, 6, 12);
        assertThat(outcome.predictor().forecast(History.of(history), 6)).containsExactly(expected, within(1e-12));

        Predictor loaded = new ModelLoader(new Dl4jPredictorLoader()).load(artifact);
        assertThat(loaded.lookback()).isEqualTo(48);
        assertThat(loaded.minimumHistory()).isEqualTo(Theta.MIN_HISTORY);
        assertThat(loaded.forecast(History.of(history), 6)).containsExactly(expected, within(1e-12));
        // the season lines up with the history's end, however long the history
        double[] longer = new double[60];
        for (int t = 0; t < longer.length; t++) {
            longer[t] = (100 + t) * (1 + 0.2 * Math.sin(2 * Math.PI * t / 12));
        }
        double[] next = loaded.forecast(History.of(longer), 1);
        assertThat(next[0]).isCloseTo(160 * (1 + 0.2 * Math.sin(2 * Math.PI * 60 / 12)), within(5.0));
    }

    /**
     * ARIMA on STL-adjusted values, saved and loaded with its season (a "year" of 30 steps: longer than ARIMA's
     * seasonal models take here) and the order chosen on the adjusted values: R's stlf with method "arima".
     */
    @Test
    void stlArimaForecastsTheSeasonArimaAloneDoesNotSee(@TempDir Path dir) {
        java.util.Random noise = new java.util.Random(3);
        double[] history = new double[150];
        for (int t = 0; t < history.length; t++) {
            history[t] = 50 + 0.1 * t + 10 * Math.sin(2 * Math.PI * t / 30) + noise.nextGaussian();
        }
        ArimaOrder order = StlArima.order(history, 30, java.time.Duration.ofSeconds(10));
        StatisticalSpec spec = new StatisticalSpec(List.of(StatisticalSpec.Method.STL_ARIMA), null, order.toString(),
                new WindowSpec(150, 10, OutputStrategy.DIRECT, GapPolicy.LINEAR, 1));
        Path artifact = dir.resolve("stl-arima.zip");
        new ModelTrainer(new Dl4jTrainer()).train(List.of(history), spec, 30, (epoch, loss, validation) -> { },
                artifact);
        Predictor loaded = new ModelLoader(new Dl4jPredictorLoader()).load(artifact);

        double[] forecast = loaded.forecast(History.of(history), 10);
        assertThat(forecast).as("the stored order, estimated again")
                .containsExactly(StlArima.forecast(history, 30, 10, order));
        for (int step = 0; step < 10; step++) {
            int t = 150 + step;
            assertThat(forecast[step]).as("step " + (step + 1))
                    .isCloseTo(50 + 0.1 * t + 10 * Math.sin(2 * Math.PI * t / 30), within(3.0));
        }
    }

    /**
     * The value a week before, saved and loaded with its season (a "day" of 4 steps, so a week of 28); from a history
     * shorter than a week, the value a day before.
     */
    @Test
    void weeklyNaiveRepeatsTheWeekBeforeAndTheDayBeforeFromLessThanAWeek(@TempDir Path dir) {
        StatisticalSpec spec = StatisticalSpec.of(StatisticalSpec.Method.WEEKLY_NAIVE, 40, 6, GapPolicy.LINEAR, 1);
        double[] history = new double[40];
        for (int t = 0; t < history.length; t++) {
            history[t] = t * t;
        }
        Path artifact = dir.resolve("weekly.zip");
        new ModelTrainer(new Dl4jTrainer()).train(List.of(history), spec, 4, (epoch, loss, validation) -> { },
                artifact);
        Predictor loaded = new ModelLoader(new Dl4jPredictorLoader()).load(artifact);

        assertThat(loaded.forecast(History.of(history), 6)).as("t - 28 for t = 40..45")
                .containsExactly(144, 169, 196, 225, 256, 289);
        double[] fewerThanAWeek = java.util.Arrays.copyOf(history, 20);
        assertThat(loaded.forecast(History.of(fewerThanAWeek), 6)).as("a day of 4 steps before, repeated")
                .containsExactly(256, 289, 324, 361, 256, 289);
    }

    @Test
    void fillsMissingValuesAndRefusesWhatItCannotDo(@TempDir Path dir) throws Exception {
        double[] history = monthly();
        double[] gappy = history.clone();
        gappy[40] = Double.NaN;
        Predictor theta = new ModelTrainer(new Dl4jTrainer()).train(List.of(history), THETA, 12,
                (epoch, loss, validation) -> { }, dir.resolve("theta.zip")).predictor();
        double[] filled = theta.forecast(History.of(gappy), 6);
        assertThat(java.util.Arrays.stream(filled).allMatch(Double::isFinite)).as("a NaN is filled, not passed on")
                .isTrue();
        assertThat(filled[0]).isCloseTo(theta.forecast(History.of(history), 6)[0], within(10.0));

        ModelTrainer trainer = new ModelTrainer(new Dl4jTrainer());
        assertThatThrownBy(() -> NetworkSpec.continuing(THETA, NetworkSpec.Overrides.NONE))
                .as("a warm start needs weights").isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("no weights to continue");
        assertThatThrownBy(() -> trainer.train(List.of(new double[] {1, 2}), THETA, 12, (e, l, v) -> { },
                dir.resolve("y.zip"))).isInstanceOf(InsufficientDataException.class);
        assertThatThrownBy(() -> new ModelLoader(new Dl4jPredictorLoader())
                .inspectUntrusted(dir.resolve("theta.zip"), 1 << 20))
                .as("imports are networks only").isInstanceOf(InvalidArtifactException.class);
        assertThat(Files.list(dir)).extracting(p -> p.getFileName().toString()).containsExactly("theta.zip");
    }
}
