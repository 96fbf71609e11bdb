package dev.tsforge.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
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

    @ParameterizedTest
    @CsvSource({
            "MONDAY,    2024-05-13, 2024-05-20",
            "TUESDAY,   2024-05-14, 2024-05-21",
            "WEDNESDAY, 2024-05-15, 2024-05-22",
            "THURSDAY,  1970-01-01, 1970-01-08",
            "FRIDAY,    2024-05-17, 2024-05-24",
            "SATURDAY,  2024-12-28, 2025-01-04",
            "SUNDAY,    1969-12-28, 1970-01-04",
    })
    void weeksFallOnTheirAnchorWeekday(String anchor, LocalDate onGrid, LocalDate next) {
        Frequency weekly = Frequency.of("P1W", anchor, false, null);
        Instant t = onGrid.atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(weekly.anchor()).isEqualTo(anchor);
        assertThat(weekly.isOnGrid(t)).isTrue();
        assertThat(weekly.isOnGrid(t.plus(Duration.ofDays(1)))).isFalse();
        assertThat(weekly.plus(t, 1)).isEqualTo(next.atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(weekly.instantAt(weekly.index(t))).isEqualTo(t);
        // an off-grid day floors to the anchor day before it
        assertThat(weekly.instantAt(weekly.index(t.plus(Duration.ofDays(6))))).isEqualTo(t);
        assertThat(weekly.describe()).startsWith("P1W (weeks on ");
    }

    @Test
    void defaultGridsAreUtcMondaysAndPeriodStarts() {
        assertThat(Frequency.parse("P1W").anchor()).isEqualTo("MONDAY");
        assertThat(Frequency.parse("P3M").anchor()).isEqualTo("START");
        assertThat(Frequency.parse("P1D").anchor()).isNull();
        assertThat(Frequency.parse("PT1H").anchor()).isNull();
        assertThat(Frequency.parse("P1D").zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(Frequency.parse("P1D").businessDays()).isFalse();
        assertThat(Frequency.of("P1W", null, false, ZoneId.of("UTC"))).isEqualTo(Frequency.parse("P1W"));
        assertThat(Frequency.of("P1W", "monday", false, null)).isEqualTo(Frequency.parse("P1W"));
        assertThat(Frequency.of("P1W", "WEDNESDAY", false, null)).isNotEqualTo(Frequency.parse("P1W"))
                .hasToString("P1W");
        assertThat(Frequency.of("P1W", "WEDNESDAY", false, null).describe()).isEqualTo("P1W (weeks on Wednesday)");
        assertThat(Frequency.of("P1D", null, true, ZoneId.of("Europe/Berlin")).describe())
                .isEqualTo("P1D (business days Monday to Friday, midnight in Europe/Berlin)");
    }

    @ParameterizedTest
    @CsvSource({
            "P1M, 2024-01-31, 2024-02-29, 2024-03-31",
            "P1M, 2023-01-31, 2023-02-28, 2023-03-31",
            "P1M, 2000-01-31, 2000-02-29, 2000-03-31",
            "P1M, 1900-01-31, 1900-02-28, 1900-03-31",
            "P1M, 2024-11-30, 2024-12-31, 2025-01-31",
            "P3M, 2023-12-31, 2024-03-31, 2024-06-30",
            "P3M, 2024-06-30, 2024-09-30, 2024-12-31",
            "P6M, 2024-06-30, 2024-12-31, 2025-06-30",
            "P1Y, 2022-12-31, 2023-12-31, 2024-12-31",
    })
    void periodEndsAreTheLastDayOfThePeriod(String text, LocalDate first, LocalDate second, LocalDate third) {
        Frequency ends = Frequency.of(text, "END", false, null);
        Instant a = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant b = second.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant c = third.atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(ends.anchor()).isEqualTo("END");
        assertThat(List.of(a, b, c)).allMatch(ends::isOnGrid);
        assertThat(ends.plus(a, 1)).isEqualTo(b);
        assertThat(ends.plus(a, 2)).isEqualTo(c);
        assertThat(ends.plus(c, -2)).isEqualTo(a);
        assertThat(ends.index(c) - ends.index(a)).isEqualTo(2);
        // the first of a month, or the day before a period's end, is not on an END grid and floors to the end before
        assertThat(ends.isOnGrid(b.minus(Duration.ofDays(1)))).isFalse();
        assertThat(ends.instantAt(ends.index(b.minus(Duration.ofDays(1))))).isEqualTo(a);
        assertThat(ends.isOnGrid(a.plus(Duration.ofDays(1)))).isFalse();
        assertThat(ends.instantAt(ends.index(a.plus(Duration.ofDays(1))))).isEqualTo(a);
    }

    @Test
    void quarterEndsAreMarchJuneSeptemberDecember() {
        Frequency quarters = Frequency.of("P3M", "END", false, null);
        Instant start = Instant.parse("2023-12-31T00:00:00Z");
        assertThat(java.util.stream.LongStream.rangeClosed(1, 4).mapToObj(k -> quarters.plus(start, k).toString()))
                .containsExactly("2024-03-31T00:00:00Z", "2024-06-30T00:00:00Z", "2024-09-30T00:00:00Z",
                        "2024-12-31T00:00:00Z");
        assertThat(quarters.isOnGrid(Instant.parse("2024-01-31T00:00:00Z"))).isFalse();
        assertThat(quarters.isOnGrid(Instant.parse("2024-04-30T00:00:00Z"))).isFalse();
    }

    @Test
    void businessDaysSkipWeekendsAndCrossYearEnds() {
        Frequency business = Frequency.of("P1D", null, true, null);
        Instant friday = Instant.parse("2024-12-27T00:00:00Z");
        assertThat(business.businessDays()).isTrue();
        assertThat(business.defaultSeasonalPeriod()).isEqualTo(5);
        assertThat(business.plus(friday, 1)).isEqualTo(Instant.parse("2024-12-30T00:00:00Z"));
        assertThat(business.plus(friday, 3)).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(business.plus(friday, 5)).isEqualTo(Instant.parse("2025-01-03T00:00:00Z"));
        assertThat(business.plus(friday, 6)).isEqualTo(Instant.parse("2025-01-06T00:00:00Z"));
        assertThat(business.plus(Instant.parse("2025-01-06T00:00:00Z"), -1)).isEqualTo(Instant.parse("2025-01-03T00:00:00Z"));
        assertThat(business.plus(friday, -5)).isEqualTo(Instant.parse("2024-12-20T00:00:00Z"));
        assertThat(business.isOnGrid(Instant.parse("2024-12-28T00:00:00Z"))).as("Saturday").isFalse();
        assertThat(business.isOnGrid(Instant.parse("2024-12-29T00:00:00Z"))).as("Sunday").isFalse();
        assertThat(business.instantAt(business.index(Instant.parse("2024-12-29T00:00:00Z")))).isEqualTo(friday);
        // a week of business days is 5 indices, also before 1970
        assertThat(business.index(Instant.parse("1969-12-29T00:00:00Z")) - business.index(Instant.parse("1969-12-22T00:00:00Z")))
                .isEqualTo(5);
        for (LocalDate day = LocalDate.of(1969, 12, 1); day.isBefore(LocalDate.of(1970, 2, 1)); day = day.plusDays(1)) {
            Instant t = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            boolean weekday = day.getDayOfWeek().getValue() <= 5;
            assertThat(business.isOnGrid(t)).as(day.toString()).isEqualTo(weekday);
            if (weekday) {
                assertThat(business.instantAt(business.index(t))).isEqualTo(t);
            }
        }
    }

    @Test
    void dailyInBerlinIsLocalMidnightAcrossBothDstChanges() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Frequency daily = Frequency.of("P1D", null, false, berlin);
        // 2024-03-31 and 2024-10-27 are the last Sundays of March and October: days of 23 and 25 hours
        Instant saturday = Instant.parse("2024-03-29T23:00:00Z");
        assertThat(daily.plus(saturday, 1)).isEqualTo(Instant.parse("2024-03-30T23:00:00Z"));
        assertThat(daily.plus(saturday, 2)).isEqualTo(Instant.parse("2024-03-31T22:00:00Z"));
        assertThat(daily.index(Instant.parse("2024-03-31T22:00:00Z")) - daily.index(saturday)).isEqualTo(2);
        assertThat(daily.isOnGrid(Instant.parse("2024-03-31T23:00:00Z"))).isFalse();
        Instant october = Instant.parse("2024-10-25T22:00:00Z");
        assertThat(daily.plus(october, 1)).isEqualTo(Instant.parse("2024-10-26T22:00:00Z"));
        assertThat(daily.plus(october, 2)).isEqualTo(Instant.parse("2024-10-27T23:00:00Z"));
        assertThat(daily.isOnGrid(Instant.parse("2024-10-27T22:00:00Z"))).isFalse();
        // a year of local midnights round-trips through its indices
        long first = daily.index(Instant.parse("2023-12-31T23:00:00Z"));
        for (long i = first; i < first + 366; i++) {
            Instant t = daily.instantAt(i);
            assertThat(LocalDate.ofInstant(t, berlin).atStartOfDay(berlin).toInstant()).isEqualTo(t);
            assertThat(daily.index(t)).isEqualTo(i);
            assertThat(daily.isOnGrid(t)).isTrue();
        }
        assertThat(daily.zone()).isEqualTo(berlin);
        assertThat(daily.zoneName()).isEqualTo("Europe/Berlin");
        assertThat(daily).isNotEqualTo(Frequency.parse("P1D"));
    }

    @Test
    void weeksAndMonthsInAZoneAreLocalMidnights() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Frequency weekly = Frequency.of("P1W", "FRIDAY", false, berlin);
        assertThat(weekly.plus(Instant.parse("2024-03-28T23:00:00Z"), 1)).isEqualTo(Instant.parse("2024-04-04T22:00:00Z"));
        Frequency monthEnds = Frequency.of("P1M", "END", false, berlin);
        assertThat(monthEnds.plus(Instant.parse("2024-02-28T23:00:00Z"), 1)).isEqualTo(Instant.parse("2024-03-30T23:00:00Z"));
        assertThat(monthEnds.plus(Instant.parse("2024-03-30T23:00:00Z"), 1)).isEqualTo(Instant.parse("2024-04-29T22:00:00Z"));
        Frequency plusTwo = Frequency.of("P1D", null, false, ZoneOffset.ofHours(2));
        assertThat(plusTwo.isOnGrid(Instant.parse("2024-07-01T22:00:00Z"))).isTrue();
        assertThat(plusTwo.zoneName()).isEqualTo("+02:00");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PT1H | | false | Europe/Berlin | Sub-daily frequency PT1H is always in UTC",
            "P1W  | MONTHDAY | false | | is not a weekday",
            "P1W  | END | false | | is not a weekday",
            "P1M  | WEDNESDAY | false | | is not START or END",
            "P1D  | START | false | | has no anchor",
            "PT1H | END | false | | has no anchor",
            "P1W  | | true | | Business days apply only to P1D",
            "P1M  | | true | | Business days apply only to P1D",
            "P5D  | | false | | Unsupported frequency",
    })
    void refusesCombinationsThatMakeNoGrid(String text, String anchor, boolean businessDays, String zone,
            String message) {
        assertThatThrownBy(() -> Frequency.of(text, anchor, businessDays, zone == null ? null : ZoneId.of(zone)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void subDailyGridsAcceptUtcSpelledAnyWay() {
        assertThat(Frequency.of("PT1H", null, false, ZoneId.of("Etc/UTC"))).isEqualTo(Frequency.parse("PT1H"));
        assertThat(Frequency.of("PT1H", null, false, ZoneOffset.UTC).zoneName()).isEqualTo("UTC");
    }

    /**
     * A grid finer than a day has a day's steps, and a week is a season too where the season is that day and a week
     * is at most 2,016 steps (5-minute steps; not 4-minute ones, nor minutes).
     */
    @ParameterizedTest
    @CsvSource({
            "PT30M, , 48,   true",
            "PT1H,  , 24,   true",
            "PT15M, , 96,   true",
            "PT5M,  , 288,  true",
            "PT12H, , 2,    true",
            "PT4M,  , 360,  false",
            "PT1M,  , 1440, false",
            "PT30M, 24, 48, false",
            "PT30M, 1, 48,  false",
            "P1D,   , 0,    false",
            "P1W,   , 0,    false",
            "P1M,   , 0,    false"})
    void subDailyGridsHaveADayOfStepsAndAWeeklySeasonWhereTheSeasonIsADay(String text, Integer season, int perDay,
            boolean weekly) {
        Frequency frequency = Frequency.parse(text);
        assertThat(frequency.stepsPerDay()).isEqualTo(perDay);
        Series series = new Series(1, "s", frequency, null, null, season, Series.GridSource.DECLARED, null, false,
                Instant.EPOCH, Instant.EPOCH, null, null, null);
        assertThat(series.weeklySeason()).isEqualTo(weekly);
    }
}
