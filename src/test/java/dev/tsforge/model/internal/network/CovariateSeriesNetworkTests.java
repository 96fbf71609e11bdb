package dev.tsforge.model.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.CovariateKind;
import dev.tsforge.model.CovariateValues;
import dev.tsforge.model.Covariates;
import dev.tsforge.model.History;
import dev.tsforge.model.MissingCovariatesException;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.SeriesCovariate;
import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.GradientClipping;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.Optimizer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import dev.tsforge.model.TestSpecs;
import dev.tsforge.model.Timeline;
import dev.tsforge.model.internal.artifact.ArtifactFormat;
import dev.tsforge.series.Frequency;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Networks reading stored covariate series: a known-future driver learned, past-only values never read after the
 * origin, missing values named rather than read as zero, the scaling saved and reloaded.
 */
class CovariateSeriesNetworkTests {

    private static final Frequency DAILY = Frequency.parse("P1D");
    private static final Instant FIRST = Instant.parse("2023-01-01T00:00:00Z");
    private static final int LENGTH = 400;
    private static final SeriesCovariate X = new SeriesCovariate("x", CovariateKind.KNOWN_FUTURE);
    private static final SeriesCovariate P = new SeriesCovariate("p", CovariateKind.PAST_ONLY);

    /** Seeded: a driver x ~ N(0, 1) each day, and y = 50 + 3x + N(0, 0.3): x is what y's own past cannot tell. */
    private static final double[] DRIVER = new double[LENGTH + 20];
    private static final double[] TARGET = new double[LENGTH + 20];

    static {
        Random random = new Random(19);
        for (int i = 0; i < DRIVER.length; i++) {
            DRIVER[i] = random.nextGaussian();
            TARGET[i] = 50 + 3 * DRIVER[i] + 0.3 * random.nextGaussian();
        }
    }

    private static CovariateValues values(String name, double[] driver) {
        Map<Instant, Double> byTime = new HashMap<>();
        for (int i = 0; i < driver.length; i++) {
            byTime.put(DAILY.plus(FIRST, i), driver[i]);
        }
        return new CovariateValues(Map.of(name, byTime));
    }

    private static NetworkSpec spec(OutputStrategy strategy, int horizon, Covariates covariates, int epochs) {
        NetworkSpec small = TestSpecs.withStrategy(TestSpecs.small(Architecture.LSTM), strategy, horizon);
        return TestSpecs.withFitting(small, CellActivation.TANH, WeightInitScheme.XAVIER, Optimizer.ADAM, 0.01, 0, 0,
                GradientClipping.VALUE, Normalization.STANDARDIZE).withEpochs(epochs).withCovariates(covariates);
    }

    private static Dl4jTrainer.FittedNetwork fit(NetworkSpec spec, double[] series, CovariateValues values) {
        return new Dl4jTrainer(true).fit(List.of(series), new Timeline(DAILY, List.of(FIRST), values), spec,
                (epoch, loss, validation) -> { }, null);
    }

