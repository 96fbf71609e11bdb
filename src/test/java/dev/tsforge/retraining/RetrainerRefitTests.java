package dev.tsforge.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.StatisticalSpec.Method;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.series.Frequency;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.series.PointStats;
import dev.tsforge.series.Series;
import java.time.Instant;
import java.util.List;
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

    /** An ARIMA that read the whole run reads it still, at most what a spec allows (AUTO's cap). */
    @Test
    void anArimaThatReadTheWholeRunReadsItUpToTheCap() {
        StatisticalSpec median = new StatisticalSpec(List.of(Method.ETS, Method.ARIMA, Method.THETA), "ANA",
                "ARIMA(1,0,0)(0,1,1)[48]", new WindowSpec(240, 48, OutputStrategy.DIRECT, GapPolicy.SPLIT, 1), null);
        StatisticalSpec refit = Retrainer.refit(median.withArimaLookback(960), HALF_HOURS, 6_000);
        assertThat(refit.lookback()).isEqualTo(336);
        assertThat(refit.arimaLookback()).isEqualTo(StatisticalSpec.MAX_LOOKBACK);
        assertThat(Retrainer.refit(median.withArimaLookback(960), HALF_HOURS, 700).arimaLookback())
                .as("what the holdout leaves of a shorter run").isEqualTo(652);
    }

    /** The median on STL-adjusted values chooses its form and order at each forecast: only its window changes. */
    @Test
    void theStlMedianKeepsItsMethodsAndReadsAUTOsWindow() {
        StatisticalSpec median = new StatisticalSpec(List.of(Method.STL_ETS, Method.STL_ARIMA, Method.THETA), null,
                null, new WindowSpec(240, 48, OutputStrategy.DIRECT, GapPolicy.SPLIT, 1));
        StatisticalSpec refit = Retrainer.refit(median, HALF_HOURS, 6_000);
        assertThat(refit.methods()).isEqualTo(median.methods());
        assertThat(refit.etsForm()).isNull();
        assertThat(refit.arimaOrder()).isNull();
        assertThat(refit.arimaLookback()).isNull();
        assertThat(refit.lookback()).as("a week: a week is a season of this series too").isEqualTo(336);
    }

    private static int lookback(Method method, int points) {
        StatisticalSpec champion = StatisticalSpec.of(method, 240, 48, GapPolicy.SPLIT, 1);
        return Retrainer.refit(champion, HALF_HOURS, points).lookback();
    }
}
