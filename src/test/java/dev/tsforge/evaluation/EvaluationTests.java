package dev.tsforge.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Metrics and baselines against values computed by hand. */
class EvaluationTests {

    @Test
    void accuracyOnATinyExample() {
        // errors 1, -2, 0, 3
        double[] actual = {10, 8, 5, 0};
        double[] forecast = {9, 10, 5, -3};
        Accuracy accuracy = Accuracy.of(actual, forecast, 2.0);
        assertThat(accuracy.mae()).isEqualTo(1.5);
        assertThat(accuracy.rmse()).isCloseTo(Math.sqrt((1 + 4 + 0 + 9) / 4.0), within(1e-12));
        // 200*1/19, 200*2/18, 0, 200*3/3
        assertThat(accuracy.smape()).isCloseTo((200.0 / 19 + 400.0 / 18 + 0 + 200) / 4, within(1e-9));
        assertThat(accuracy.mase()).isEqualTo(0.75);
        assertThat(Accuracy.of(new double[] {0}, new double[] {0}, 0).smape()).as("0/0 counts 0").isZero();
        assertThat(Accuracy.of(new double[] {1}, new double[] {2}, 0).mase()).as("undefined scale").isNull();
    }

    @Test
    void maseScaleIsTheInSampleSeasonalNaiveError() {
        double[] training = {1, 3, 2, 5, 4};
        assertThat(Accuracy.maseScale(training, 1)).isEqualTo((2 + 1 + 3 + 1) / 4.0);
        assertThat(Accuracy.maseScale(training, 2)).isEqualTo((1 + 2 + 2) / 3.0);
    }

    @Test
    void calibrationOutOfTimeKeepsTheNewestOrigins() {
        double[] values = squares(30);
        // naive forecasts: the error at step 1 from origin o is values[o] - values[o - 1] = 2o - 1
        java.util.function.BiFunction<double[], Integer, double[]> naive = Baselines::naive;
        ConformalCalibration all = RollingOrigins.calibrate(values, 10, 2, naive);
        assertThat(all.origins()).isEqualTo(19);
        int[] calls = {0};
        ConformalCalibration newest = RollingOrigins.calibrate(values, 10, 2,
                (history, horizon) -> {
                    calls[0]++;
                    return naive.apply(history, horizon);
                }, () -> calls[0] >= 6);
        assertThat(newest.origins()).isEqualTo(6);
        // origins 28 down to 23: step-1 errors 55, 53, ..., 45
        assertThat(newest.errors().get(0)).containsExactly(45, 47, 49, 51, 53, 55);
        assertThat(RollingOrigins.calibrate(values, 10, 2, naive, () -> true).origins()).isZero();
    }

    @Test
    void calibrationFromFewerOriginsThanTheRangeHoldsSpreadsThemOverIt() {
        double[] values = squares(30);
        java.util.function.BiFunction<double[], Integer, double[]> naive = Baselines::naive;
        List<Integer> origins = new java.util.ArrayList<>();
        ConformalCalibration spread = RollingOrigins.calibrate(values, 10, 2, (history, horizon) -> {
            origins.add(history.length);
            return naive.apply(history, horizon);
        }, () -> false, 0, 5);

        // 19 origins, 10 to 28: five of them, the newest and the first among them, newest first
        assertThat(origins).containsExactly(28, 23, 19, 14, 10);
        assertThat(spread.origins()).isEqualTo(5);
        assertThat(spread.errors().get(0)).containsExactly(19, 27, 37, 45, 55);
        assertThat(RollingOrigins.calibrate(values, 10, 2, naive, () -> false, 0, 19).errors().get(0))
                .as("as many as the range holds: every one").hasSize(19)
                .isEqualTo(RollingOrigins.calibrate(values, 10, 2, naive).errors().get(0));
        origins.clear();
        RollingOrigins.calibrate(values, 10, 2, (history, horizon) -> {
            origins.add(history.length);
            return naive.apply(history, horizon);
        }, () -> false, 0, 1);
        assertThat(origins).as("one: the newest").containsExactly(28);
    }

    /** {@code 0, 1, 4, 9, …}: a naive forecast's step-1 error from origin {@code o} is {@code 2o - 1}. */
    private static double[] squares(int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = i * i;
        }
        return values;
    }

    @Test
    void baselinesRepeatTheLastValueOrTheLastSeason() {
        double[] history = {1, 2, 3, 4, 5, 6};
        assertThat(Baselines.naive(history, 3)).containsExactly(6, 6, 6);
        assertThat(Baselines.seasonalNaive(history, 5, 3)).containsExactly(4, 5, 6, 4, 5);
    }

    @Test
    void holdoutEvaluationComparesTheModelWithBothBaselinesOnOneScale() {
        double[] training = {1, 2, 3, 1, 2, 3, 1, 2, 3};
        double[] actual = {1, 2, 3};
        double[] perfect = {1, 2, 3};
        HoldoutEvaluation evaluation = HoldoutEvaluation.of(training, actual, perfect, 3);
        assertThat(evaluation.model().mae()).isZero();
        assertThat(evaluation.naive().mae()).isEqualTo((2 + 1 + 0) / 3.0);
        assertThat(evaluation.seasonalNaive().mae()).as("the season repeats exactly").isZero();
        assertThat(evaluation.beatsNaive()).isTrue();
        assertThat(evaluation.beatsSeasonalNaive()).as("equal is not better").isFalse();
        assertThat(evaluation.naive().mase()).as("a history that repeats exactly has no MASE scale").isNull();
        // with period 1 the scale is the naive in-sample error: mean |diff| = (1+1+2+1+1+2+1+1)/8
        assertThat(HoldoutEvaluation.of(training, actual, perfect, 1).naive().mase())
                .isCloseTo(1.0 / (10.0 / 8), within(1e-12));
        assertThat(HoldoutEvaluation.of(training, actual, perfect, 50).seasonalPeriod())
                .as("a season longer than the history falls back to 1").isEqualTo(1);
    }
}
