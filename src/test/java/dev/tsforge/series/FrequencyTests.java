package dev.tsforge.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrequencyTests {

    @ParameterizedTest
    @CsvSource({
            "PT1M,  2024-05-17T13:42:00Z, 2024-05-17T13:42:30Z, 2024-05-17T13:43:00Z",
            "PT15M, 2024-05-17T13:45:00Z, 2024-05-17T13:40:00Z, 2024-05-17T14:00:00Z",
            "PT1H,  2024-05-17T13:00:00Z, 2024-05-17T13:00:01Z, 2024-05-17T14:00:00Z",
            "P1D,   2024-02-29T00:00:00Z, 2024-02-29T12:00:00Z, 2024-03-01T00:00:00Z",
            "P1W,   2024-05-13T00:00:00Z, 2024-05-14T00:00:00Z, 2024-05-20T00:00:00Z",
            "P1M,   2024-01-01T00:00:00Z, 2024-01-31T00:00:00Z, 2024-02-01T00:00:00Z",
            "P3M,   2024-10-01T00:00:00Z, 2024-11-01T00:00:00Z, 2025-01-01T00:00:00Z",
            "P1Y,   1912-01-01T00:00:00Z, 1912-07-01T00:00:00Z, 1913-01-01T00:00:00Z",
    })
    void gridMembershipAndNextStep(String text, String onGrid, String offGrid, String next) {
        Frequency frequency = Frequency.parse(text);
        assertThat(frequency.isOnGrid(Instant.parse(onGrid))).isTrue();
        assertThat(frequency.isOnGrid(Instant.parse(offGrid))).isFalse();
        assertThat(frequency.plus(Instant.parse(onGrid), 1)).isEqualTo(Instant.parse(next));
        assertThat(frequency.plus(Instant.parse(next), -1)).isEqualTo(Instant.parse(onGrid));
        assertThat(frequency.index(Instant.parse(next)) - frequency.index(Instant.parse(onGrid))).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"pt1h, PT1H", "PT60M, PT1H", "P7D, P1W", "P12M, P12M", "P1D, P1D"})
    void normalisesEquivalentSpellings(String text, String canonical) {
        assertThat(Frequency.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "PT7M", "P5M", "P2D", "P1Y6M", "PT0S", "P0D", "-PT1H", "1h", "PT1.5S", "P2Y"})
    void refusesGridsThatDoNotTileTheCalendar(String text) {
        assertThatThrownBy(() -> Frequency.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unsupported frequency");
    }

    @org.junit.jupiter.api.Test
    void monthlyStepsLandOnTheFirstAcrossYears() {
        Frequency monthly = Frequency.parse("P1M");
        Instant start = Instant.parse("2023-11-01T00:00:00Z");
        assertThat(monthly.plus(start, 3)).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
        assertThat(monthly.plus(start, 24)).isEqualTo(Instant.parse("2025-11-01T00:00:00Z"));
    }
}
