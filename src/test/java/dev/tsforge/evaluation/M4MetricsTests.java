package dev.tsforge.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tsforge.statistics.StatisticalMethodsTests;
import org.junit.jupiter.api.Test;

/** The M4 protocol's measures and benchmarks against values worked out by hand. */
class M4MetricsTests {

    private static final double[] TRAINING = {100, 110, 130, 160};
    private static final double[] ACTUAL = {170, 200};

    @Test
    void smapeAndMaseMatchHandComputedValues() {
        // naive differences 10, 20, 30: scale 20; errors 10 and 10: MAE 10
        double scale = Accuracy.maseScale(TRAINING, 1);
        assertThat(scale).isEqualTo(20.0);
        Accuracy accuracy = Accuracy.of(ACTUAL, new double[] {160, 190}, scale);
        assertThat(accuracy.mase()).isCloseTo(0.5, within(1e-12));
        // 200 * 10 / 330 and 200 * 10 / 390
        assertThat(accuracy.smape()).isCloseTo((2000.0 / 330 + 2000.0 / 390) / 2, within(1e-12));
        assertThat(accuracy.smape()).isCloseTo(5.5944, within(1e-4));
    }

    @Test
    void msisChargesWidthAndTwentyTimesEachMissAt95Percent() {
        // step 1 inside, width 10; step 2 five below the lower bound: 10 + 2 / 0.05 * 5 = 210; mean 110, scale 20
        IntervalScore score = IntervalScore.of(ACTUAL, new double[] {165, 205}, new double[] {175, 215}, 95, 20);
        assertThat(score.coverage()).isEqualTo(0.5);
        assertThat(score.msis()).isCloseTo(5.5, within(1e-12));

        IntervalScore missingActual = IntervalScore.of(new double[] {170, Double.NaN}, new double[] {165, 0},
                new double[] {175, 1}, 95, 20);
        assertThat(missingActual.coverage()).as("a missing actual is left out").isEqualTo(1.0);
        assertThat(missingActual.msis()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void owaIsTheMeanOfTheRatiosToNaive2() {
        assertThat(Owa.of(5.5944, 0.5, 11.1888, 1.0)).isCloseTo(0.5, within(1e-12));
        assertThat(Owa.of(12, 1.5, 10, 1)).isCloseTo(0.5 * (1.2 + 1.5), within(1e-12));
    }

    @Test
    void naive2RepeatsTheAdjustedLastValueWithTheSeasonOfEachStep() {
        // adjusted series is 10 throughout; steps 17 and 18 fall on season positions 0 and 1
        assertThat(Baselines.naive2(StatisticalMethodsTests.seasonalSeries(), 2, 4)).containsExactly(new double[] {8, 12}, within(1e-12));
        assertThat(Baselines.naive2(TRAINING, 2, 1)).as("no season: plain naive").containsExactly(160, 160);
    }

}
