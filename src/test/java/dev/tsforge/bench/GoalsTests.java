package dev.tsforge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tsforge.evaluation.Owa;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoalsTests {

    /** A score with sMAPE and MASE as given, OWA against the Naive2 of {@link #NAIVE2}. */
    private static Score score(String series, String group, String method, double smape, double mase) {
        return new Score(series, group, method, smape, mase, Owa.of(smape, mase, NAIVE2[0], NAIVE2[1]), Double.NaN,
                Double.NaN, Double.NaN);
    }

    private static final double[] NAIVE2 = {10, 1};

    /** Three yearly series and one weekly, Naive2 at 10 / 1 on each. */
    private static List<Score> scores(double autoSmape, double autoMase, double weeklyAutoSmape) {
        List<Score> scores = new ArrayList<>();
        for (String name : List.of("y1", "y2", "y3")) {
            scores.add(score(name, "yearly", "Naive2", 10, 1));
            scores.add(score(name, "yearly", Goals.AUTO, autoSmape, autoMase));
            scores.add(score(name, "yearly", "ets", 9, 0.9));
            scores.add(score(name, "yearly", "auto.arima", 11, 1.1));
        }
        scores.add(score("w", "weekly", "Naive2", 10, 1));
        scores.add(score("w", "weekly", Goals.AUTO, weeklyAutoSmape, 1));
        scores.add(score("w", "weekly", "ets", 10, 1));
        scores.add(score("w", "weekly", "auto.arima", 10, 1));
        return scores;
    }

    private static final List<AutoRun> ON_TIME = List.of(new AutoRun("y1", "yearly", "THETA lookback 60", 60, 71.9,
            null, null));

    @Test
    void groupScoreIsOwaOfTheMeansAgainstNaive2() {
        List<Score> scores = new ArrayList<>(scores(8, 0.8, 10));
        scores.set(1, score("y1", "yearly", Goals.AUTO, 5, 0.5));

        GroupScore yearly = GroupScore.of(scores, "yearly", Goals.AUTO);

        assertThat(yearly.series()).isEqualTo(3);
        assertThat(yearly.smape()).isCloseTo(7, within(1e-12));
        assertThat(yearly.mase()).isCloseTo(0.7, within(1e-12));
        assertThat(yearly.owa()).isCloseTo(0.7, within(1e-12));
        assertThat(GroupScore.of(scores, GroupScore.ALL, Goals.AUTO).series()).isEqualTo(4);
        assertThat(GroupScore.of(scores, "yearly", "thetaf").series()).as("no score: no mean").isZero();
        assertThat(GroupScore.groups(scores)).containsExactly("yearly", "weekly");
    }

    @Test
    void passesWhenAutoBeatsEtsAndArimaEveryLargeGroupAndEverySeries() {
        List<Coverage> coverages = List.of(new Coverage("y1", "yearly", 10, 6, 60, 0.77, 0.92, 5, null),
                new Coverage("w", "weekly", 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, "too short"));

        List<Goals.Goal> goals = Goals.check(scores(8, 0.8, 14), ON_TIME, coverages);

        assertThat(goals).extracting(Goals.Goal::verdict).containsOnly(Goals.Verdict.PASS);
        assertThat(goals.get(0).detail()).as("(9.5 / 10 + 0.85 / 1) / 2 vs (9.25 / 10 + 0.925 / 1) / 2").isEqualTo("0.900 vs 0.925");
        assertThat(goals.get(2).detail()).as("the weekly group is too small to count").isEqualTo("yearly 0.800");
        assertThat(goals.get(3).detail()).isEqualTo("worst w 1.200");
        assertThat(goals.get(4).detail()).isEqualTo("largest ratio 1.20");
        assertThat(goals.get(5).detail()).isEqualTo("yearly 77 % / 92 %; not measured: weekly");
    }

    @Test
    void failsEachGoalOnItsOwnThreshold() {
        // yearly OWA 1.06: above ETS, above 1.05; weekly 1.55: one series above 1.5
        List<Score> scores = scores(10.6, 1.06, 21);
        List<AutoRun> late = List.of(new AutoRun("y1", "yearly", "LSTM [16] lookback 12", 10, 12.5, null, null));
        List<Coverage> wide = List.of(new Coverage("y1", "yearly", 10, 6, 60, 0.86, 0.95, 5, null));

        List<Goals.Goal> goals = Goals.check(scores, late, wide);

        assertThat(goals).extracting(Goals.Goal::verdict).containsOnly(Goals.Verdict.FAIL);
        assertThat(goals.get(2).detail()).isEqualTo("yearly 1.060");
        assertThat(goals.get(3).detail()).isEqualTo("w 1.550");
        assertThat(goals.get(4).detail()).isEqualTo("y1 12.5 s of 10 s");
        assertThat(goals.get(5).detail()).isEqualTo("yearly 86 % / 95 %");
    }

    @Test
    void withoutRCoverageOrRunsTheGoalsAreNotMeasuredRatherThanFailed() {
        List<Score> scores = scores(8, 0.8, 10).stream()
                .filter(s -> !s.method().equals("ets") && !s.method().equals("auto.arima")).toList();

        List<Goals.Goal> goals = Goals.check(scores, List.of(), List.of());

        assertThat(goals).extracting(Goals.Goal::verdict).containsExactly(Goals.Verdict.NOT_MEASURED,
                Goals.Verdict.NOT_MEASURED, Goals.Verdict.PASS, Goals.Verdict.PASS, Goals.Verdict.NOT_MEASURED,
                Goals.Verdict.NOT_MEASURED);
    }

    @Test
    void coverageWithinFivePointsIsInclusive() {
        assertThat(Goals.within(0.75, 0.80)).isTrue();
        assertThat(Goals.within(0.90, 0.95)).isTrue();
        assertThat(Goals.within(0.749, 0.80)).isFalse();
        assertThat(Goals.within(1.0, 0.95)).isTrue();
    }
}