    private static History history(int length, CovariateValues values) {
        return History.of(Arrays.copyOf(TARGET, length), DAILY.plus(FIRST, length - 1), DAILY).with(values);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Architecture.class)
    void everyCellReadsCovariateSeriesAlikeInJavaAndThroughOutput(Architecture architecture) {
        double[] training = Arrays.copyOf(TARGET, 200);
        Map<String, Map<Instant, Double>> both = new HashMap<>(values("x", DRIVER).byName());
        both.put("p", values("p", DRIVER).byName().get("p"));
        CovariateValues values = new CovariateValues(both);
        for (OutputStrategy strategy : OutputStrategy.values()) {
            List<SeriesCovariate> read = strategy == OutputStrategy.DIRECT ? List.of(X, P) : List.of(X);
            NetworkSpec small = TestSpecs.withStrategy(TestSpecs.small(architecture), strategy, 3);
            NetworkSpec spec = TestSpecs.withFitting(small, CellActivation.TANH, WeightInitScheme.XAVIER,
                    Optimizer.ADAM, 0.01, 0, 0, GradientClipping.VALUE, Normalization.STANDARDIZE).withEpochs(2)
                    .withCovariates(new Covariates(List.of(), null, read));
            Dl4jTrainer.FittedNetwork fitted = fit(spec, training, values);
            Dl4jPredictor inJava = (Dl4jPredictor) fitted.predictor();
            assertThat(inJava.runsInJava()).isTrue();
            Dl4jPredictor throughOutput = new Dl4jPredictor(fitted.network(), fitted.normalizer(), fitted.relative(),
                    fitted.scaled(), fitted.lookback(), inJava.outputSteps(), false, false, fitted.covariates());
            List<History> histories = List.of(history(150, values), history(200, values));
            double[][] expected = throughOutput.forecastAll(histories, 3);
            double[][] actual = inJava.forecastAll(histories, 3);
            for (int i = 0; i < histories.size(); i++) {
                for (int h = 0; h < 3; h++) {
                    assertThat(actual[i][h]).as("%s %s history %d step %d", architecture, strategy, i, h)
                            .isCloseTo(expected[i][h], within(1e-3 * Math.abs(expected[i][h])));
                }
            }
        }
    }

    @Test
    void aKnownFutureDriverIsLearnedAndBeatsTheSameNetworkWithoutIt() {
        double[] training = Arrays.copyOf(TARGET, LENGTH);
        double[] holdout = Arrays.copyOfRange(TARGET, LENGTH, LENGTH + 7);
        CovariateValues x = values("x", DRIVER);
        NetworkSpec with = spec(OutputStrategy.RECURSIVE, 7, new Covariates(List.of(), null, List.of(X)), 30);
        NetworkSpec without = with.withCovariates(Covariates.NONE);

        double withError = CovariateNetworkTests.mae(fit(with, training, x).predictor()
                .forecast(history(LENGTH, x), 7), holdout);
        double withoutError = CovariateNetworkTests.mae(fit(without, training, CovariateValues.NONE).predictor()
                .forecast(History.of(training), 7), holdout);

        // without x the best forecast is y's mean, off by 3 * E|x| = 2.4 on average; with it, by the noise
        assertThat(withoutError).as("MAE without the driver").isGreaterThan(1.2);
        assertThat(withError).as("MAE with the driver %.2f, without %.2f", withError, withoutError)
                .isLessThan(0.4 * withoutError);
    }

    @Test
    void aPastOnlyCovariateIsNeverReadAfterTheOrigin() {
        double[] training = Arrays.copyOf(TARGET, LENGTH);
        // the target follows yesterday's p: a DIRECT network of 3 steps sees p up to the origin only
        CovariateValues p = values("p", DRIVER);
        NetworkSpec direct = spec(OutputStrategy.DIRECT, 3, new Covariates(List.of(), null, List.of(P)), 3);
        Predictor predictor = fit(direct, training, p).predictor();

        double[] future = DRIVER.clone();
        for (int i = LENGTH; i < future.length; i++) {
            future[i] = 1000 + i;
        }
        double[] known = predictor.forecast(history(LENGTH, p), 3);
        assertThat(predictor.forecast(history(LENGTH, values("p", future)), 3))
                .as("values after the origin changed beyond reason").containsExactly(known);
        assertThat(predictor.forecast(history(LENGTH, values("p", Arrays.copyOf(DRIVER, LENGTH))), 3))
                .as("no values after the origin at all").containsExactly(known);

        Instant origin = DAILY.plus(FIRST, LENGTH - 1);
        assertThatThrownBy(() -> predictor.forecast(history(LENGTH, p), 4))
                .isInstanceOf(MissingCovariatesException.class)
                .hasMessageContaining("past-only covariate 'p'").hasMessageContaining(origin.toString());
    }

