package dev.tsforge.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** M4's seasonal adjustment, simple exponential smoothing and Theta against values worked out by hand. */
public class StatisticalMethodsTests {

    /** Level 10, seasonal factors 0.8, 1.2, 1.0, 1.0 over four seasons: the 2 x 4 moving average is exactly 10. */
    public static double[] seasonalSeries() {
        double[] factors = {0.8, 1.2, 1.0, 1.0};
        double[] values = new double[16];
        for (int t = 0; t < values.length; t++) {
            values[t] = 10 * factors[t % 4];
        }
        return values;
    }

    @Test
    void classicalDecompositionRecoversTheSeasonalFactors() {
        double[] values = seasonalSeries();
        assertThat(Seasonality.isSeasonal(values, 4)).isTrue();
        assertThat(Seasonality.indices(values, 4)).containsExactly(new double[] {0.8, 1.2, 1.0, 1.0}, within(1e-12));

        assertThat(Seasonality.isSeasonal(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 4))
                .as("fewer than three seasons").isFalse();
        double[] nonPositive = values.clone();
        nonPositive[3] = 0;
        assertThat(Seasonality.indices(nonPositive, 4)).as("a multiplicative decomposition needs positive values")
                .containsOnly(1.0);
    }

    @Test
    void thetaContinuesALineWithHalfItsSlope() {
        // y = 2t + 1: SES follows the line (alpha near 1), theta line 0 is the line itself
        double[] line = new double[10];
        for (int t = 1; t <= 10; t++) {
            line[t - 1] = 2 * t + 1;
        }
        assertThat(Theta.forecast(line, 2, 1)).containsExactly(new double[] {22, 23}, within(0.01));
        assertThat(ExponentialSmoothing.fit(new double[] {5, 5, 5, 5}).level()).isEqualTo(5.0);
        ExponentialSmoothing step = ExponentialSmoothing.fit(new double[] {0, 10, 10, 10, 10});
        assertThat(step.alpha()).as("a level shift is followed at once").isGreaterThan(0.99);
        assertThat(step.level()).isCloseTo(10, within(1e-3));
    }

    @Test
    void thetaFitsASeasonalSeriesExactlyAndLossIsRelativeToTheVariance() {
        double[] values = seasonalSeries();
        // adjusted series is flat 10: trend flat, SES level 10, forecast the seasonal factors times 10
        assertThat(Theta.forecast(values, 4, 4)).containsExactly(new double[] {8, 12, 10, 10}, within(1e-9));
        assertThat(Theta.inSampleLoss(values, 4)).isCloseTo(0, within(1e-12));
        double[] alternating = {1, 3, 1, 3, 1, 3, 1, 3};
        assertThat(Theta.inSampleLoss(alternating, 1)).as("no better than the mean").isGreaterThan(0.5);
    }

    @Test
    void gapsAreFilledLinearlyAndAtTheEndsByTheNearestValue() {
        double nan = Double.NaN;
        assertThat(Gaps.fillLinear(new double[] {nan, 2, nan, nan, 8, nan})).containsExactly(2, 2, 4, 6, 8, 8);
    }
}
