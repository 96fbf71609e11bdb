package dev.tsforge.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlausibleRangeTests {

    @Test
    void aForecastMayLeaveTheHistoryByOneWidthOfItAndNoMore() {
        PlausibleRange range = PlausibleRange.of(new double[] {10, 20, Double.NaN, 15}, false);
        assertThat(range).isEqualTo(new PlausibleRange(0, 30));
        assertThat(range.violation(new double[] {0, 30, 25})).isNull();
        assertThat(range.violation(new double[] {12, 31})).isEqualTo("step 2 is 31.0000, outside the plausible "
                + "range [0.00000, 30.0000]");
        assertThat(range.violation(new double[] {Double.NaN})).startsWith("step 1 is NaN");
    }

    @Test
    void aSeriesThatIsNeverNegativeMayDipBelowZeroByATenthOfItsRangeAndNoMore() {
        PlausibleRange range = PlausibleRange.of(new double[] {1, 2, 100}, true);
        assertThat(range.lower()).isEqualTo(-9.9);
        assertThat(range.violation(new double[] {0.5, -9.9})).isNull();
        assertThat(range.violation(new double[] {0.5, -10})).startsWith("step 2 is -10.0000");
        assertThat(PlausibleRange.of(new double[] {20_000, 29_000}, true).lower()).as("far from zero: the width rules")
                .isEqualTo(11_000);
        assertThat(PlausibleRange.of(new double[] {1, 2, 100}, false).violation(new double[] {-10})).isNull();
    }

    @Test
    void aFlatHistoryAllowsItsLevelEitherSideAndRangesSpan() {
        assertThat(PlausibleRange.of(new double[] {5, 5, 5}, false)).isEqualTo(new PlausibleRange(0, 10));
        assertThat(PlausibleRange.of(new double[] {0, 0}, false)).isEqualTo(new PlausibleRange(-1, 1));
        assertThat(PlausibleRange.of(new double[] {Double.NaN}, true).violation(new double[] {1e9})).isNull();
        assertThat(PlausibleRange.of(new double[] {0, 0}, true).lower()).isEqualTo(-0.1);
        assertThat(new PlausibleRange(0, 10).span(new PlausibleRange(-5, 8))).isEqualTo(new PlausibleRange(-5, 10));
    }
}
