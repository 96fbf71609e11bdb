package dev.tsforge.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GapFillingTests {

    private static final Frequency DAILY = Frequency.parse("P1D");

    private static Point day(int day, double value) {
        return new Point(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(86_400L * day), value);
    }

    private static final List<Point> POINTS = List.of(day(0, 1), day(1, 2), day(4, 8), day(5, 9));

    @Test
    void linearInterpolatesBetweenObservedNeighbours() {
        GapFilling.Filled filled = GapFilling.fill(POINTS, DAILY, true);
        assertThat(filled.values()).containsExactly(1, 2, 4, 6, 8, 9);
        assertThat(filled.imputed()).containsExactly(false, false, true, true, false, false);
        assertThat(filled.imputedCount()).isEqualTo(2);
        assertThat(filled.tail(3).values()).containsExactly(6, 8, 9);
        assertThat(filled.tail(3).imputedCount()).isEqualTo(1);
    }

    @Test
    void forwardFillRepeatsTheLastObservedValue() {
        assertThat(GapFilling.fill(POINTS, DAILY, false).values()).containsExactly(1, 2, 2, 2, 8, 9);
    }

    @Test
    void missingCountsGridStepsWithoutPoints() {
        assertThat(GapFilling.missing(new PointStats(4, day(0, 0).timestamp(), day(5, 0).timestamp()), DAILY))
                .isEqualTo(2);
        assertThat(GapFilling.missing(new PointStats(0, null, null), DAILY)).isZero();
    }
}
