package dev.tsforge.series;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.HttpApi;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Series on the grids their data comes on — weeks ending Wednesday, month ends, business days — train (AUTO on the
 * weekly one, a small network on the others: the grid, not the model, is under test) and forecast on their own grid:
 * the forecast's timestamps continue the series' anchor, and a business-day forecast steps from Friday to Monday.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class GridForecastTests {

    private static final String JSON = "application/json";

    @LocalServerPort
    int port;

    @Test
    void wednesdayWeeksMonthEndsAndBusinessDaysForecastOnTheirOwnGrid() throws Exception {
        HttpApi api = HttpApi.localhost(port);
        Random noise = new Random(4);

        // 80 weeks ending Wednesday, declared by nothing but the stamps
        List<LocalDate> wednesdays = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2023, 1, 4); wednesdays.size() < 80; day = day.plusWeeks(1)) {
            wednesdays.add(day);
        }
        JsonNode weekly = forecast(api, "\"frequency\": \"P1W\"", wednesdays, noise, 4, true);
        assertThat(timestamps(weekly)).allSatisfy(day -> assertThat(day.getDayOfWeek()).isEqualTo(DayOfWeek.WEDNESDAY))
                .startsWith(wednesdays.get(79).plusWeeks(1));

        // 60 month ends
        List<LocalDate> monthEnds = new ArrayList<>();
        for (int m = 0; m < 60; m++) {
            monthEnds.add(LocalDate.of(2019, 1, 1).plusMonths(m + 1).minusDays(1));
        }
        JsonNode monthly = forecast(api, "\"frequency\": \"P1M\", \"anchor\": \"END\"", monthEnds, noise, 4,
                false);
        assertThat(timestamps(monthly)).containsExactly(LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 29),
                LocalDate.of(2024, 3, 31), LocalDate.of(2024, 4, 30));

        // 100 business days ending on a Friday
        List<LocalDate> businessDays = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2024, 1, 1); businessDays.size() < 100; day = day.plusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                businessDays.add(day);
            }
        }
        assertThat(businessDays.get(99).getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        JsonNode daily = forecast(api, "\"frequency\": \"P1D\", \"businessDays\": true", businessDays, noise, 3,
                false);
        assertThat(timestamps(daily)).containsExactly(businessDays.get(99).plusDays(3),
                businessDays.get(99).plusDays(4), businessDays.get(99).plusDays(5));
        assertThat(daily.get("input").get("missingInSeries").asLong()).as("weekends are not gaps").isZero();
    }

    /**
     * Creates the series, ingests the days as CSV, trains (AUTO, or a small network) and forecasts {@code horizon}
     * steps by series.
     */
    private JsonNode forecast(HttpApi api, String grid, List<LocalDate> days, Random noise, int horizon, boolean auto)
            throws Exception {
        HttpResponse<String> created = api.post("/api/v1/series", JSON, "{\"name\": \"grid-" + UUID.randomUUID()
                + "\", " + grid + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = api.json(created).get("id").asLong();
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < days.size(); i++) {
            csv.append(days.get(i).atStartOfDay(ZoneOffset.UTC).toInstant()).append(',')
                    .append(100 + 10 * Math.sin(i / 3.0) + noise.nextGaussian()).append('\n');
        }
        api.ingestCsv(id, csv.toString());
        HttpResponse<String> queued = auto ? api.post("/api/v1/series/" + id + "/auto-trainings", JSON,
                "{\"budgetSeconds\": 10, \"horizon\": " + horizon + "}")
                : api.post("/api/v1/series/" + id + "/trainings", JSON, "{\"architecture\": \"SIMPLE_RNN\", "
                        + "\"hiddenSizes\": [8], \"lookback\": 8, \"horizon\": " + horizon + ", \"epochs\": 5}");
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        JsonNode job = api.awaitJobStatus(api.json(queued).get("id").asLong(), Duration.ofMinutes(2), "SUCCEEDED");
        HttpResponse<String> forecast = api.post("/api/v1/forecasts", JSON, "{\"modelId\": "
                + job.get("modelId").asLong() + ", \"horizon\": " + horizon + "}");
        assertThat(forecast.statusCode()).as(forecast.body()).isEqualTo(200);
        return api.json(forecast);
    }

    private static List<LocalDate> timestamps(JsonNode forecast) {
        List<LocalDate> days = new ArrayList<>();
        for (JsonNode point : forecast.get("points")) {
            days.add(LocalDate.ofInstant(java.time.Instant.parse(point.get("timestamp").asString()), ZoneOffset.UTC));
        }
        return days;
    }
}
