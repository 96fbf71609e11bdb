package dev.tsforge.model.internal.statistical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tsforge.model.History;
import dev.tsforge.model.ModelLoader;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.StatisticalSpec.Method;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.model.internal.artifact.SpecProperties;
import dev.tsforge.model.internal.network.Dl4jPredictorLoader;
import dev.tsforge.model.internal.network.Dl4jTrainer;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.statistics.Arima;
import dev.tsforge.statistics.ArimaOrder;
import dev.tsforge.statistics.Ets;
import dev.tsforge.statistics.EtsForm;
import dev.tsforge.statistics.Theta;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A statistical model whose ARIMA reads the whole run while its other methods read the recent window, and one saved
 * before ARIMA could: every method on the window, as it always forecast.
 */
class ArimaLookbackTests {

    private static final int WINDOW = 60;
    private static final int RUN = 240;
    private static final int H = 6;
    private static final String ORDER = "ARIMA(1,0,0) with non-zero mean";
    private static final String FORM = "ANN";
    private static final WindowSpec RECENT = new WindowSpec(WINDOW, H, OutputStrategy.DIRECT, GapPolicy.SPLIT, 1);

    /**
     * An AR(1) series around 50 whose last {@link #WINDOW} values are the same in both variants; before them it
     * wanders around 50 ({@code low} false) or around 10: only a method that reads more than the window sees that.
     */
    private static double[] series(boolean low) {
        Random noise = new Random(7);
        double[] values = new double[RUN];
        double deviation = 0;
        for (int t = 0; t < RUN; t++) {
            deviation = 0.6 * deviation + noise.nextGaussian();
            values[t] = (low && t < RUN - WINDOW ? 10 : 50) + deviation;
        }
        return values;
    }

    private static double[] last(double[] values, int count) {
        return Arrays.copyOfRange(values, values.length - count, values.length);
    }

    @Test
    void aCombinationsArimaReadsTheWholeRunWhileEtsAndThetaReadTheWindow() {
        StatisticalSpec spec = new StatisticalSpec(List.of(Method.ETS, Method.ARIMA, Method.THETA), FORM, ORDER,
                RECENT, RUN);
        Predictor predictor = ModelTrainer.statistical(spec, 1);
        assertThat(spec.lookback()).isEqualTo(WINDOW);
        assertThat(spec.inputLength()).as("what a forecast loads").isEqualTo(RUN);
        assertThat(spec.lookback(Method.ARIMA)).isEqualTo(RUN);
        assertThat(spec.lookback(Method.ETS)).isEqualTo(WINDOW);

        for (boolean low : new boolean[] {false, true}) {
            double[] values = series(low);
            double[] ets = Ets.fit(last(values, WINDOW), 1, EtsForm.parse(FORM)).forecast(H);
            double[] arima = Arima.fit(values, 1, ArimaOrder.parse(ORDER)).forecast(H);
            double[] theta = Theta.forecast(last(values, WINDOW), H, 1);
            assertThat(predictor.forecast(History.of(values), H))
                    .containsExactly(StatisticalSpec.combine(List.of(ets, arima, theta), H), within(1e-9));
        }

        // the mean of ETS and ARIMA: the early part moves it by half of what it moves ARIMA, and ETS not at all
        Predictor pair = ModelTrainer.statistical(new StatisticalSpec(List.of(Method.ETS, Method.ARIMA), FORM,
                ORDER, RECENT, RUN), 1);
        double[] high = pair.forecast(History.of(series(false)), H);
        double[] low = pair.forecast(History.of(series(true)), H);
        double[] arimaHigh = Arima.fit(series(false), 1, ArimaOrder.parse(ORDER)).forecast(H);
        double[] arimaLow = Arima.fit(series(true), 1, ArimaOrder.parse(ORDER)).forecast(H);
        for (int k = 0; k < H; k++) {
            assertThat(arimaHigh[k] - arimaLow[k]).as("the whole run's lower mean pulls ARIMA down")
                    .isGreaterThan(0.5);
            assertThat(high[k] - low[k]).isCloseTo((arimaHigh[k] - arimaLow[k]) / 2, within(1e-9));
        }

        // a history shorter than ARIMA's lookback is read whole
        double[] shorter = last(series(true), 100);
        assertThat(pair.forecast(History.of(shorter), H)).containsExactly(StatisticalSpec.combine(List.of(
                Ets.fit(last(shorter, WINDOW), 1, EtsForm.parse(FORM)).forecast(H),
                Arima.fit(shorter, 1, ArimaOrder.parse(ORDER)).forecast(H)), H), within(1e-9));
    }

