package dev.tsforge.series;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.HttpApi;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Real-world grids over real HTTP: weeks ending on a Wednesday, month ends, business days, daily data at local
 * midnight in a zone; the first batch deciding an open anchor; the grid fixed once points exist; non-negativity
 * inferred and declared. Run on H2 ({@link H2SeriesGridTests}) and PostgreSQL ({@link PostgresSeriesGridTests}).
 */
abstract class SeriesGridContract {

    private static final String JSON = "application/json";
    private static final String CSV = "text/csv";

    @LocalServerPort
    int port;

    HttpApi api;

    @BeforeEach
    void client() {
        api = HttpApi.localhost(port);
    }

    private JsonNode create(String fields) throws Exception {
        HttpResponse<String> created = api.post("/api/v1/series", JSON,
                "{\"name\": \"grid-" + UUID.randomUUID() + "\", " + fields + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return api.json(created);
    }

    private JsonNode series(long id) throws Exception {
        return api.json(api.get("/api/v1/series/" + id));
    }

    private HttpResponse<String> ingest(long id, String contentType, String body) throws Exception {
        return api.post("/api/v1/series/" + id + "/points", contentType, body);
    }

    private void ingestOk(long id, String contentType, String body) throws Exception {
        HttpResponse<String> stored = ingest(id, contentType, body);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    }

    private HttpResponse<String> patch(long id, String body) throws Exception {
        return api.send("PATCH", "/api/v1/series/" + id, JSON, body);
    }

    private JsonNode patchOk(long id, String body) throws Exception {
        HttpResponse<String> patched = patch(id, body);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        return api.json(patched);
    }

    /** The stored points as "timestamp=value", oldest first. */
    private List<String> points(long id, String query) throws Exception {
        HttpResponse<String> read = api.get("/api/v1/series/" + id + "/points" + query);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        List<String> points = new ArrayList<>();
        for (JsonNode point : api.json(read)) {
            points.add(point.get("timestamp").asString() + "=" + point.get("value").asDouble());
        }
        return points;
    }

    private void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                value -> assertThat(value).startsWith("application/problem+json"));
        assertThat(api.json(response).get("type").asString()).isEqualTo("urn:tsforge:problem:" + type);
    }

    @Test
    void weeksEndingWednesdayAreStoredAndReadBack() throws Exception {
        JsonNode created = create("\"frequency\": \"P1W\", \"anchor\": \"wednesday\"");
        long id = created.get("id").asLong();
        assertThat(created.get("anchor").asString()).isEqualTo("WEDNESDAY");
        assertThat(created.get("gridSource").asString()).isEqualTo("DECLARED");
        assertThat(created.get("timeZone").asString()).isEqualTo("UTC");
        assertThat(created.get("seasonalPeriod").asInt()).isEqualTo(52);

        ingestOk(id, CSV, "timestamp,value\n2024-01-03,10\n2024-01-10T00:00:00Z,11\n2024-01-24T00:00:00Z,13\n");
        ingestOk(id, JSON, "[{\"timestamp\": \"2024-01-17\", \"value\": 12}]");
        assertThat(points(id, "")).containsExactly("2024-01-03T00:00:00Z=10.0", "2024-01-10T00:00:00Z=11.0",
                "2024-01-17T00:00:00Z=12.0", "2024-01-24T00:00:00Z=13.0");

        HttpResponse<String> monday = ingest(id, CSV, "timestamp,value\n2024-01-29,14\n");
        assertProblem(monday, 400, "invalid-points");
        JsonNode error = api.json(monday).get("errors").get(0);
        assertThat(error.get("reason").asString()).isEqualTo("OFF_GRID");
        assertThat(error.get("message").asString()).contains("P1W (weeks on Wednesday)")
                .contains("nearest earlier: 2024-01-24T00:00:00Z");
    }

    @Test
    void monthEndsAndQuarterEndsAreStoredAndReadBack() throws Exception {
        long monthly = create("\"frequency\": \"P1M\", \"anchor\": \"END\"").get("id").asLong();
        ingestOk(monthly, JSON, """
                [{"timestamp": "2024-01-31", "value": 1}, {"timestamp": "2024-02-29T00:00:00Z", "value": 2},
                 {"timestamp": "2024-03-31T02:00:00+02:00", "value": 3}]""");
        ingestOk(monthly, CSV, "timestamp,value\n2023-02-28,0\n2024-04-30,4\n");
        assertThat(points(monthly, "?from=2024-01-01")).containsExactly("2024-01-31T00:00:00Z=1.0",
                "2024-02-29T00:00:00Z=2.0", "2024-03-31T00:00:00Z=3.0", "2024-04-30T00:00:00Z=4.0");
        assertProblem(ingest(monthly, CSV, "timestamp,value\n2024-05-01,5\n"), 400, "invalid-points");

        long quarterly = create("\"frequency\": \"P3M\", \"anchor\": \"END\"").get("id").asLong();
        ingestOk(quarterly, CSV, "timestamp,value\n2024-03-31,1\n2024-06-30,2\n2024-09-30,3\n2024-12-31,4\n");
        assertThat(points(quarterly, "")).hasSize(4);
        HttpResponse<String> april = ingest(quarterly, CSV, "timestamp,value\n2025-04-30,5\n");
        assertProblem(april, 400, "invalid-points");
        assertThat(api.json(april).get("errors").get(0).get("message").asString())
                .contains("nearest earlier: 2025-03-31T00:00:00Z");
    }

    @Test
    void businessDaysSkipWeekendsAndCountNoGaps() throws Exception {
        JsonNode created = create("\"frequency\": \"P1D\", \"businessDays\": true");
        long id = created.get("id").asLong();
        assertThat(created.get("businessDays").asBoolean()).isTrue();
        assertThat(created.get("seasonalPeriod").asInt()).isEqualTo(5);
        ingestOk(id, CSV, "timestamp,value\n2024-12-27,1\n2024-12-30,2\n2024-12-31,3\n");
        ingestOk(id, JSON, "[{\"timestamp\": \"2025-01-01T00:00:00Z\", \"value\": 4},"
                + " {\"timestamp\": \"2025-01-03\", \"value\": 6}, {\"timestamp\": \"2025-01-06\", \"value\": 7}]");
        assertThat(points(id, "?to=2025-01-03")).containsExactly("2024-12-27T00:00:00Z=1.0",
                "2024-12-30T00:00:00Z=2.0", "2024-12-31T00:00:00Z=3.0", "2025-01-01T00:00:00Z=4.0",
                "2025-01-03T00:00:00Z=6.0");
        HttpResponse<String> saturday = ingest(id, CSV, "timestamp,value\n2025-01-04,5\n");
        assertProblem(saturday, 400, "invalid-points");
        assertThat(api.json(saturday).get("errors").get(0).get("message").asString())
                .contains("P1D (business days Monday to Friday)");
    }

    @Test
    void theFirstWeeklyPointsDecideTheAnchorAndThenTheGridIsFixed() throws Exception {
        JsonNode created = create("\"frequency\": \"P1W\"");
        long id = created.get("id").asLong();
        assertThat(created.get("gridSource").asString()).isEqualTo("PENDING");
        assertThat(created.get("anchor").asString()).isEqualTo("MONDAY");

        ingestOk(id, JSON, """
                [{"timestamp": "2024-05-01", "value": 1}, {"timestamp": "2024-05-08", "value": 2},
                 {"timestamp": "2024-05-15T00:00:00Z", "value": 3}]""");
        JsonNode inferred = series(id);
        assertThat(inferred.get("anchor").asString()).isEqualTo("WEDNESDAY");
        assertThat(inferred.get("gridSource").asString()).isEqualTo("INFERRED");
        assertThat(points(id, "")).containsExactly("2024-05-01T00:00:00Z=1.0", "2024-05-08T00:00:00Z=2.0",
                "2024-05-15T00:00:00Z=3.0");

        HttpResponse<String> toMonday = patch(id, "{\"anchor\": \"MONDAY\"}");
        assertProblem(toMonday, 409, "grid-fixed");
        assertThat(api.json(toMonday).get("detail").asString()).contains("fixed once points exist");
        assertThat(api.json(toMonday).get("anchor").asString()).isEqualTo("WEDNESDAY");
        assertProblem(patch(id, "{\"frequency\": \"P1D\"}"), 409, "grid-fixed");
        assertProblem(patch(id, "{\"timeZone\": \"Europe/Berlin\"}"), 409, "grid-fixed");
        // restating the grid changes nothing and is allowed
        JsonNode restated = patchOk(id, "{\"anchor\": \"WEDNESDAY\", \"frequency\": \"P7D\", \"unit\": \"kWh\"}");
        assertThat(restated.get("anchor").asString()).isEqualTo("WEDNESDAY");
        assertThat(restated.get("gridSource").asString()).isEqualTo("INFERRED");
        assertThat(restated.get("unit").asString()).isEqualTo("kWh");
        // later batches are checked against the inferred grid
        assertProblem(ingest(id, CSV, "timestamp,value\n2024-05-20,4\n"), 400, "invalid-points");
    }

    @Test
    void monthEndsAndWeekendFreeDaysAreInferredFromTheFirstBatch() throws Exception {
        long quarterly = create("\"frequency\": \"P3M\"").get("id").asLong();
        ingestOk(quarterly, CSV, "timestamp,value\n2023-12-31,1\n2024-03-31,2\n2024-06-30,3\n");
        assertThat(series(quarterly).get("anchor").asString()).isEqualTo("END");
        assertThat(series(quarterly).get("gridSource").asString()).isEqualTo("INFERRED");

        long starts = create("\"frequency\": \"P1M\"").get("id").asLong();
        ingestOk(starts, CSV, "timestamp,value\n2024-01-01,1\n");
        assertThat(series(starts).get("anchor").asString()).isEqualTo("START");
        assertThat(series(starts).get("gridSource").asString()).isEqualTo("INFERRED");

        // 2024-01-01 (Monday) to 2024-01-19 (Friday): 15 weekdays over 19 days, too short a span
        long twoWeeks = create("\"frequency\": \"P1D\"").get("id").asLong();
        ingestOk(twoWeeks, CSV, weekdays("2024-01-01", 15));
        assertThat(series(twoWeeks).get("businessDays").asBoolean()).isFalse();
        assertThat(series(twoWeeks).get("gridSource").asString()).isEqualTo("INFERRED");

        // three whole weeks, Monday 2024-01-01 to Friday 2024-01-19, then a fourth Monday: 21 days and more
        long threeWeeks = create("\"frequency\": \"P1D\"").get("id").asLong();
        ingestOk(threeWeeks, CSV, weekdays("2024-01-01", 16));
        JsonNode business = series(threeWeeks);
        assertThat(business.get("businessDays").asBoolean()).isTrue();
        assertThat(business.get("gridSource").asString()).isEqualTo("INFERRED");
        assertThat(business.get("seasonalPeriod").asInt()).isEqualTo(5);
        assertProblem(ingest(threeWeeks, CSV, "timestamp,value\n2024-01-27,1\n"), 400, "invalid-points");

        // a declared choice is never second-guessed
        long declared = create("\"frequency\": \"P1D\", \"businessDays\": false").get("id").asLong();
        ingestOk(declared, CSV, weekdays("2024-01-01", 16));
        assertThat(series(declared).get("businessDays").asBoolean()).isFalse();
        assertThat(series(declared).get("gridSource").asString()).isEqualTo("DECLARED");
    }

    /** CSV of {@code count} consecutive weekdays from {@code monday}, value = position. */
    private static String weekdays(String monday, int count) {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        java.time.LocalDate day = java.time.LocalDate.parse(monday);
        for (int i = 0; i < count; day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() <= 5) {
                csv.append(day).append(',').append(i++).append('\n');
            }
        }
        return csv.toString();
    }

    @Test
    void timestampsWithoutOffsetAreReadInTheDeclaredZone() throws Exception {
        JsonNode created = create("\"frequency\": \"P1D\", \"timeZone\": \"Europe/Berlin\", \"businessDays\": false");
        long id = created.get("id").asLong();
        assertThat(created.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        // across the switch to summer time on Sunday 2024-03-31, as pandas writes dates and date-times
        ingestOk(id, CSV, "timestamp,value\n2024-03-30,1\n2024-03-31T00:00:00,2\n2024-04-01 00:00:00,3\n");
        ingestOk(id, JSON, "[{\"timestamp\": \"2024-04-02T00:00:00.000\", \"value\": 4},"
                + " {\"timestamp\": \"2024-04-03T00:00:00+02:00\", \"value\": 5}]");
        assertThat(points(id, "")).containsExactly("2024-03-29T23:00:00Z=1.0", "2024-03-30T23:00:00Z=2.0",
                "2024-03-31T22:00:00Z=3.0", "2024-04-01T22:00:00Z=4.0", "2024-04-02T22:00:00Z=5.0");
        // bounds without an offset are read in the zone too
        assertThat(points(id, "?from=2024-04-01&to=2024-04-02T00:00:00")).containsExactly(
                "2024-03-31T22:00:00Z=3.0", "2024-04-01T22:00:00Z=4.0");
        // midnight UTC is 01:00 or 02:00 in Berlin: off the grid
        assertProblem(ingest(id, CSV, "timestamp,value\n2024-04-05T00:00:00Z,6\n"), 400, "invalid-points");

        long utc = create("\"frequency\": \"PT1H\"").get("id").asLong();
        ingestOk(utc, CSV, "timestamp,value\n2024-01-05T00:00:00,1\n2024-01-05 01:00:00,2\n");
        assertThat(points(utc, "")).containsExactly("2024-01-05T00:00:00Z=1.0", "2024-01-05T01:00:00Z=2.0");
    }

    @Test
    void nonNegativeIsInferredFlippedByANegativeValueAndOverridable() throws Exception {
        JsonNode created = create("\"frequency\": \"PT1H\"");
        long id = created.get("id").asLong();
        assertThat(created.get("nonNegative").asBoolean()).isTrue();
        assertThat(created.get("nonNegativeSource").asString()).isEqualTo("INFERRED");

        ingestOk(id, CSV, "timestamp,value\n2024-01-01T00:00:00Z,0\n2024-01-01T01:00:00Z,2.5\n");
        assertThat(series(id).get("nonNegative").asBoolean()).isTrue();
        ingestOk(id, CSV, "timestamp,value\n2024-01-01T02:00:00Z,-0.5\n");
        assertThat(series(id).get("nonNegative").asBoolean()).isFalse();
        assertThat(series(id).get("nonNegativeSource").asString()).isEqualTo("INFERRED");

        JsonNode declared = patchOk(id, "{\"nonNegative\": true}");
        assertThat(declared.get("nonNegative").asBoolean()).isTrue();
        assertThat(declared.get("nonNegativeSource").asString()).isEqualTo("DECLARED");
        ingestOk(id, CSV, "timestamp,value\n2024-01-01T03:00:00Z,-1\n");
        assertThat(series(id).get("nonNegative").asBoolean()).as("declared outranks the data").isTrue();

        JsonNode inferredAgain = patchOk(id, "{\"nonNegative\": null}");
        assertThat(inferredAgain.get("nonNegative").asBoolean()).isFalse();
        assertThat(inferredAgain.get("nonNegativeSource").asString()).isEqualTo("INFERRED");
        // replacing the last negative values makes the series non-negative again
        ingestOk(id, CSV, "timestamp,value\n2024-01-01T02:00:00Z,0.5\n2024-01-01T03:00:00Z,1\n");
        assertThat(series(id).get("nonNegative").asBoolean()).isTrue();

        JsonNode declaredFalse = create("\"frequency\": \"P1D\", \"nonNegative\": false");
        assertThat(declaredFalse.get("nonNegative").asBoolean()).isFalse();
        assertThat(declaredFalse.get("nonNegativeSource").asString()).isEqualTo("DECLARED");
    }

    @Test
    void theGridChangesFreelyBeforeThePointsAndBadGridsNameTheirField() throws Exception {
        long id = create("\"frequency\": \"P1W\", \"description\": \"sales\"").get("id").asLong();
        JsonNode monthEnds = patchOk(id, "{\"frequency\": \"P1M\", \"anchor\": \"END\", \"seasonalPeriod\": 6}");
        assertThat(monthEnds.get("frequency").asString()).isEqualTo("P1M");
        assertThat(monthEnds.get("anchor").asString()).isEqualTo("END");
        assertThat(monthEnds.get("gridSource").asString()).isEqualTo("DECLARED");
        assertThat(monthEnds.get("seasonalPeriod").asInt()).isEqualTo(6);
        assertThat(monthEnds.get("description").asString()).as("left out, kept").isEqualTo("sales");
        JsonNode daily = patchOk(id, "{\"frequency\": \"P1D\", \"timeZone\": \"America/New_York\", "
                + "\"seasonalPeriod\": null, \"description\": null}");
        assertThat(daily.get("anchor").isNull()).isTrue();
        assertThat(daily.get("gridSource").asString()).as("business days not declared").isEqualTo("PENDING");
        assertThat(daily.get("timeZone").asString()).isEqualTo("America/New_York");
        assertThat(daily.get("seasonalPeriod").asInt()).isEqualTo(7);
        assertThat(daily.get("description").isNull()).isTrue();

        assertInvalidField(patch(id, "{\"anchor\": \"FRIDAY\"}"), "anchor");
        assertInvalidField(patch(id, "{\"frequency\": \"PT1H\"}"), "timeZone");
        assertInvalidField(patch(id, "{\"frequency\": \"P5D\"}"), "frequency");
        assertInvalidField(patch(id, "{\"name\": \"renamed\"}"), "name");
        assertInvalidField(patch(id, "{\"seasonalPeriod\": 0}"), "seasonalPeriod");
        assertProblem(patch(id, "[]"), 400, "malformed-request");
        assertProblem(patch(id, "{\"nonNegative\": [1]}"), 400, "malformed-request");
        assertProblem(patch(999_999_999, "{\"unit\": \"kWh\"}"), 404, "not-found");

        assertInvalidField(api.post("/api/v1/series", JSON,
                "{\"name\": \"bad-zone\", \"frequency\": \"P1D\", \"timeZone\": \"Mars/Olympus\"}"), "timeZone");
        assertInvalidField(api.post("/api/v1/series", JSON,
                "{\"name\": \"bad-days\", \"frequency\": \"P1W\", \"businessDays\": true}"), "businessDays");
        assertInvalidField(api.post("/api/v1/series", JSON,
                "{\"name\": \"bad-anchor\", \"frequency\": \"P3M\", \"anchor\": \"MIDDLE\"}"), "anchor");
        assertThat(series(id).get("frequency").asString()).isEqualTo("P1D");
    }

    private void assertInvalidField(HttpResponse<String> response, String field) {
        assertProblem(response, 400, "invalid-field");
        assertThat(api.json(response).get("errors").get(0).get("field").asString()).isEqualTo(field);
    }
}
