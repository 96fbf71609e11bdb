package dev.tsforge.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** pandas offset aliases onto the service's grids, and the ones that map onto none. */
class PandasFrequencyTests {

    @ParameterizedTest(name = "{0} → {1} {2} businessDays={3}")
    @CsvSource(nullValues = "-", value = {
            "D, P1D, -, false", "B, P1D, -, true", "h, PT1H, -, false", "H, PT1H, -, false",
            "2h, PT2H, -, false", "30min, PT30M, -, false", "15T, PT15M, -, false", "min, PT1M, -, false",
            "s, PT1S, -, false", "W, P1W, SUNDAY, false", "W-WED, P1W, WEDNESDAY, false",
            "W-MON, P1W, MONDAY, false", "MS, P1M, START, false", "ME, P1M, END, false", "M, P1M, END, false",
            "3MS, P3M, START, false", "QS, P3M, START, false", "QS-JAN, P3M, START, false",
            "QE, P3M, END, false", "Q, P3M, END, false", "QE-DEC, P3M, END, false", "YS, P1Y, START, false",
            "AS, P1Y, START, false", "YE, P1Y, END, false", "Y, P1Y, END, false", "A, P1Y, END, false",
            "YE-DEC, P1Y, END, false", "6ME, P6M, END, false"})
    void aliasesMapOntoGrids(String alias, String duration, String anchor, boolean businessDays) {
        Frequency grid = PandasFrequency.parse(alias);
        assertThat(grid.toString()).isEqualTo(duration);
        assertThat(grid.anchor()).isEqualTo(anchor);
        assertThat(grid.businessDays()).isEqualTo(businessDays);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3D", "2W", "W-XYZ", "QS-FEB", "QE-JAN", "YS-JUL", "5MS", "7min", "L", "ms", "us",
            "fortnightly", "", "D-MON", "2B"})
    void aliasesWithoutAGridAreRefusedSayingWhatIsSupported(String alias) {
        assertThatThrownBy(() -> PandasFrequency.parse(alias)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unsupported frequency alias '" + alias + "'").hasMessageContaining("W-MON ... W-SUN");
    }

    @ParameterizedTest
    @CsvSource({"D, P1D, Europe/Berlin, true", "W-WED, P1W, Europe/Berlin, false", "W-MON, P1W, UTC, true",
            "h, PT1H, UTC, true", "ME, P1M, Europe/Berlin, false", "MS, P1M, Europe/Berlin, true", "B, P1D, UTC, false"})
    void sameGridComparesStepsAnchorsAndBusinessDaysNotZones(String alias, String frequency, String zone,
            boolean same) {
        Frequency stored = Frequency.of(frequency, null, false, java.time.ZoneId.of(zone));
        assertThat(PandasFrequency.sameGrid(PandasFrequency.parse(alias), stored)).isEqualTo(same);
    }
}
