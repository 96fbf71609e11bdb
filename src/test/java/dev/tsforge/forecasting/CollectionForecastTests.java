package dev.tsforge.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tsforge.support.HttpApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole collection forecast in one call, over real HTTP: a long-format upload makes four members, two get a small
 * network each as champion, one has no model and one is too short; the CSV and NDJSON streams carry every member,
 * the forecast ones with the numbers and intervals a single forecast gives, the others with their problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CollectionForecastTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final int POINTS = 80;
    private static final int HORIZON = 5;
    private static final String SPEC = "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], \"lookback\": 7, "
            + "\"horizon\": 3, \"epochs\": 3, \"validationFraction\": 0.3, \"seed\": 7}";

    @LocalServerPort
    int port;

    HttpApi api;
    String collection;
    /** Series id and model id (0 for none) by unique_id. */
    final Map<String, Long> seriesIds = new HashMap<>();
    final Map<String, Long> modelIds = new HashMap<>();

    @BeforeAll
    void collectionWithTwoChampions() throws Exception {
        api = HttpApi.localhost(port);
        collection = "cf-" + UUID.randomUUID();
        HttpResponse<String> created = api.post("/api/v1/collections", "application/json",
                "{\"name\": \"" + collection + "\", \"frequency\": \"P1D\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (String id : List.of("sine", "wave, shifted", "untrained")) {
            double phase = id.length();
            for (int i = 0; i < POINTS; i++) {
                csv.append(id.contains(",") ? "\"" + id + "\"" : id).append(',')
                        .append(START.plus(Duration.ofDays(i)).toString(), 0, 10).append(',')
                        .append(10 + 3 * Math.sin(2 * Math.PI * i / 7 + phase)).append('\n');
            }
        }
        csv.append("short,2024-01-01,4.0\nshort,2024-01-02,5.0\n");
        HttpResponse<String> uploaded = api.post("/api/v1/collections/" + collection + "/points", "text/csv",
                csv.toString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        for (JsonNode member : api.json(api.get("/api/v1/series?collection=" + collection)).get("items")) {
            seriesIds.put(member.get("uniqueId").asString(), member.get("id").asLong());
        }
        assertThat(seriesIds).hasSize(4);
        for (String id : List.of("sine", "wave, shifted")) {
            long job = api.startTraining(seriesIds.get(id), SPEC);
            JsonNode done = api.awaitJobStatus(job, Duration.ofMinutes(3), "SUCCEEDED", "FAILED");
            assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
            modelIds.put(id, done.get("modelId").asLong());
            assertThat(api.post("/api/v1/models/" + modelIds.get(id) + "/promote", null, null).statusCode())
                    .isEqualTo(200);
        }
    }

    private HttpResponse<String> stream(String body, String accept) throws Exception {
        return api.postAccepting("/api/v1/collections/" + collection + "/forecasts", body, accept);
    }

    /** What POST /forecasts answers for the series' champion or a model: the single-forecast path. */
    private JsonNode single(String target, long id) throws Exception {
        HttpResponse<String> one = api.post("/api/v1/forecasts", "application/json", "{\"" + target + "\": " + id
                + ", \"horizon\": " + HORIZON + ", \"levels\": [80, 95]}");
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        return api.json(one);
    }

    @Test
    void csvStreamsEveryMemberWithTheSingleForecastsNumbersAndIntervals() throws Exception {
        HttpResponse<String> response = stream("{\"horizon\": " + HORIZON + ", \"levels\": [95, 80]}", "text/csv");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/csv"));
        String[] lines = response.body().split("\n");
        assertThat(lines[0]).isEqualTo("unique_id,ds,mean,lo-80,hi-80,lo-95,hi-95,model_id,problem");
        Map<String, List<String[]>> rows = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            String id = line.startsWith("\"") ? line.substring(1, line.indexOf('"', 1)) : line.split(",")[0];
            String rest = line.substring(line.startsWith("\"") ? line.indexOf('"', 1) + 2 : id.length() + 1);
            rows.computeIfAbsent(id, key -> new ArrayList<>()).add(rest.split(",", -1));
        }
        assertThat(rows).containsOnlyKeys("sine", "wave, shifted", "untrained", "short");
        for (String id : List.of("sine", "wave, shifted")) {
            JsonNode expected = single("seriesId", seriesIds.get(id));
            List<String[]> steps = rows.get(id);
            assertThat(steps).hasSize(HORIZON);
            for (int i = 0; i < HORIZON; i++) {
                String[] row = steps.get(i);
                JsonNode point = expected.get("points").get(i);
                assertThat(row[0]).isEqualTo(START.plus(Duration.ofDays(POINTS + i)).toString());
                assertThat(Double.parseDouble(row[1])).isEqualTo(point.get("value").asDouble());
                double lo80 = Double.parseDouble(row[2]);
                double hi80 = Double.parseDouble(row[3]);
                double lo95 = Double.parseDouble(row[4]);
                double hi95 = Double.parseDouble(row[5]);
                assertThat(lo80).isEqualTo(point.get("intervals").get(0).get("lower").asDouble());
                assertThat(hi95).isEqualTo(point.get("intervals").get(1).get("upper").asDouble());
                assertThat(lo95).isLessThanOrEqualTo(lo80).isLessThanOrEqualTo(Double.parseDouble(row[1]));
                assertThat(hi95).isGreaterThanOrEqualTo(hi80).isGreaterThanOrEqualTo(Double.parseDouble(row[1]));
                assertThat(lo80).isLessThan(hi80);
                assertThat(row[6]).isEqualTo(String.valueOf(modelIds.get(id)));
                assertThat(row[7]).isEmpty();
            }
        }
        assertThat(rows.get("untrained")).hasSize(1);
        assertThat(rows.get("untrained").get(0)[7]).startsWith("no-model: Series " + seriesIds.get("untrained")
                + " has no trained model");
        assertThat(rows.get("untrained").get(0)[1]).isEmpty();
        assertThat(rows.get("short").get(0)[7]).startsWith("no-model:");
    }

    @Test
    void ndjsonHasOneLinePerMemberAndOneModelServesAllWhenNamed() throws Exception {
        long model = modelIds.get("sine");
        HttpResponse<String> response = stream("{\"horizon\": " + HORIZON + ", \"model\": " + model + "}",
                "application/x-ndjson");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        Map<String, JsonNode> lines = new HashMap<>();
        for (String line : response.body().split("\n")) {
            JsonNode node = JSON.readTree(line);
            lines.put(node.get("unique_id").asString(), node);
        }
        assertThat(lines).containsOnlyKeys("sine", "wave, shifted", "untrained", "short");
        for (String id : List.of("sine", "wave, shifted", "untrained")) {
            JsonNode line = lines.get(id);
            assertThat(line.get("modelId").asLong()).isEqualTo(model);
            assertThat(line.get("seriesId").asLong()).isEqualTo(seriesIds.get(id));
            assertThat(line.get("mean")).hasSize(HORIZON);
            assertThat(line.get("intervals").propertyNames()).containsExactly("lo-80", "hi-80", "lo-95", "hi-95");
            assertThat(line.get("ds").get(0).asString()).isEqualTo(START.plus(Duration.ofDays(POINTS)).toString());
            for (int i = 0; i < HORIZON; i++) {
                double mean = line.get("mean").get(i).asDouble();
                assertThat(line.get("intervals").get("lo-95").get(i).asDouble()).isLessThan(mean);
                assertThat(line.get("intervals").get("hi-95").get(i).asDouble()).isGreaterThan(mean);
                assertThat(mean).isCloseTo(10, within(8.0));
            }
        }
        // the model on another member's points: what POST /forecasts gives for that model on values sent
        JsonNode untrained = lines.get("untrained");
        List<Double> recent = new ArrayList<>();
        for (int i = POINTS - 7; i < POINTS; i++) {
            recent.add(10 + 3 * Math.sin(2 * Math.PI * i / 7 + "untrained".length()));
        }
        JsonNode expected = api.json(api.post("/api/v1/forecasts", "application/json", "{\"modelId\": " + model
                + ", \"values\": " + recent + ", \"horizon\": " + HORIZON + "}"));
        for (int i = 0; i < HORIZON; i++) {
            assertThat(untrained.get("mean").get(i).asDouble())
                    .isCloseTo(expected.get("points").get(i).get("value").asDouble(), within(1e-9));
        }
        JsonNode problem = lines.get("short").get("problem");
        assertThat(problem.get("type").asString()).isEqualTo("urn:tsforge:problem:series-too-short");
        assertThat(problem.get("status").asInt()).isEqualTo(422);
    }

    @Test
    void aLabelSelectsMembers() throws Exception {
        HttpResponse<String> labelled = api.send("PUT", "/api/v1/collections/" + collection + "/labels",
                "application/json", "{\"sine\": {\"group\": \"a\"}, \"untrained\": {\"group\": \"b\"}}");
        assertThat(labelled.statusCode()).as(labelled.body()).isEqualTo(200);
        HttpResponse<String> response = stream("{\"horizon\": 2, \"label\": [\"group:a\"]}", "text/csv");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String[] lines = response.body().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith("sine," + START.plus(Duration.ofDays(POINTS)));
        assertThat(lines[2]).startsWith("sine," + START.plus(Duration.ofDays(POINTS + 1)));
    }

    @Test
    void whatFailsTheWholeCallIsAProblemBeforeAnythingIsStreamed() throws Exception {
        HttpResponse<String> unknown = api.postAccepting("/api/v1/collections/nope/forecasts", "{\"horizon\": 3}",
                "text/csv");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(api.json(unknown).get("type").asString()).isEqualTo("urn:tsforge:problem:not-found");
        HttpResponse<String> badHorizon = stream("{\"horizon\": 0}", "text/csv");
        assertThat(badHorizon.statusCode()).isEqualTo(400);
        assertThat(api.json(badHorizon).get("type").asString()).isEqualTo("urn:tsforge:problem:invalid-field");
        HttpResponse<String> unknownModel = stream("{\"horizon\": 3, \"model\": 987654}", "application/x-ndjson");
        assertThat(unknownModel.statusCode()).isEqualTo(404);
        assertThat(unknownModel.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
