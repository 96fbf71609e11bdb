package dev.tsforge.model.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.CalendarFeature;
import dev.tsforge.model.Covariates;
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
import dev.tsforge.model.Timeline;
import dev.tsforge.model.internal.artifact.ArtifactFormat;
import dev.tsforge.model.internal.covariate.HolidayCalendar;
import dev.tsforge.model.internal.layers.GruLayer;
import dev.tsforge.series.Frequency;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Networks with calendar and holiday inputs: trained, rolled out in Java and through DL4J alike, saved, learned. */
class CovariateNetworkTests {

    private static final Frequency DAILY = Frequency.parse("P1D");
    private static final Covariates WEEK_AND_HOLIDAYS = new Covariates(List.of(CalendarFeature.DAY_OF_WEEK), "DE");
    /** Three years up to the day before Good Friday 2024. */
    private static final Instant FIRST = Instant.parse("2021-03-29T00:00:00Z");
    private static final int LENGTH = 1096;

    /**
     * Seeded daily demand: a level of 100, weekends 15 lower, German public holidays 25 lower, noise of spread 2. The
     * holidays are what the value's own past cannot tell.
     */
    static double[] demand(int length) {
        HolidayCalendar germany = HolidayCalendar.of("DE");
        Random random = new Random(24);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            LocalDate day = LocalDate.ofInstant(DAILY.plus(FIRST, i), ZoneOffset.UTC);
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            values[i] = 100 - (weekend ? 15 : 0) - (germany.isHoliday(day) ? 25 : 0) + 2 * random.nextGaussian();
        }
        return values;
    }

    private static NetworkSpec spec(Architecture architecture, OutputStrategy strategy, Normalization normalization,
            Covariates covariates, int epochs) {
        NetworkSpec small = TestSpecs.withStrategy(TestSpecs.small(architecture), strategy, 7);
        return TestSpecs.withFitting(small, CellActivation.TANH, WeightInitScheme.XAVIER, Optimizer.ADAM, 0.01, 0, 0,
                GradientClipping.VALUE, normalization).withEpochs(epochs).withCovariates(covariates);
    }

    private static Dl4jTrainer.FittedNetwork fit(NetworkSpec spec, double[] series) {
        return new Dl4jTrainer(true).fit(List.of(series), new Timeline(DAILY, List.of(FIRST)), spec,
                (epoch, loss, validation) -> { }, null);
    }

    private static History history(double[] series, int length) {
        return History.of(Arrays.copyOf(series, length), DAILY.plus(FIRST, length - 1), DAILY);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Architecture.class)
    void theJavaPassComputesWhatOutputComputesWithCovariates(Architecture architecture) {
        double[] series = demand(200);
        for (OutputStrategy strategy : OutputStrategy.values()) {
            for (Normalization normalization : List.of(Normalization.STANDARDIZE, Normalization.WINDOW)) {
                NetworkSpec spec = spec(architecture, strategy, normalization, WEEK_AND_HOLIDAYS, 2);
                Dl4jTrainer.FittedNetwork fitted = fit(spec, series);
                assertThat(fitted.network().getLayer(0).getParam(architecture == Architecture.GRU
                        ? GruLayer.INPUT_WEIGHTS + GruLayer.RESET : "W")
                        .size(0)).as("inputs: the value and 5 covariate columns").isEqualTo(6);
                Dl4jPredictor inJava = (Dl4jPredictor) fitted.predictor();
                assertThat(inJava.runsInJava()).isTrue();
                Dl4jPredictor throughOutput = new Dl4jPredictor(fitted.network(), fitted.normalizer(),
                        fitted.relative(), fitted.scaled(), fitted.lookback(), inJava.outputSteps(), false, false,
                        fitted.covariates());

                List<History> histories = List.of(history(series, 120), history(series, 200));
                double[][] expected = throughOutput.forecastAll(histories, 14);
                double[][] actual = inJava.forecastAll(histories, 14);
                for (int i = 0; i < histories.size(); i++) {
                    for (int h = 0; h < 14; h++) {
                        assertThat(actual[i][h]).as("%s %s %s history %d step %d", architecture, strategy,
                                normalization, i, h).isCloseTo(expected[i][h], within(1e-3 * Math.abs(expected[i][h])));
                    }
                }
            }
        }
    }

    @Test
    void aSavedModelWithCovariatesReloadsAndForecastsTheSame(@TempDir Path dir) throws Exception {
        double[] series = demand(200);
        NetworkSpec spec = spec(Architecture.LSTM, OutputStrategy.RECURSIVE, Normalization.STANDARDIZE,
                WEEK_AND_HOLIDAYS, 3);
        Dl4jTrainer.FittedNetwork fitted = fit(spec, series);
        Path artifact = dir.resolve("model.zip");
        Dl4jTrainer.save(fitted, spec, "test", artifact);

        Predictor reloaded = new Dl4jPredictorLoader().load(artifact);
        assertThat(reloaded.forecast(history(series, 200), 10))
                .containsExactly(fitted.predictor().forecast(history(series, 200), 10));
        Properties metadata = ArtifactFormat.readMetadata(artifact);
        assertThat(metadata.getProperty("spec.calendar")).isEqualTo("DAY_OF_WEEK");
        assertThat(metadata.getProperty("spec.holidays")).isEqualTo("DE");
        assertThat(metadata.getProperty("covariates.columns"))
                .isEqualTo("day_of_week_sin,day_of_week_cos,holiday,days_to_holiday,days_since_holiday");
        assertThat(metadata.getProperty("covariates.holiday.kind")).isEqualTo("holiday, known-future");
        // scaled from the training windows: about 9 holidays a year, so the indicator's mean is small and positive
        assertThat(Double.parseDouble(metadata.getProperty("covariates.holiday.center"))).isBetween(0.01, 0.06);
        assertThat(new Dl4jPredictorLoader().inspectUntrusted(artifact, 50_000_000).spec())
                .isEqualTo(spec);
    }

    @Test
    void aForecastWithoutTimestampsIsRefusedRatherThanGuessed() {
        double[] series = demand(120);
        Predictor predictor = fit(spec(Architecture.GRU, OutputStrategy.RECURSIVE, Normalization.STANDARDIZE,
                WEEK_AND_HOLIDAYS, 1), series).predictor();
        assertThatThrownBy(() -> predictor.forecast(History.of(series), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamps");
    }

    /**
     * The holdout is the week from Wednesday 27 March 2024, with Good Friday and Easter Monday in it: the holidays
     * only the calendar can tell. The same network without covariates can learn the weekends from the values alone.
     */
    @Test
    void aHolidayEffectIsLearnedFromTheCalendar() {
        double[] all = demand(LENGTH + 7);
        double[] training = Arrays.copyOf(all, LENGTH - 2);
        double[] holdout = Arrays.copyOfRange(all, LENGTH - 2, LENGTH + 5);
        NetworkSpec with = spec(Architecture.LSTM, OutputStrategy.RECURSIVE, Normalization.STANDARDIZE,
                WEEK_AND_HOLIDAYS, 30);
        NetworkSpec without = with.withCovariates(Covariates.NONE);

        double withError = mae(fit(with, training).predictor().forecast(history(training, training.length), 7),
                holdout);
        double withoutError = mae(new Dl4jTrainer(true).fit(List.of(training), without, (e, l, v) -> { }, null)
                .predictor().forecast(History.of(training), 7), holdout);

        assertThat(withError).as("MAE with covariates %.2f, without %.2f", withError, withoutError)
                .isLessThan(0.5 * withoutError);
    }

    static double mae(double[] forecast, double[] actual) {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(forecast[i] - actual[i]);
        }
        return sum / actual.length;
    }
}