    @Test
    void aModelSavedBeforeArimaReadMoreForecastsFromTheWindowAsItDid() {
        StatisticalSpec old = new StatisticalSpec(List.of(Method.ETS, Method.ARIMA, Method.THETA), FORM, ORDER,
                RECENT);
        Properties metadata = SpecProperties.of(old, StatisticalModels.ENGINE);
        assertThat(metadata.stringPropertyNames()).as("the keys written before").noneMatch(k -> k.contains("arima")
                && k.contains("ookback"));
        metadata.setProperty("seasonalPeriod", "1");
        Predictor loaded = StatisticalModels.load(metadata);

        double[] high = loaded.forecast(History.of(series(false)), H);
        double[] window = last(series(false), WINDOW);
        assertThat(high).containsExactly(StatisticalSpec.combine(List.of(
                Ets.fit(window, 1, EtsForm.parse(FORM)).forecast(H),
                Arima.fit(window, 1, ArimaOrder.parse(ORDER)).forecast(H),
                Theta.forecast(window, H, 1)), H), within(1e-9));
        assertThat(loaded.forecast(History.of(series(true)), H)).as("nothing before the window is read")
                .containsExactly(high, within(0.0));
        assertThat(old.inputLength()).isEqualTo(WINDOW);
    }

    @Test
    void theArimaLookbackIsSavedAndLoaded(@TempDir Path dir) {
        StatisticalSpec spec = new StatisticalSpec(List.of(Method.ETS, Method.ARIMA), FORM, ORDER, RECENT, RUN);
        Path artifact = dir.resolve("combination.zip");
        Predictor trained = new ModelTrainer(new Dl4jTrainer()).train(List.of(series(true)), spec, 1,
                (epoch, loss, validation) -> { }, artifact).predictor();
        Predictor loaded = new ModelLoader(new Dl4jPredictorLoader()).load(artifact);

        assertThat(SpecProperties.read(SpecProperties.of(spec, StatisticalModels.ENGINE)).spec()).isEqualTo(spec);
        assertThat(loaded.lookback()).isEqualTo(WINDOW);
        assertThat(loaded.forecast(History.of(series(true)), H))
                .containsExactly(trained.forecast(History.of(series(true)), H), within(0.0));
    }

    @Test
    void onlyArimaReadsMoreAndNeverLessThanTheOthers() {
        assertThatThrownBy(() -> new StatisticalSpec(List.of(Method.ETS), FORM, null, RECENT, RUN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatisticalSpec(List.of(Method.ARIMA), null, ORDER, RECENT, WINDOW - 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatisticalSpec(List.of(Method.ARIMA), null, ORDER, RECENT,
                StatisticalSpec.MAX_LOOKBACK + 1)).isInstanceOf(IllegalArgumentException.class);
        StatisticalSpec theta = StatisticalSpec.theta(WINDOW, H, GapPolicy.SPLIT, 1);
        assertThat(theta.withArimaLookback(RUN)).as("nothing to read more for").isSameAs(theta);
        assertThat(new StatisticalSpec(List.of(Method.ARIMA), null, ORDER, RECENT).withArimaLookback(5000)
                .arimaLookback()).isEqualTo(StatisticalSpec.MAX_LOOKBACK);

        // a week of 10-minute steps is longer than ARIMA's most: ARIMA reads the week, as the others do
        WindowSpec week = new WindowSpec(1008, H, OutputStrategy.DIRECT, GapPolicy.SPLIT, 1);
        assertThat(new StatisticalSpec(List.of(Method.ARIMA), null, ORDER, week).withArimaLookback(5000)
                .arimaLookback()).isEqualTo(1008);
        assertThatThrownBy(() -> new StatisticalSpec(List.of(Method.ARIMA), null, ORDER, week, 1009))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
