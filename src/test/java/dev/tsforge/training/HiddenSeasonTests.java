package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * When the holdout hides a season: the training part too short to judge one (fewer than three seasons, or too few
 * values for a seasonal ETS form), the whole run long enough for a seasonal ETS form.
 */
class HiddenSeasonTests {

    @Test
    void aSeasonIsHiddenWhereOnlyTheWholeRunCanShowIt() {
        // the smallest seasonal form, ANA, has 2 + m parameters and states and needs 4 values more
        assertThat(HiddenSeason.hides(4, 8, 16)).as("16 quarters asked for 8").isTrue();
        assertThat(HiddenSeason.hides(4, 11, 19)).as("11 quarters: fewer than three seasons").isTrue();
        assertThat(HiddenSeason.hides(4, 12, 20)).as("12 quarters: three seasons and a seasonal form").isFalse();
        assertThat(HiddenSeason.hides(4, 4, 10)).as("not the whole run either").isFalse();
        assertThat(HiddenSeason.hides(12, 14, 32)).as("32 months asked for 18").isTrue();
        assertThat(HiddenSeason.hides(12, 24, 42)).as("42 months asked for 18: two seasons").isTrue();
        assertThat(HiddenSeason.hides(12, 36, 54)).as("36 months: three seasons").isFalse();
        assertThat(HiddenSeason.hides(2, 8, 16)).as("a season of 2: too few values for its form").isTrue();
        assertThat(HiddenSeason.hides(2, 9, 17)).as("enough for both").isFalse();
        assertThat(HiddenSeason.hides(1, 8, 16)).as("no season").isFalse();
        assertThat(HiddenSeason.hides(48, 40, 400)).as("a season ETS does not take").isFalse();
    }
}