    @Test
    void aMissingFutureValueIsNamedWithItsTimestampNeverReadAsZero() {
        double[] training = Arrays.copyOf(TARGET, LENGTH);
        NetworkSpec recursive = spec(OutputStrategy.RECURSIVE, 3, new Covariates(List.of(), null, List.of(X)), 1);
        Predictor predictor = fit(recursive, training, values("x", DRIVER)).predictor();
        // the origin is day LENGTH - 1: three steps read x on days LENGTH, LENGTH + 1 and LENGTH + 2
        double[] gap = DRIVER.clone();
        Map<Instant, Double> byTime = new HashMap<>(values("x", gap).byName().get("x"));
        byTime.remove(DAILY.plus(FIRST, LENGTH + 1));
        byTime.remove(DAILY.plus(FIRST, LENGTH + 5));
        History missing = history(LENGTH, new CovariateValues(Map.of("x", byTime)));

        assertThatThrownBy(() -> predictor.forecast(missing, 3))
                .isInstanceOfSatisfying(MissingCovariatesException.class, e -> assertThat(e.missing())
                        .isEqualTo(Map.of("x", List.of(Instant.parse("2024-02-06T00:00:00Z")))));
        predictor.requireCovariates(missing, 1);
        assertThatThrownBy(() -> predictor.requireCovariates(missing, 2))
                .isInstanceOf(MissingCovariatesException.class).hasMessageContaining("'x'");
    }

    @Test
    void aTrainingRangeWithoutTheCovariateIsRefusedNamingTheFirstMissingTimestamps() {
        double[] training = Arrays.copyOf(TARGET, 100);
        Map<Instant, Double> byTime = new HashMap<>(values("x", DRIVER).byName().get("x"));
        byTime.remove(DAILY.plus(FIRST, 40));
        NetworkSpec recursive = spec(OutputStrategy.RECURSIVE, 3, new Covariates(List.of(), null, List.of(X)), 1);

        assertThatThrownBy(() -> fit(recursive, training, new CovariateValues(Map.of("x", byTime))))
                .isInstanceOfSatisfying(MissingCovariatesException.class, e -> assertThat(e.missing())
                        .isEqualTo(Map.of("x", List.of(Instant.parse("2023-02-10T00:00:00Z")))));
    }

    @Test
    void theScalingIsSavedAndAReloadedModelForecastsTheSame(@TempDir Path dir) throws Exception {
        double[] training = Arrays.copyOf(TARGET, 200);
        CovariateValues x = values("x", DRIVER);
        NetworkSpec spec = spec(OutputStrategy.DIRECT, 3,
                new Covariates(List.of(), null, List.of(X, new SeriesCovariate("p", CovariateKind.PAST_ONLY))), 2);
        Map<String, Map<Instant, Double>> both = new HashMap<>(x.byName());
        both.put("p", values("p", DRIVER).byName().get("p"));
        CovariateValues values = new CovariateValues(both);
        Dl4jTrainer.FittedNetwork fitted = fit(spec, training, values);
        Path artifact = dir.resolve("model.zip");
        Dl4jTrainer.save(fitted, spec, "test", artifact);

        Predictor reloaded = new Dl4jPredictorLoader().load(artifact);
        assertThat(reloaded.forecast(history(200, values), 3))
                .containsExactly(fitted.predictor().forecast(history(200, values), 3));
        Properties metadata = ArtifactFormat.readMetadata(artifact);
        assertThat(metadata.getProperty("spec.covariateSeries")).isEqualTo("x:KNOWN_FUTURE,p:PAST_ONLY");
        assertThat(metadata.getProperty("covariates.columns")).isEqualTo("x,p");
        assertThat(metadata.getProperty("covariates.x.kind")).isEqualTo("series, known-future");
        assertThat(metadata.getProperty("covariates.p.kind")).isEqualTo("series, past-only");
        // standardised on the training windows: x ~ N(0, 1)
        assertThat(Double.parseDouble(metadata.getProperty("covariates.x.center"))).isBetween(-0.2, 0.2);
        assertThat(Double.parseDouble(metadata.getProperty("covariates.x.scale"))).isBetween(0.8, 1.2);
        assertThat(new Dl4jPredictorLoader().inspectUntrusted(artifact, 50_000_000).spec()).isEqualTo(spec);
    }
}
