package dev.tsforge.series;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.HttpApi;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Collections and long-format uploads over real HTTP: Nixtla's CSV and JSON, unknown ids creating series and known
 * ones upserting, all or nothing with the bad row's line and series named, timestamps in the collection's zone,
 * duplicates refused, the bulk path's own size limit, filters by collection and labels. Run on H2
 * ({@link H2BulkIngestTests}) and PostgreSQL ({@link PostgresBulkIngestTests}), which set
 * {@value #PROPERTIES_NOTE}.
 */
abstract class BulkIngestContract {

    static final String PROPERTIES_NOTE = "max-request-bytes 100000 and bulk.max-bytes 1000000";
    static final String LIMITS_REQUEST = "tsforge.limits.max-request-bytes=100000";
    static final String LIMITS_BULK = "tsforge.limits.bulk.max-bytes=1000000";
    private static final String JSON = "application/json";
    private static final String CSV = "text/csv";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    HttpApi api;

    @BeforeEach
    void client() {
        api = HttpApi.localhost(port);
    }

    private String collection(String fields) throws Exception {
        String name = "c-" + UUID.randomUUID();
        HttpResponse<String> created = api.post("/api/v1/collections", JSON,
                "{\"name\": \"" + name + "\"" + (fields.isEmpty() ? "" : ", " + fields) + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/v1/collections/" + name));
        return name;
    }

    private HttpResponse<String> upload(String collection, String contentType, String body) throws Exception {
        return api.post("/api/v1/collections/" + collection + "/points", contentType, body);
    }

    private JsonNode uploadOk(String collection, String contentType, String body) throws Exception {
        HttpResponse<String> stored = upload(collection, contentType, body);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        return api.json(stored);
    }

    /** Every stored point of the collection as "uniqueId ts=value", in id and time order. */
    private List<String> stored(String collection) {
        return jdbc.sql("""
                SELECT s.unique_id, p.ts, p.val FROM series_point p JOIN series s ON s.id = p.series_id
                JOIN series_collection c ON c.id = s.collection_id WHERE c.name = :name ORDER BY s.unique_id, p.ts""")
                .param("name", collection)
                .query((rs, row) -> rs.getString(1) + " " + dev.tsforge.config.JdbcTimes.instant(rs, "ts") + "="
                        + rs.getDouble(3))
                .list();
    }

    private long members(String collection) {
        return jdbc.sql("SELECT COUNT(*) FROM series s JOIN series_collection c ON c.id = s.collection_id "
                + "WHERE c.name = :name").param("name", collection).query(Long.class).single();
    }

    private void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                value -> assertThat(value).startsWith("application/problem+json"));
        assertThat(api.json(response).get("type").asString()).isEqualTo("urn:tsforge:problem:" + type);
    }

    @Test
    void aCollectionIsCreatedListedReadAndDeleted() throws Exception {
        String name = collection("\"frequency\": \"P1W\", \"anchor\": \"WEDNESDAY\", \"timeZone\": \"Europe/Berlin\"");
        JsonNode read = api.json(api.get("/api/v1/collections/" + name));
        assertThat(read.get("frequency").asString()).isEqualTo("P1W");
        assertThat(read.get("anchor").asString()).isEqualTo("WEDNESDAY");
        assertThat(read.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(read.get("seriesCount").asLong()).isZero();

        assertProblem(api.post("/api/v1/collections", JSON, "{\"name\": \"" + name + "\", \"frequency\": \"P1D\"}"),
                409, "name-taken");
        assertProblem(api.post("/api/v1/collections", JSON, "{\"name\": \"x-" + UUID.randomUUID()
                + "\", \"frequency\": \"P2D\"}"), 400, "invalid-field");
        assertProblem(api.post("/api/v1/collections", JSON, "{\"name\": \"a/b\", \"frequency\": \"P1D\"}"), 400,
                "invalid-field");

        uploadOk(name, CSV, "unique_id,ds,y\nA,2024-01-03,1\n");
        JsonNode list = api.json(api.get("/api/v1/collections?size=500"));
        List<String> names = new ArrayList<>();
        list.get("items").forEach(item -> names.add(item.get("name").asString()));
        assertThat(names).contains(name);

        HttpResponse<String> deleted = api.send("DELETE", "/api/v1/collections/" + name, null, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertProblem(api.get("/api/v1/collections/" + name), 404, "not-found");
        assertThat(members(name)).isZero();
        assertThat(stored(name)).isEmpty();
    }

    @Test
    void aNixtlaCsvCreatesSeriesAndALaterUploadUpsertsKnownOnes() throws Exception {
        String name = collection("\"frequency\": \"PT1H\"");
        JsonNode first = uploadOk(name, CSV, """
                unique_id,ds,y
                H1,2024-01-01 00:00:00,1.0
                H1,2024-01-01 01:00:00,2.0
                H2,2024-01-01 00:00:00,-3.5
                """);
        assertThat(first.get("received").asLong()).isEqualTo(3);
        assertThat(first.get("inserted").asLong()).isEqualTo(3);
        assertThat(first.get("updated").asLong()).isZero();
        assertThat(first.get("series").asInt()).isEqualTo(2);
        assertThat(first.get("createdSeries").asInt()).isEqualTo(2);
        assertThat(first.get("first").asString()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(first.get("last").asString()).isEqualTo("2024-01-01T01:00:00Z");

        // columns in another order and one more, ignored
        JsonNode second = uploadOk(name, CSV, """
                y,unique_id,ds,store
                20.0,H1,2024-01-01T01:00:00Z,7
                4.0,H3,2024-01-01T00:00:00Z,7
                3.0,H1,2024-01-01T02:00:00Z,7
                """);
        assertThat(second.get("inserted").asLong()).isEqualTo(2);
        assertThat(second.get("updated").asLong()).isEqualTo(1);
        assertThat(second.get("createdSeries").asInt()).isEqualTo(1);
        assertThat(stored(name)).containsExactly("H1 2024-01-01T00:00:00Z=1.0", "H1 2024-01-01T01:00:00Z=20.0",
                "H1 2024-01-01T02:00:00Z=3.0", "H2 2024-01-01T00:00:00Z=-3.5", "H3 2024-01-01T00:00:00Z=4.0");

        JsonNode page = api.json(api.get("/api/v1/series?collection=" + name));
        assertThat(page.get("totalItems").asLong()).isEqualTo(3);
        JsonNode h2 = page.get("items").get(1);
        assertThat(h2.get("name").asString()).isEqualTo(name + "/H2");
        assertThat(h2.get("uniqueId").asString()).isEqualTo("H2");
        assertThat(h2.get("collection").asString()).isEqualTo(name);
        assertThat(h2.get("frequency").asString()).isEqualTo("PT1H");
        assertThat(h2.get("nonNegative").asBoolean()).as("a negative value was stored").isFalse();
        JsonNode series = api.json(api.get("/api/v1/series/" + page.get("items").get(0).get("id").asLong()));
        assertThat(series.get("pointCount").asLong()).isEqualTo(3);
        assertThat(series.get("collection").asString()).isEqualTo(name);
    }

    @Test
    void jsonArraysAndNdjsonUploadWithTheirOwnKeyNames() throws Exception {
        String name = collection("\"frequency\": \"P1D\"");
        JsonNode array = uploadOk(name, JSON, """
                [{"unique_id": "A", "ds": "2024-01-01", "y": 1.5},
                 {"unique_id": 7, "ds": "2024-01-01T00:00:00Z", "y": "2", "extra": {"ignored": [1, 2]}}]""");
        assertThat(array.get("inserted").asLong()).isEqualTo(2);
        HttpResponse<String> ndjson = api.post("/api/v1/collections/" + name
                        + "/points?idColumn=item&timeColumn=date&valueColumn=sales", "application/x-ndjson", """
                {"item": "A", "date": "2024-01-02", "sales": 3}
                {"item": "A", "date": "2024-01-01", "sales": 10}
                """);
        assertThat(ndjson.statusCode()).as(ndjson.body()).isEqualTo(200);
        assertThat(api.json(ndjson).get("updated").asLong()).isEqualTo(1);
        assertThat(stored(name)).containsExactly("7 2024-01-01T00:00:00Z=2.0", "A 2024-01-01T00:00:00Z=10.0",
                "A 2024-01-02T00:00:00Z=3.0");
    }

    @Test
    void aBadLineInTheMiddleStoresNothingAndNamesItsLineAndSeries() throws Exception {
        String name = collection("\"frequency\": \"PT1H\"");
        uploadOk(name, CSV, "unique_id,ds,y\nOLD,2024-01-01T00:00:00Z,1\n");
        StringBuilder body = new StringBuilder("unique_id,ds,y\n");
        for (int i = 0; i < 1000; i++) {
            body.append(i < 500 ? "NEW" : "OLD").append(',').append(java.time.Instant.parse("2024-01-01T00:00:00Z")
                    .plusSeconds(3600L * (i % 500))).append(',').append(i == 700 ? "oops" : String.valueOf(i))
                    .append('\n');
        }
        HttpResponse<String> refused = upload(name, CSV, body.toString());
        assertProblem(refused, 400, "invalid-points");
        JsonNode problem = api.json(refused);
        assertThat(problem.get("errorCount").asInt()).isEqualTo(1);
        assertThat(problem.get("errors").get(0).get("line").asLong()).isEqualTo(702);
        assertThat(problem.get("errors").get(0).get("uniqueId").asString()).isEqualTo("OLD");
        assertThat(problem.get("errors").get(0).get("reason").asString()).isEqualTo("BAD_VALUE");
        assertThat(problem.get("detail").asString()).contains("line 702").contains("'OLD'");
        assertThat(stored(name)).as("nothing of the upload, not even the new series").containsExactly(
                "OLD 2024-01-01T00:00:00Z=1.0");
        assertThat(members(name)).isEqualTo(1);
    }

    @Test
    void errorsAreListedUpToTwentyWithTheirReasons() throws Exception {
        String name = collection("\"frequency\": \"P1D\"");
        HttpResponse<String> refused = upload(name, JSON, """
                [{"unique_id": "A", "ds": "2024-01-01T12:00:00Z", "y": 1},
                 {"unique_id": "", "ds": "2024-01-01", "y": 1},
                 {"unique_id": "A", "ds": "yesterday", "y": 1},
                 {"unique_id": "A", "ds": "2024-01-02", "y": null},
                 {"unique_id": "A", "ds": "2024-01-03", "y": "NaN"}]""");
        assertProblem(refused, 400, "invalid-points");
        JsonNode errors = api.json(refused).get("errors");
        List<String> reasons = new ArrayList<>();
        errors.forEach(error -> reasons.add(error.get("index").asLong() + ":" + error.get("reason").asString()));
        assertThat(reasons).containsExactly("0:OFF_GRID", "1:MISSING_ID", "2:BAD_TIMESTAMP", "3:MISSING_VALUE",
                "4:NON_FINITE_VALUE");

        StringBuilder many = new StringBuilder("unique_id,ds,y\n");
        for (int i = 0; i < 100; i++) {
            many.append("A,2024-01-01,x\n");
        }
        JsonNode capped = api.json(upload(name, CSV, many.toString()));
        assertThat(capped.get("errors").size()).isEqualTo(20);
        assertThat(capped.get("complete").asBoolean()).isFalse();
        assertThat(members(name)).isZero();
    }

    @Test
    void timestampsWithoutAnOffsetAreReadInTheCollectionsZone() throws Exception {
        String name = collection("\"frequency\": \"P1D\", \"timeZone\": \"America/New_York\"");
        // the US went to daylight saving time on 2024-03-10: midnight is 05:00Z before, 04:00Z after
        uploadOk(name, CSV, "unique_id,ds,y\nA,2024-03-09,1\nA,2024-03-10 00:00:00,2\nA,2024-03-11T00:00:00,3\n"
                + "A,2024-03-12T00:00:00-04:00,4\n");
        assertThat(stored(name)).containsExactly("A 2024-03-09T05:00:00Z=1.0", "A 2024-03-10T05:00:00Z=2.0",
                "A 2024-03-11T04:00:00Z=3.0", "A 2024-03-12T04:00:00Z=4.0");
        HttpResponse<String> utcMidnight = upload(name, CSV, "unique_id,ds,y\nA,2024-03-13T00:00:00Z,5\n");
        assertProblem(utcMidnight, 400, "invalid-points");
        assertThat(api.json(utcMidnight).get("errors").get(0).get("reason").asString()).isEqualTo("OFF_GRID");
    }

    @Test
    void aTimestampTwiceForOneSeriesInOneUploadIsRefused() throws Exception {
        String name = collection("\"frequency\": \"PT1H\"");
        HttpResponse<String> refused = upload(name, CSV, """
                unique_id,ds,y
                A,2024-01-01T00:00:00Z,1
                B,2024-01-01T00:00:00Z,2
                A,2024-01-01T01:00:00Z,3
                A,2024-01-01 00:00:00,4
                """);
        assertProblem(refused, 400, "invalid-points");
        JsonNode error = api.json(refused).get("errors").get(0);
        assertThat(error.get("line").asLong()).isEqualTo(5);
        assertThat(error.get("uniqueId").asString()).isEqualTo("A");
        assertThat(error.get("reason").asString()).isEqualTo("DUPLICATE_TIMESTAMP");
        assertThat(members(name)).isZero();
    }

    @Test
    void theBulkPathHasItsOwnLimitCheckedBeforeAnythingIsStored() throws Exception {
        String name = collection("\"frequency\": \"PT1M\"");
        // above max-request-bytes (100,000), below bulk.max-bytes (1,000,000): accepted
        String within = rows(8_000, "A");
        assertThat(within.length()).isBetween(100_001, 999_999);
        assertThat(uploadOk(name, CSV, within).get("inserted").asLong()).isEqualTo(8_000);

        String over = rows(40_000, "B");
        assertThat(over.length()).isGreaterThan(1_000_000);
        // with Content-Length: refused before the body is read
        assertProblem(upload(name, CSV, over), 413, "payload-too-large");
        // chunked, no length: refused once the count passes the limit, the rows read so far rolled back
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(api.url("/api/v1/collections/" + name + "/points")))
                .header("Content-Type", CSV)
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(over.getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(chunked, 413, "payload-too-large");
        assertThat(members(name)).isEqualTo(1);
        assertThat(stored(name)).hasSize(8_000).allMatch(point -> point.startsWith("A "));
    }

    private static String rows(int count, String uniqueId) {
        StringBuilder body = new StringBuilder("unique_id,ds,y\n");
        java.time.Instant start = java.time.Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            body.append(uniqueId).append(',').append(start.plusSeconds(60L * i)).append(',').append(i % 97)
                    .append('\n');
        }
        return body.toString();
    }

    @Test
    void seriesAreListedByCollectionAndLabels() throws Exception {
        String name = collection("\"frequency\": \"P1D\"");
        String other = collection("\"frequency\": \"P1D\"");
        uploadOk(name, CSV, "unique_id,ds,y\ns1-d1,2024-01-01,1\ns1-d2,2024-01-01,1\ns2-d1,2024-01-01,1\n");
        uploadOk(other, CSV, "unique_id,ds,y\ns1-d1,2024-01-01,1\n");
        HttpResponse<String> labelled = api.send("PUT", "/api/v1/collections/" + name + "/labels", JSON, """
                {"s1-d1": {"store": "1", "dept": "1"}, "s1-d2": {"store": "1", "dept": "2"},
                 "s2-d1": {"store": "2", "dept": "1"}, "s3-d1": {"store": "3", "dept": "1"}}""");
        assertThat(labelled.statusCode()).as(labelled.body()).isEqualTo(200);
        assertThat(api.json(labelled).get("created").asInt()).as("s3-d1 is new").isEqualTo(1);
        api.send("PUT", "/api/v1/collections/" + other + "/labels", JSON, "{\"s1-d1\": {\"store\": \"1\"}}");

        assertThat(uniqueIds("?collection=" + name)).containsExactly("s1-d1", "s1-d2", "s2-d1", "s3-d1");
        assertThat(uniqueIds("?collection=" + name + "&label=store:1")).containsExactly("s1-d1", "s1-d2");
        assertThat(uniqueIds("?collection=" + name + "&label=store:1&label=dept:2")).containsExactly("s1-d2");
        assertThat(uniqueIds("?collection=" + name + "&label=dept:1&size=2&page=1")).containsExactly("s3-d1");
        assertThat(uniqueIds("?collection=" + name + "&label=store:9")).isEmpty();
        assertThat(api.json(api.get("/api/v1/series?label=store:1&collection=" + other)).get("totalItems").asLong())
                .isEqualTo(1);
        JsonNode first = api.json(api.get("/api/v1/series?collection=" + name)).get("items").get(0);
        assertThat(first.get("labels").get("store").asString()).isEqualTo("1");
        assertThat(first.get("labels").get("dept").asString()).isEqualTo("1");

        assertProblem(api.get("/api/v1/series?label=store"), 400, "invalid-parameter");
        assertProblem(api.get("/api/v1/series?collection=nope-" + UUID.randomUUID()), 404, "not-found");
        assertProblem(api.send("PUT", "/api/v1/collections/" + name + "/labels", JSON,
                "{\"s1-d1\": {\"bad key\": \"1\"}}"), 400, "invalid-field");
    }

    @Test
    void aCollectionsPointsReadBackInLongFormatFilteredByLabelAndTime() throws Exception {
        String name = collection("\"frequency\": \"P1D\", \"timeZone\": \"Europe/Berlin\"");
        uploadOk(name, CSV, "unique_id,ds,y\nA,2024-01-01,1\nA,2024-01-02,2\n\"B,1\",2024-01-01,3\n");
        api.send("PUT", "/api/v1/collections/" + name + "/labels", JSON, "{\"A\": {\"store\": \"1\"}}");

        HttpResponse<String> csv = api.get("/api/v1/collections/" + name + "/points");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.body().lines().toList()).containsExactly("unique_id,ds,y", "A,2023-12-31T23:00:00Z,1.0",
                "A,2024-01-01T23:00:00Z,2.0", "\"B,1\",2023-12-31T23:00:00Z,3.0");
        HttpResponse<String> ndjson = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.url(
                        "/api/v1/collections/" + name + "/points?label=store:1&from=2024-01-02")))
                .header("Accept", "application/x-ndjson").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ndjson.statusCode()).as(ndjson.body()).isEqualTo(200);
        tools.jackson.databind.json.JsonMapper mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        assertThat(ndjson.body().lines().map(mapper::readTree).map(point -> point.get("unique_id").asString() + " "
                + point.get("ds").asString() + "=" + point.get("y").asDouble()).toList())
                .containsExactly("A 2024-01-01T23:00:00Z=2.0");
        assertProblem(api.get("/api/v1/collections/" + name + "/points?from=soon"), 400, "invalid-parameter");
    }

    private List<String> uniqueIds(String query) throws Exception {
        HttpResponse<String> page = api.get("/api/v1/series" + query);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        api.json(page).get("items").forEach(item -> ids.add(item.get("uniqueId").asString()));
        return ids;
    }
}
