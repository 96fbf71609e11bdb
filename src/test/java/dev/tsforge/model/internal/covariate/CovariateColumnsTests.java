package dev.tsforge.model.internal.covariate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tsforge.model.CalendarFeature;
import dev.tsforge.model.Covariates;
import dev.tsforge.model.InvalidSpecException;
import dev.tsforge.series.Frequency;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calendar and holiday columns for known dates, checked by hand against a calendar. */
class CovariateColumnsTests {

    private static final Frequency DAILY = Frequency.parse("P1D");

    @Test
    void germanHolidaysAroundEaster2024() {
        HolidayCalendar germany = HolidayCalendar.of("DE");

        // Good Friday 29 March and Easter Monday 1 April are national holidays; Easter Sunday is not (only Brandenburg)
        assertThat(germany.holidays(2024).subSet(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 5, 31)))
                .containsExactly(LocalDate.of(2024, 3, 29), LocalDate.of(2024, 4, 1), LocalDate.of(2024, 5, 1),
                        LocalDate.of(2024, 5, 9), LocalDate.of(2024, 5, 20));
        assertThat(germany.isHoliday(LocalDate.of(2024, 3, 31))).isFalse();
        assertThat(HolidayCalendar.of("DE-BB").isHoliday(LocalDate.of(2024, 3, 31))).isTrue();
        // Corpus Christi (30 May 2024) is a holiday in Bavaria, not nationwide
        assertThat(germany.isHoliday(LocalDate.of(2024, 5, 30))).isFalse();
        assertThat(HolidayCalendar.of("de-by").isHoliday(LocalDate.of(2024, 5, 30))).isTrue();
    }

    @Test
    void columnsOfDaysAroundGoodFriday() {
        CovariateColumns columns = CovariateColumns.of(new Covariates(List.of(CalendarFeature.DAY_OF_WEEK), "DE"));
        // Wednesday 27 March 2024 to Wednesday 3 April 2024
        float[] rows = columns.at(DAILY, Instant.parse("2024-03-27T00:00:00Z"), 8);

        assertThat(new Covariates(List.of(CalendarFeature.DAY_OF_WEEK), "DE").columns()).containsExactly(
                "day_of_week_sin", "day_of_week_cos", "holiday", "days_to_holiday", "days_since_holiday");
        float[][] expected = {
            // sin, cos of (weekday − 1) / 7 turns; holiday; days to next / 7; days since last / 7 (7: none near)
            {dow(2, true), dow(2, false), 0, 2 / 7f, 1},        // Wed 27 Mar: Good Friday in 2 days
            {dow(3, true), dow(3, false), 0, 1 / 7f, 1},        // Thu 28
            {dow(4, true), dow(4, false), 1, 0, 0},             // Fri 29: Good Friday
            {dow(5, true), dow(5, false), 0, 2 / 7f, 1 / 7f},   // Sat 30
            {dow(6, true), dow(6, false), 0, 1 / 7f, 2 / 7f},   // Sun 31: Easter Sunday, not a holiday
            {dow(0, true), dow(0, false), 1, 0, 0},             // Mon 1 Apr: Easter Monday
            {dow(1, true), dow(1, false), 0, 1, 1 / 7f},        // Tue 2: 1 May is far
            {dow(2, true), dow(2, false), 0, 1, 2 / 7f},        // Wed 3
        };
        for (int day = 0; day < expected.length; day++) {
            for (int c = 0; c < 5; c++) {
                assertThat(rows[day * 5 + c]).as("day %d column %d", day, c).isCloseTo(expected[day][c], within(1e-6f));
            }
        }
    }

    @Test
    void usIndependenceDayAndItsObservedFriday() {
        HolidayCalendar us = HolidayCalendar.of("US");
        assertThat(us.isHoliday(LocalDate.of(2024, 7, 4))).isTrue();
        assertThat(us.isHoliday(LocalDate.of(2024, 7, 5))).isFalse();
        // 4 July 2026 is a Saturday, kept on Friday 3 July
        assertThat(us.isHoliday(LocalDate.of(2026, 7, 4))).isTrue();
        assertThat(us.isHoliday(LocalDate.of(2026, 7, 3))).isTrue();
        // Thanksgiving: fourth Thursday of November
        assertThat(us.isHoliday(LocalDate.of(2024, 11, 28))).isTrue();
    }

    @Test
    void calendarCyclesAreReadInTheGridsZone() {
        // Monday 00:00 in Berlin is Sunday 23:00 UTC: a daily Berlin grid must still call it Monday
        Frequency berlin = Frequency.of("P1D", null, false, ZoneId.of("Europe/Berlin"));
        CovariateColumns columns = CovariateColumns.of(new Covariates(List.of(CalendarFeature.DAY_OF_WEEK,
                CalendarFeature.MONTH), null));
        float[] monday = columns.at(berlin, Instant.parse("2024-01-14T23:00:00Z"), 1);
        assertThat(monday).containsExactly(new float[] {0f, 1f, 0f, 1f}, within(1e-6f));

        CovariateColumns hours = CovariateColumns.of(new Covariates(List.of(CalendarFeature.HOUR_OF_DAY), null));
        float[] sixAm = hours.at(Frequency.parse("PT1H"), Instant.parse("2024-01-15T06:00:00Z"), 1);
        assertThat(sixAm).containsExactly(new float[] {1f, 0f}, within(1e-6f));
    }

    @Test
    void unknownRegionsAreRefusedByName() {
        assertThatThrownBy(() -> new Covariates(List.of(), "XX").checked()).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("'XX'");
        assertThatThrownBy(() -> new Covariates(List.of(), "US-ZZ").checked())
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("'zz'").hasMessageContaining("NY");
    }

    @Test
    void featuresThatWouldNotVaryAlongTheGridAreRefused() {
        assertThatThrownBy(() -> new Covariates(List.of(CalendarFeature.HOUR_OF_DAY), null).checkGrid(DAILY))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("HOUR_OF_DAY")
                .hasMessageContaining("P1D");
        assertThatThrownBy(() -> new Covariates(List.of(CalendarFeature.DAY_OF_WEEK), null)
                .checkGrid(Frequency.parse("P1W"))).isInstanceOf(InvalidSpecException.class);
        assertThatThrownBy(() -> new Covariates(List.of(), "DE").checkGrid(Frequency.parse("P1M")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("holidays");
        new Covariates(List.of(CalendarFeature.MONTH, CalendarFeature.WEEK_OF_YEAR), null)
                .checkGrid(Frequency.parse("P1W"));
        new Covariates(List.of(CalendarFeature.HOUR_OF_DAY, CalendarFeature.DAY_OF_WEEK), "US")
                .checkGrid(Frequency.parse("PT1H"));
    }

    private static float dow(int mondayBased, boolean sine) {
        double angle = 2 * Math.PI * mondayBased / 7;
        return (float) (sine ? Math.sin(angle) : Math.cos(angle));
    }
}
