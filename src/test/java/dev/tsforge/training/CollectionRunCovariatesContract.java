package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.Await;
import dev.tsforge.support.HttpApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Collection runs of local models reading covariate series over HTTP: each member reads its own covariate of a name,
 * else the collection's, as its single-series training does; a member lacking one fails its child, not the run; a
 * covariate no member reads refuses the run, storing nothing. Runs on H2 ({@code CollectionRunCovariatesTests}) and
 * PostgreSQL ({@code PostgresCollectionRunCovariatesTests}).
 */
abstract class CollectionRunCovariatesContract {

    private static final String JSON = "application/json";
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Instant FIRST = Instant.parse("2024-01-01T00:00:00Z");
    private static final int POINTS = 120;
    private static final int HORIZON = 4;
    /** The step the member "holey"'s own covariate has no value at. */
    private static final int HOLE = 50;
    private static final String SPEC = "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], \"lookback\": 8, "
            + "\"horizon\": " + HORIZON + ", \"epochs\": 3, \"validationFraction\": 0, \"earlyStoppingPatience\": 0, "
            + "\"strategy\": \"%s\", \"covariates\": {\"series\": [%s]}}";

    @LocalServerPort
    int port;

    HttpApi api;

    @BeforeEach
    void client() {
        api = HttpApi.localhost(port);
    }

    @Test
    void eachMemberReadsItsOwnCovariateElseTheCollectionsAsItsSingleTrainingWould() throws Exception {
        String name = collection(List.of("a", "b", "own", "holey"));
        Map<String, Long> ids = memberIds(name);
        String shared = "/api/v1/collections/" + name + "/covariates/price";
        declare(shared, "KNOWN_FUTURE");
        fill(shared, POINTS + HORIZON, -1, 0);
        // "own" reads its own price, declared past-only; "holey" its own, known ahead but for one step
        String own = "/api/v1/series/" + ids.get("own") + "/covariates/price";
        declare(own, "PAST_ONLY");
        fill(own, POINTS, -1, 100);
        String holey = "/api/v1/series/" + ids.get("holey") + "/covariates/price";
        declare(holey, "KNOWN_FUTURE");
        fill(holey, POINTS + HORIZON, HOLE, 0);

        HttpResponse<String> recursive = runs(name, SPEC.formatted("RECURSIVE", "\"price\""));
        assertProblem(recursive, 400, "invalid-field");
        assertThat(api.json(recursive).get("detail").asString()).as("own's price is past-only")
                .contains("[price]").contains("DIRECT");

        String spec = SPEC.formatted("DIRECT", "\"price\"");
        JsonNode started = start(name, spec);
        assertThat(started.get("failed").asInt()).as("every member reads a price").isZero();
        JsonNode runSeries = started.get("spec").get("covariates").get("series").get(0);
        assertThat(runSeries.get("name").asString()).isEqualTo("price");
        assertThat(runSeries.get("kind").isNull()).as("each member reads its own kind").isTrue();

        JsonNode done = awaitRun(started.get("id").asLong());
        Map<String, JsonNode> lines = byMember(done);
        for (String member : List.of("a", "b", "own")) {
            assertThat(lines.get(member).get("status").asString()).as(lines.get(member).toString())
                    .isEqualTo("SUCCEEDED");
        }
        assertThat(kindRead(lines.get("a"))).isEqualTo("KNOWN_FUTURE");
        assertThat(kindRead(lines.get("b"))).isEqualTo("KNOWN_FUTURE");
        assertThat(kindRead(lines.get("own"))).as("its own declaration wins").isEqualTo("PAST_ONLY");
        // the collection's price has every value; only holey's own lacks one, so its child read its own
        JsonNode hole = lines.get("holey");
        assertThat(hole.get("status").asString()).isEqualTo("FAILED");
        assertThat(hole.get("errorMessage").asString()).contains("'price'")
                .contains(FIRST.plusSeconds(3600L * HOLE).toString());

        // a single-series training of the member with the same spec reads the same covariate the same way
        JsonNode single = api.awaitJobStatus(api.startTraining(ids.get("own"), spec), PATIENCE, "SUCCEEDED",
                "FAILED");
        assertThat(single.get("status").asString()).as(single.toString()).isEqualTo("SUCCEEDED");
        JsonNode singleModel = api.json(api.get("/api/v1/models/" + single.get("modelId").asLong()));
        JsonNode childModel = model(lines.get("own"));
        assertThat(childModel.get("spec")).isEqualTo(singleModel.get("spec"));
        assertThat(childModel.get("evaluation").get("model").get("mae").asDouble())
                .isEqualTo(singleModel.get("evaluation").get("model").get("mae").asDouble());
    }

