package dev.tsforge.forecasting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.model.History;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.StatisticalSpec.Method;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.GapPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A network that reads a day of half-hours, behind the value a week before as its AUTO fallback: when its forecast
 * diverges, the fallback reads the week it needs from the series, not the model's day.
 */
class ForecastGuardTests {

    private static final int DAY = 48;
    private static final int WEEK = 7 * DAY;

    /** Three weeks of half-hours, Monday first: weekdays at 100 plus the hour, weekends at 50 plus the hour. */
    private static final double[] SERIES = new double[3 * WEEK];

    static {
        for (int t = 0; t < SERIES.length; t++) {
            int day = t / DAY % 7;
            SERIES[t] = (day >= 5 ? 50 : 100) + t % DAY / 2.0;
        }
    }

    private final List<Integer> asked = new ArrayList<>();

    @Test
    void aDivergingForecastOnASundayFallsBackToLastMondayNotToday() {
        ForecastGuard.Guarded guarded = guard(weeklyNaive(), diverged());

        assertThat(asked).as("the fallback's week, read once").containsExactly(WEEK);
        assertThat(guarded.fallback().method()).isEqualTo("WEEKLY_NAIVE");
        assertThat(guarded.fallback().reason()).endsWith("(the fallback read the latest 336 values)");
        assertThat(guarded.input().length()).isEqualTo(WEEK);
        // the series ends on a Sunday: the next day is a Monday, forecast from the Monday a week before
        assertThat(guarded.values()).containsExactly(Arrays.copyOfRange(SERIES, SERIES.length - WEEK,
                SERIES.length - WEEK + DAY));
        assertThat(guarded.values()[0]).as("a weekday's level, not Sunday's").isEqualTo(100.0);
    }

    @Test
    void aForecastInRangeIsServedWithoutReadingMore() {
        double[] own = new double[DAY];
        Arrays.fill(own, 90);

        ForecastGuard.Guarded guarded = guard(weeklyNaive(), own);

        assertThat(asked).isEmpty();
        assertThat(guarded.fallback()).isNull();
        assertThat(guarded.values()).containsOnly(90.0);
        assertThat(guarded.input().length()).isEqualTo(DAY);
    }

    @Test
    void withOnlyTheModelsDayTheWeeklyFallbackHasNoSeasonToRepeat() {
        // values sent with the request are all there is: the series gives no more, and a day of half-hours is not
        // more than a season, so the value a week (or a day) before is not there: the last value is repeated
        ForecastGuard.Guarded guarded = ForecastGuard.guard(model(weeklyNaive()), modelInput(), values -> modelInput(),
                null, diverged(), DAY, true);

        assertThat(guarded.fallback().method()).isEqualTo("WEEKLY_NAIVE");
        assertThat(guarded.values()).containsOnly(SERIES[SERIES.length - 1]);
    }

    @Test
    void withoutAStoredFallbackSeasonalNaiveReadsTwoSeasons() {
        ForecastGuard.Guarded guarded = guard(null, diverged());

        assertThat(asked).containsExactly(2 * DAY);
        assertThat(guarded.fallback().method()).isEqualTo("SEASONAL_NAIVE");
        assertThat(guarded.values()).containsExactly(Arrays.copyOfRange(SERIES, SERIES.length - DAY, SERIES.length));
    }

    @Test
    void aVeryLongSeasonReadsNoMoreThanTheLongestWeek() {
        ForecastGuard.guard(model(null), modelInput(), values -> {
            asked.add(values);
            return modelInput();
        }, null, diverged(), 100_000, true);

        assertThat(asked).containsExactly(StatisticalSpec.MAX_WEEK);
    }

    private ForecastGuard.Guarded guard(StatisticalSpec fallback, double[] forecast) {
        return ForecastGuard.guard(model(fallback), modelInput(), values -> {
            asked.add(values);
            return History.of(Arrays.copyOfRange(SERIES, SERIES.length - values, SERIES.length));
        }, null, forecast, DAY, true);
    }

    private static History modelInput() {
        return History.of(Arrays.copyOfRange(SERIES, SERIES.length - DAY, SERIES.length));
    }

    private static double[] diverged() {
        double[] values = new double[DAY];
        for (int i = 0; i < DAY; i++) {
            values[i] = 100 - 1000.0 * i;
        }
        return values;
    }

    private static StatisticalSpec weeklyNaive() {
        return StatisticalSpec.of(Method.WEEKLY_NAIVE, WEEK, DAY, GapPolicy.LINEAR, 0);
    }

    private static ModelVersion model(StatisticalSpec fallback) {
        return new ModelVersion(1, 1, ModelVersion.Lineage.IMPORTED, StatisticalSpec.of(Method.NAIVE, DAY, DAY,
                GapPolicy.LINEAR, 0), ModelVersion.TrainingData.UNKNOWN, null, null, null,
                new ModelVersion.Guard(fallback, 50.0, 123.5), null, Instant.EPOCH);
    }
}
