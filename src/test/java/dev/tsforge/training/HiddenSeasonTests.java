package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When the holdout hides a season: the training part too short for a seasonal ETS form, the whole run not. */
class HiddenSeasonTests {

    @Test
    void aSeasonIsHiddenWhereOnlyTheWholeRunHoldsASeasonalForm() {
        // the smallest seasonal form, ANA, has 2 + m parameters and states and needs 4 values more
        assertThat(HiddenSeason.hides(4, 8, 16)).as("16 quarters asked for 8").isTrue();
        assertThat(HiddenSeason.hides(4, 10, 18)).as("10 quarters: still too few").isTrue();
        assertThat(HiddenSeason.hides(4, 11, 19)).as("11 quarters hold a seasonal form").isFalse();
        assertThat(HiddenSeason.hides(4, 4, 10)).as("nor does the whole run").isFalse();
        assertThat(HiddenSeason.hides(12, 14, 32)).as("32 months asked for 18").isTrue();
        assertThat(HiddenSeason.hides(12, 36, 54)).as("36 months hold one").isFalse();
        assertThat(HiddenSeason.hides(1, 8, 16)).as("no season").isFalse();
        assertThat(HiddenSeason.hides(48, 40, 400)).as("a season ETS does not take").isFalse();
    }
}