    @Test
    void aMemberWithoutTheCovariateFailsItsChildAndOneNoMemberHasRefusesTheRun() throws Exception {
        String name = collection(List.of("x", "y"));
        Map<String, Long> ids = memberIds(name);
        String own = "/api/v1/series/" + ids.get("x") + "/covariates/price";
        declare(own, "KNOWN_FUTURE");
        fill(own, POINTS + HORIZON, -1, 0);

        HttpResponse<String> unknown = runs(name, SPEC.formatted("DIRECT", "\"price\", \"nosuch\""));
        assertProblem(unknown, 400, "invalid-field");
        assertThat(api.json(unknown).get("detail").asString()).contains("[nosuch]").doesNotContain("price");
        assertProblem(runs(name, "{\"mode\": \"TRAIN\", \"spec\": {\"covariates\": {\"series\": [\"price\"], "
                + "\"labels\": [\"region\"]}}}"), 400, "invalid-field");
        assertThat(api.json(api.get("/api/v1/collections/" + name + "/runs")).size()).as("nothing stored").isZero();

        JsonNode started = start(name, SPEC.formatted("DIRECT", "\"price\""));
        assertThat(started.get("failed").asInt()).as("y fails at once").isEqualTo(1);
        Map<String, JsonNode> lines = byMember(awaitRun(started.get("id").asLong()));
        assertThat(lines.get("x").get("status").asString()).as(lines.get("x").toString()).isEqualTo("SUCCEEDED");
        assertThat(kindRead(lines.get("x"))).isEqualTo("KNOWN_FUTURE");
        JsonNode lacking = lines.get("y");
        assertThat(lacking.get("status").asString()).isEqualTo("FAILED");
        assertThat(lacking.get("errorMessage").asString()).contains("series " + ids.get("y"))
                .contains("no covariate 'price'");
        assertThat(lacking.get("modelId").isNull()).isTrue();
    }

    /** A PT1H collection whose members each have {@code POINTS} points of a sine. */
    private String collection(List<String> members) throws Exception {
        String name = "covruns-" + UUID.randomUUID();
        HttpResponse<String> created = api.post("/api/v1/collections", JSON,
                "{\"name\": \"" + name + "\", \"frequency\": \"PT1H\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (String member : members) {
            for (int i = 0; i < POINTS; i++) {
                csv.append(member).append(',').append(hour(i)).append(',').append(Math.sin(i / 4.0) + member.length())
                        .append('\n');
            }
        }
        HttpResponse<String> stored = api.post("/api/v1/collections/" + name + "/points", "text/csv", csv.toString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        return name;
    }

    private Map<String, Long> memberIds(String collection) throws Exception {
        JsonNode page = api.json(api.get("/api/v1/series?collection=" + collection));
        Map<String, Long> ids = new HashMap<>();
        // a member's name is the collection's, a slash, and its unique id
        (page.has("items") ? page.get("items") : page.get("content")).forEach(member -> ids.put(
                member.get("name").asString().substring(collection.length() + 1), member.get("id").asLong()));
        return ids;
    }

    private void declare(String covariate, String kind) throws Exception {
        HttpResponse<String> declared = api.send("PUT", covariate, JSON, "{\"kind\": \"" + kind + "\"}");
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
    }

    /** {@code count} hourly values of a cosine from the first point, plus {@code level}; none at step {@code hole}. */
    private void fill(String covariate, int count, int hole, double level) throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < count; i++) {
            if (i != hole) {
                csv.append(hour(i)).append(',').append(level + Math.cos(i / 3.0)).append('\n');
            }
        }
        HttpResponse<String> stored = api.post(covariate + "/points", "text/csv", csv.toString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    }

    private HttpResponse<String> runs(String collection, String spec) throws Exception {
        String body = spec.startsWith("{\"mode\"") ? spec : "{\"mode\": \"TRAIN\", \"spec\": " + spec + "}";
        return api.post("/api/v1/collections/" + collection + "/runs", JSON, body);
    }

    private JsonNode start(String collection, String spec) throws Exception {
        HttpResponse<String> accepted = runs(collection, spec);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return api.json(accepted);
    }

    private JsonNode awaitRun(long id) throws Exception {
        return Await.until("run " + id, PATIENCE, Duration.ofMillis(250),
                () -> api.json(api.get("/api/v1/collection-runs/" + id)),
                run -> run.get("status").asString().equals("COMPLETED"));
    }

    private JsonNode model(JsonNode line) throws Exception {
        return api.json(api.get("/api/v1/models/" + line.get("modelId").asLong()));
    }

    /** The kind the member's model read its price as. */
    private String kindRead(JsonNode line) throws Exception {
        JsonNode covariates = model(line).get("spec").get("covariates");
        assertThat(covariates.get("columns").toString()).isEqualTo("[\"price\"]");
        return covariates.get("series").get(0).get("kind").asString();
    }

    private static Map<String, JsonNode> byMember(JsonNode run) {
        Map<String, JsonNode> lines = new HashMap<>();
        run.get("members").forEach(line -> lines.put(line.get("uniqueId").asString(), line));
        return lines;
    }

    private static Instant hour(int i) {
        return FIRST.plusSeconds(3600L * i);
    }

    private void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        assertThat(api.json(response).get("type").asString()).isEqualTo("urn:tsforge:problem:" + type);
    }
}
