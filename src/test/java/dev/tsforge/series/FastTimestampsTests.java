package dev.tsforge.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bulk path's timestamp reader accepts exactly what the single-series path accepts, to the same instants. */
class FastTimestampsTests {

    private static final List<String> TEXTS = List.of("2024-01-05", "2024-01-05T00:00:00", "2024-01-05 00:00:00",
            "2024-01-05T13:45", "2024-01-05 13:45:30", "2024-01-05T00:00:00.000", "2024-01-05T00:00:00.000000000Z",
            "2024-01-05T00:00:00Z", "2024-01-05T02:00:00+02:00", "2024-01-05T00:00:00-05:30", "2024-03-10 02:30:00",
            "2024-11-03 01:30:00", "2024-02-29", "2023-02-29", "2024-13-01", "2024-01-05T24:00:00", "2024-01-05T00:00:00.5Z",
            "2024-1-5", "20240105", "yesterday", "", " 2024-01-05 ", "2024-01-05T00:00:00+0200", "-0001-01-01",
            "+10000-01-01T00:00:00Z", "2024-01-05T00:00:00[Europe/Berlin]", "2024-01-05T00:00:00z");

    @Test
    void acceptsWhatTheSingleSeriesPathAcceptsInEveryZone() {
        for (ZoneId zone : List.of(ZoneOffset.UTC, ZoneId.of("America/New_York"), ZoneId.of("+05:30"))) {
            for (String text : TEXTS) {
                Instant slow = PointBatchValidator.parseTimestamp(text, zone);
                long expected = slow == null || slow.getNano() != 0 ? FastTimestamps.INVALID : slow.getEpochSecond();
                assertThat(FastTimestamps.epochSecond(text, zone)).as("'%s' in %s", text, zone).isEqualTo(expected);
            }
        }
    }

    @Test
    void offsetLessTimesAcrossDaylightSavingFollowTheZone() {
        ZoneId newYork = ZoneId.of("America/New_York");
        assertThat(Instant.ofEpochSecond(FastTimestamps.epochSecond("2024-03-10 00:00:00", newYork)))
                .isEqualTo(Instant.parse("2024-03-10T05:00:00Z"));
        assertThat(Instant.ofEpochSecond(FastTimestamps.epochSecond("2024-03-11", newYork)))
                .isEqualTo(Instant.parse("2024-03-11T04:00:00Z"));
        // skipped by the change: moved forward by the gap; occurring twice: the earlier instant
        assertThat(Instant.ofEpochSecond(FastTimestamps.epochSecond("2024-03-10T02:30:00", newYork)))
                .isEqualTo(Instant.parse("2024-03-10T07:30:00Z"));
        assertThat(Instant.ofEpochSecond(FastTimestamps.epochSecond("2024-11-03T01:30:00", newYork)))
                .isEqualTo(Instant.parse("2024-11-03T05:30:00Z"));
    }
}
