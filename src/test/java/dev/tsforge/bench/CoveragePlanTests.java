package dev.tsforge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoveragePlanTests {

    @Test
    void tenFoldsAHorizonApartWhereTheSeriesIsLongEnough() {
        // 20 to train, then 10 folds of 6, 6 apart: 20 + 6 + 9 * 6 = 80
        assertThat(CoveragePlan.of(80, 20, 6, 10)).isEqualTo(new CoveragePlan(10, 6));
        assertThat(CoveragePlan.of(500, 20, 6, 10)).isEqualTo(new CoveragePlan(10, 6));
        assertThat(new CoveragePlan(10, 6).requiredPoints(20, 6)).isEqualTo(80);
    }

    @Test
    void closerFoldsOnAShorterSeriesThenFewer() {
        // spare 72 - 38 = 34 values after the first fold: 10 folds 3 apart
        assertThat(CoveragePlan.of(72, 20, 18, 10)).isEqualTo(new CoveragePlan(10, 3));
        // spare 4: one step apart, 5 folds
        assertThat(CoveragePlan.of(30, 20, 6, 10)).isEqualTo(new CoveragePlan(5, 1));
        assertThat(CoveragePlan.of(26, 20, 6, 10)).isEqualTo(new CoveragePlan(1, 1));
        assertThat(CoveragePlan.of(25, 20, 6, 10)).isNull();
        assertThat(CoveragePlan.of(100, 20, 6, 1)).isEqualTo(new CoveragePlan(1, 6));
    }

    @Test
    void theStepIsPrimeToTheSeasonSoTheOriginsFallInDifferentPhases() {
        // monthly, h = 18: 18 apart the origins alternate between two months; 19 apart they visit ten
        assertThat(CoveragePlan.of(500, 20, 18, 12, 10)).isEqualTo(new CoveragePlan(10, 19));
        // quarterly, h = 8: 8 apart every origin is the same quarter
        assertThat(CoveragePlan.of(200, 20, 8, 4, 10)).isEqualTo(new CoveragePlan(10, 9));
        // half-hourly, h = m = 48: the same time of day, or 49 apart ten of them
        assertThat(CoveragePlan.of(4000, 300, 48, 48, 10)).isEqualTo(new CoveragePlan(10, 49));
        // no room to widen: 20 + 8 + 9 * 8 = 100 values hold ten folds 8 apart but not 9, so 7 apart
        assertThat(CoveragePlan.of(100, 20, 8, 4, 10)).isEqualTo(new CoveragePlan(10, 7));
        // mdeaths' 72 values: 3 apart would be four months of the year, one apart is ten
        assertThat(CoveragePlan.of(72, 20, 18, 12, 10)).isEqualTo(new CoveragePlan(10, 1));
        assertThat(CoveragePlan.of(500, 20, 6, 1, 10)).as("no season: a horizon apart")
                .isEqualTo(new CoveragePlan(10, 6));
        assertThat(CoveragePlan.of(500, 20, 14, 5, 10)).as("already prime").isEqualTo(new CoveragePlan(10, 14));
    }

    @Test
    void poolsCoverageByActualValuesNotBySeries() {
        List<Coverage> coverages = List.of(
                new Coverage("a", "yearly", 10, 6, 60, 0.75, 0.90, 1, null),
                new Coverage("b", "yearly", 2, 6, 12, 1.0, 1.0, 1, null),
                new Coverage("c", "yearly", 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, "too short"));

        Coverage.Pooled pooled = Coverage.Pooled.of(coverages);

        assertThat(pooled.series()).isEqualTo(2);
        assertThat(pooled.actuals()).isEqualTo(72);
        // (45 + 12) / 72 and (54 + 12) / 72
        assertThat(pooled.at80()).isCloseTo(57.0 / 72, within(1e-12));
        assertThat(pooled.at95()).isCloseTo(66.0 / 72, within(1e-12));
        assertThat(Coverage.Pooled.of(coverages.subList(2, 3)).at80()).isNaN();
    }
}
