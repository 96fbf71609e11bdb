package dev.tsforge.model.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.CovariateKind;
import dev.tsforge.model.CovariateValues;
import dev.tsforge.model.Covariates;
import dev.tsforge.model.History;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.SeriesCovariate;
import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.GradientClipping;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.Optimizer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import dev.tsforge.model.StaticLabel;
import dev.tsforge.model.TestSpecs;
import dev.tsforge.model.Timeline;
import dev.tsforge.model.internal.artifact.ArtifactFormat;
import dev.tsforge.series.Frequency;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A global network's inputs at the network's level: segments of several series, each reading its own covariate values
 * and carrying its own labels (one-hot, with an "other" slot), saved with the labels' vocabulary and reloaded.
 */
class GlobalInputsNetworkTests {

    private static final Frequency DAILY = Frequency.parse("P1D");
    private static final Instant FIRST = Instant.parse("2023-01-01T00:00:00Z");
    private static final int LENGTH = 200;
    private static final int HORIZON = 5;
    /** Days after training that the models are judged on, one step ahead from each. */
    private static final int FUTURE = 60;
    private static final SeriesCovariate X = new SeriesCovariate("x", CovariateKind.KNOWN_FUTURE);
    /** Values with a comma and a colon: the artifact must keep them whole. */
    private static final List<String> GROUPS = List.of("down, south", "up:north");

    /**
     * Series {@code s}: its own rare event x (1 on about one day in 16, else 0) and y = 50 ± 4x + N(0, 0.3), the sign
     * its group's. A window of 10 days mostly holds no event, so y's own past cannot tell which way the series answers
     * the next one; its label can.
     */
    private record Member(double[] x, double[] y, String group) {

        static Member of(int s) {
            Random random = new Random(31 + s);
            double sign = s % 2 == 0 ? -1 : 1;
            double[] x = new double[LENGTH + FUTURE];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextDouble() < 1 / 16.0 ? 1 : 0;
                y[i] = 50 + sign * 4 * x[i] + 0.3 * random.nextGaussian();
            }
            return new Member(x, y, GROUPS.get(s % 2));
        }

        CovariateValues values(boolean labelled) {
            Map<Instant, Double> byTime = new HashMap<>();
            for (int i = 0; i < x.length; i++) {
                byTime.put(DAILY.plus(FIRST, i), x[i]);
            }
            CovariateValues values = new CovariateValues(Map.of("x", byTime));
            return labelled ? values.withLabels(Map.of("group", group)) : values;
        }

        History history(CovariateValues values) {
            return History.of(Arrays.copyOf(y, LENGTH), DAILY.plus(FIRST, LENGTH - 1), DAILY).with(values);
        }
    }

    private static NetworkSpec spec(Covariates covariates) {
        NetworkSpec small = TestSpecs.withStrategy(TestSpecs.small(Architecture.LSTM), OutputStrategy.RECURSIVE,
                HORIZON);
        return TestSpecs.withFitting(small, CellActivation.TANH, WeightInitScheme.XAVIER, Optimizer.ADAM, 0.01, 0, 0,
                GradientClipping.VALUE, Normalization.STANDARDIZE).withEpochs(25).withCovariates(covariates);
    }

    private static Dl4jTrainer.FittedNetwork fit(NetworkSpec spec, List<Member> members, boolean labelled) {
        List<double[]> segments = new ArrayList<>();
        List<CovariateValues> values = new ArrayList<>();
        for (Member member : members) {
            segments.add(Arrays.copyOf(member.y(), LENGTH));
            values.add(member.values(labelled));
        }
        return new Dl4jTrainer(true).fit(segments, Timeline.ofMembers(DAILY, members.stream().map(m -> FIRST)
                .toList(), values), spec, (epoch, loss, validation) -> { }, null);
    }

    /** The mean absolute error one step ahead from every origin after the training days. */
    private static double error(Predictor predictor, List<Member> members, boolean labelled) {
        List<History> histories = new ArrayList<>();
        List<Double> actual = new ArrayList<>();
        for (Member member : members) {
            CovariateValues values = member.values(labelled);
            for (int origin = LENGTH; origin < LENGTH + FUTURE; origin++) {
                histories.add(History.of(Arrays.copyOf(member.y(), origin), DAILY.plus(FIRST, origin - 1), DAILY)
                        .with(values));
                actual.add(member.y()[origin]);
            }
        }
        double[][] forecasts = predictor.forecastAll(histories, 1);
        double sum = 0;
        for (int i = 0; i < forecasts.length; i++) {
            sum += Math.abs(forecasts[i][0] - actual.get(i));
        }
        return sum / forecasts.length;
    }

    @Test
    void eachSegmentReadsItsOwnCovariateAndTheLabelTellsHowItAnswersIt(@TempDir Path dir) throws Exception {
        List<Member> members = List.of(Member.of(0), Member.of(1), Member.of(2), Member.of(3));
        StaticLabel group = new StaticLabel("group", GROUPS);
        NetworkSpec labelled = spec(new Covariates(List.of(), null, List.of(X), List.of(group)));
        NetworkSpec unlabelled = spec(new Covariates(List.of(), null, List.of(X)));

        Dl4jTrainer.FittedNetwork fitted = fit(labelled, members, true);
        double withLabels = error(fitted.predictor(), members, true);
        double withoutLabels = error(fit(unlabelled, members, false).predictor(), members, false);
        System.out.printf("MAE one step ahead, %d origins of 4 series: with the label %.3f, without %.3f%n", FUTURE,
                withLabels, withoutLabels);
        assertThat(withLabels).isLessThan(0.8 * withoutLabels);

        Path artifact = dir.resolve("model.zip");
        Dl4jTrainer.save(fitted, labelled, "test", artifact);
        Predictor reloaded = new Dl4jPredictorLoader().load(artifact);
        History first = members.get(0).history(members.get(0).values(true));
        assertThat(reloaded.forecast(first, HORIZON)).containsExactly(fitted.predictor().forecast(first, HORIZON));
        assertThat(new Dl4jPredictorLoader().inspectUntrusted(artifact, 50_000_000).spec()).isEqualTo(labelled);
        Properties metadata = ArtifactFormat.readMetadata(artifact);
        assertThat(metadata.getProperty("covariates.columns"))
                .isEqualTo("x,label.group.0,label.group.1,label.group.other");
        assertThat(metadata.getProperty("covariates.label.group.1.value")).isEqualTo("group=up:north");
        assertThat(metadata.getProperty("covariates.label.group.other.kind")).isEqualTo("label, static");

        // a value the training never saw, or none: the "other" slot, a forecast all the same
        History unseen = members.get(0).history(members.get(0).values(false).withLabels(Map.of("group", "east")));
        double[] other = reloaded.forecast(unseen, HORIZON);
        assertThat(Arrays.stream(other).allMatch(Double::isFinite)).as("%s", Arrays.toString(other)).isTrue();
        assertThat(reloaded.forecast(members.get(0).history(members.get(0).values(false)), HORIZON))
                .containsExactly(other);
    }
}
