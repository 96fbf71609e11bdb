package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * When no validation origin can judge a season: for seasons exponential smoothing takes, the training part too short
 * to judge one (fewer than three seasons, or too few values for a seasonal ETS form) where the whole run is long
 * enough for a seasonal ETS form; for longer ones (weeks in a year), the STL methods no validation candidates where
 * the training part holds more than two cycles and the whole run shows the season (a seasonal strength above 0.64).
 */
class HiddenSeasonTests {

    @Test
    void aSeasonIsHiddenWhereOnlyTheWholeRunCanShowIt() {
        // the smallest seasonal form, ANA, has 2 + m parameters and states and needs 4 values more
        assertThat(hides(4, 8, 16)).as("16 quarters asked for 8").isTrue();
        assertThat(hides(4, 11, 19)).as("11 quarters: fewer than three seasons").isTrue();
        assertThat(hides(4, 12, 20)).as("12 quarters: three seasons and a seasonal form").isFalse();
        assertThat(hides(4, 4, 10)).as("not the whole run either").isFalse();
        assertThat(hides(12, 14, 32)).as("32 months asked for 18").isTrue();
        assertThat(hides(12, 24, 42)).as("42 months asked for 18: two seasons").isTrue();
        assertThat(hides(12, 36, 54)).as("36 months: three seasons").isFalse();
        assertThat(hides(2, 8, 16)).as("a season of 2: too few values for its form").isTrue();
        assertThat(hides(2, 9, 17)).as("enough for both").isFalse();
        assertThat(hides(1, 8, 16)).as("no season").isFalse();
    }

    /** Three years of weeks with a yearly season, asked for a quarter: the fit part holds 1.5 years, STL needs 2. */
    @Test
    void aSeasonOfWeeksInAYearIsHiddenWhereNoValidationOriginHasTwoYearsBeforeIt() {
        double[] whole = weeks(156, 0.3, 1);
        double[] part = Arrays.copyOf(whole, 143);
        assertThat(HiddenSeason.hides(52, part, whole, 156, false)).isTrue();
        assertThat(HiddenSeason.hides(52, part, whole, 156, true)).as("the STL methods validated").isFalse();
        assertThat(HiddenSeason.hides(52, Arrays.copyOf(whole, 104), whole, 156, false))
                .as("two cycles: too few for STL to estimate the season measured").isFalse();
        double[] noise = weeks(156, 0, 1);
        assertThat(HiddenSeason.hides(52, Arrays.copyOf(noise, 143), noise, 156, false))
                .as("no season to show").isFalse();
        assertThat(HiddenSeason.hides(48, new double[40], new double[400], 240, false))
                .as("a training part of fewer than two days of half-hours").isFalse();
    }

    /** A day of minutes (1440): a long run holds many, the 1000 values a statistical model reads not one. */
    @Test
    void aSeasonLongerThanWhatAModelReadsIsNeverHidden() {
        double[] whole = new double[5 * 1440];
        for (int t = 0; t < whole.length; t++) {
            whole[t] = 100 + 20 * Math.sin(2 * Math.PI * t / 1440) + Math.sin(t);
        }
        double[] part = Arrays.copyOf(whole, whole.length - 60);
        assertThat(HiddenSeason.hides(1440, part, whole, 1000, false)).isFalse();
        assertThat(HiddenSeason.hides(1440, part, whole, whole.length, false)).as("were all of it read").isTrue();
    }

    private static boolean hides(int seasonalPeriod, int trainingPart, int wholeRun) {
        return HiddenSeason.hides(seasonalPeriod, new double[trainingPart], new double[wholeRun], 60, false);
    }

    /** A level, a yearly season of {@code amplitude} (52.18 weeks) and 3 % noise. */
    static double[] weeks(int count, double amplitude, long seed) {
        Random random = new Random(seed);
        double[] values = new double[count];
        for (int t = 0; t < count; t++) {
            values[t] = 1000 * (1 + amplitude * Math.sin(2 * Math.PI * t / 52.18) + 0.03 * random.nextGaussian());
        }
        return values;
    }
}
