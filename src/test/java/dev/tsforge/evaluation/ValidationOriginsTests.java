package dev.tsforge.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ValidationOriginsTests {

    @Test
    void tenOriginsOnALongRunFiveWhereTheRunAllows() {
        ValidationOrigins origins = ValidationOrigins.plan(4000, 48, 48);
        assertThat(origins).isEqualTo(new ValidationOrigins(4000 - 10 * 48, 10, 48, 48));
        assertThat(origins.origin(9) + origins.horizon()).as("the last window ends with the run").isEqualTo(4000);
        assertThat(ValidationOrigins.plan(300, 18, 12)).as("ten would take more than half")
                .isEqualTo(new ValidationOrigins(300 - 5 * 18, 5, 18, 18));
    }

    @Test
    void threeOverlappingOriginsOnAShortRunAndNoneWhenNotEvenOneFits() {
        // a 24-point yearly series less its 6-point holdout: 8 values to fit, three windows 2 apart
        assertThat(ValidationOrigins.plan(18, 6, 1)).isEqualTo(new ValidationOrigins(8, 3, 2, 6));
        // ldeaths less its holdout: two seasons to fit, then three 18-month windows 6 apart
        assertThat(ValidationOrigins.plan(54, 18, 12)).isEqualTo(new ValidationOrigins(24, 3, 6, 18));
        assertThat(ValidationOrigins.plan(15, 6, 1)).isEqualTo(new ValidationOrigins(8, 2, 1, 6));
        // airmiles less its holdouts: 12 values, four to fit before the first origin
        assertThat(ValidationOrigins.plan(12, 6, 1)).isEqualTo(new ValidationOrigins(4, 3, 1, 6));
        // fdeaths by quarter less its holdouts: 8 values, one window of half the horizon after four
        assertThat(ValidationOrigins.plan(8, 8, 4)).isEqualTo(new ValidationOrigins(4, 1, 4, 4));
        assertThat(ValidationOrigins.plan(6, 6, 1)).isNull();
        assertThat(ValidationOrigins.minimumLength(8)).isEqualTo(8);
    }

    @Test
    void maseIsTheMeanOverOriginsScaledByTheFitPartsNaiveError() {
        double[] run = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
        ValidationOrigins origins = new ValidationOrigins(8, 3, 2, 2);
        double[][] perfect = {{9, 10}, {11, 12}, {13, 14}};
        assertThat(origins.mase(run, perfect, 1)).isZero();
        double[][] offByTwo = {{11, 12}, {13, 14}, {15, 16}};
        assertThat(origins.mase(run, offByTwo, 1)).as("naive steps of 1 in the fit part").isCloseTo(2, within(1e-12));
    }

    /** Forecasts of a run rising by 1 a step (naive scale 1), each origin's off by its own amount. */
    private static double[][] offBy(double[] run, ValidationOrigins origins, double... offsets) {
        double[][] forecasts = new double[origins.count()][origins.horizon()];
        for (int o = 0; o < origins.count(); o++) {
            for (int step = 0; step < origins.horizon(); step++) {
                forecasts[o][step] = run[origins.origin(o) + step] + offsets[o];
            }
        }
        return forecasts;
    }

    private static double[] rising(int length) {
        return java.util.stream.IntStream.range(0, length).asDoubleStream().toArray();
    }

    @Test
    void theAdvantageIsTheMeanPairedDifferenceOverItsStandardError() {
        ValidationOrigins origins = new ValidationOrigins(8, 4, 2, 2);
        double[] run = rising(16);
        double[][] challenger = offBy(run, origins, 0.2, 0.2, 0.2, 0.2);
        double[][] incumbent = offBy(run, origins, 0.3, 0.4, 0.5, 0.4);
        // differences 0.1, 0.2, 0.3, 0.2: mean 0.2, standard deviation 0.0816, over the root of 4 windows
        assertThat(origins.advantage(run, challenger, incumbent, 1)).isCloseTo(0.2 / (Math.sqrt(0.02 / 3) / 2),
                within(1e-9));
        assertThat(origins.advantage(run, incumbent, challenger, 1)).isNegative();
        ValidationOrigins one = new ValidationOrigins(8, 1, 2, 2);
        assertThat(one.advantage(run, offBy(run, one, 0.2), offBy(run, one, 0.9), 1)).as("no spread to judge by")
                .isZero();
    }
}
