package dev.tsforge.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.StatisticalSpec.Method;
import dev.tsforge.series.Frequency;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.series.PointStats;
import dev.tsforge.series.Series;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What a retraining refits a statistical champion on: AUTO's rule on today's points, and for a champion whose method
 * needs more, what it needs — a week for the value a week before, three weeks for MSTL's weekly season.
 */
class RetrainerRefitTests {

    private static final Series HALF_HOURS = new Series(1, "demand", Frequency.parse("PT30M"), null, null, null,
            Series.GridSource.DECLARED, null, false, Instant.EPOCH, Instant.EPOCH, null, null,
            new PointStats(0, null, null));

    @Test
    void eachMethodReadsWhatItNeedsAtMostWhatTheHoldoutLeaves() {
        int points = 6 * 336;
        assertThat(lookback(Method.MSTL_ETS, points)).as("three weeks").isEqualTo(3 * 336);
        assertThat(lookback(Method.WEEKLY_NAIVE, points)).as("a week").isEqualTo(336);
        assertThat(lookback(Method.SEASONAL_NAIVE, points)).as("a week: a week is a season of this series too")
                .isEqualTo(336);
        assertThat(lookback(Method.MSTL_ETS, 700)).as("what the 48-value holdout leaves").isEqualTo(652);
    }

    private static int lookback(Method method, int points) {
        StatisticalSpec champion = StatisticalSpec.of(method, 240, 48, GapPolicy.SPLIT, 1);
        return Retrainer.refit(champion, HALF_HOURS, points).lookback();
    }
}
