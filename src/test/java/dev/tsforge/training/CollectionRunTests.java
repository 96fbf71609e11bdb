package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.Await;
import dev.tsforge.support.HttpApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Collection runs over real HTTP on H2: progress and the summary table, a member too short to train failing its child
 * and not the run, cancel, a request overtaking a collection's waiting children, the run as one request to the
 * queue's capacity, and the errors as problem details. One child in JobRunr at a time, two requests of capacity.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tsforge.training.children-in-flight=1", "tsforge.training.concurrency=1",
        "tsforge.training.queue-capacity=1"})
@ActiveProfiles("test")
class CollectionRunTests {

    private static final String JSON = "application/json";
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final String TINY = "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], \"lookback\": 8, "
            + "\"horizon\": 4, \"epochs\": %d, \"validationFraction\": 0, \"earlyStoppingPatience\": 0}";
    private static final int POINTS = 120;

    @LocalServerPort
    int port;

    HttpApi api;

    @BeforeEach
    void client() {
        api = HttpApi.localhost(port);
    }

    /** A PT1H collection; each member gets {@code POINTS} points of a sine, or as many as {@code lengths} says. */
    private String collection(Map<String, String> groups, Map<String, Integer> lengths) throws Exception {
        String name = "runs-" + UUID.randomUUID();
        HttpResponse<String> created = api.post("/api/v1/collections", JSON,
                "{\"name\": \"" + name + "\", \"frequency\": \"PT1H\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        StringBuilder labels = new StringBuilder("{");
        for (String member : groups.keySet()) {
            for (int i = 0; i < lengths.getOrDefault(member, POINTS); i++) {
                csv.append(member).append(',').append(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * i))
                        .append(',').append(Math.sin(i / 4.0) + member.length()).append('\n');
            }
            labels.append(labels.length() > 1 ? "," : "").append('"').append(member).append("\": {\"group\": \"")
                    .append(groups.get(member)).append("\"}");
        }
        HttpResponse<String> stored = api.post("/api/v1/collections/" + name + "/points", "text/csv", csv.toString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        HttpResponse<String> labelled = api.send("PUT", "/api/v1/collections/" + name + "/labels", JSON,
                labels.append('}').toString());
        assertThat(labelled.statusCode()).as(labelled.body()).isIn(200, 204);
        return name;
    }

    private JsonNode start(String collection, String body) throws Exception {
        HttpResponse<String> accepted = api.post("/api/v1/collections/" + collection + "/runs", JSON, body);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode run = api.json(accepted);
        assertThat(accepted.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/api/v1/collection-runs/"
                        + run.get("id").asLong()));
        return run;
    }

    private JsonNode run(long id) throws Exception {
        return api.json(api.get("/api/v1/collection-runs/" + id));
    }

    private JsonNode awaitRun(long id, String status) throws Exception {
        return Await.until("run " + id, PATIENCE, Duration.ofMillis(250), () -> run(id),
                run -> run.get("status").asString().equals(status));
    }

    private static Map<String, JsonNode> byMember(JsonNode run) {
        Map<String, JsonNode> lines = new HashMap<>();
        run.get("members").forEach(line -> lines.put(line.get("uniqueId").asString(), line));
        return lines;
    }

    @Test
    void aRunTrainsTheSelectedMembersAndATooShortOneFailsItsChildNotTheRun() throws Exception {
        String name = collection(Map.of("a1", "a", "a2", "a", "short", "a", "b1", "b"), Map.of("short", 6));
        JsonNode started = start(name, "{\"mode\": \"TRAIN\", \"spec\": " + TINY.formatted(5)
                + ", \"label\": [\"group:a\"]}");
        assertThat(started.get("status").asString()).isEqualTo("RUNNING");
        assertThat(started.get("total").asInt()).as("b1 is not selected").isEqualTo(3);
        assertThat(started.get("failed").asInt()).as("the short member fails at once").isEqualTo(1);
        assertThat(started.get("label").get(0).asString()).isEqualTo("group:a");
        assertThat(started.get("spec").get("epochs").asInt()).isEqualTo(5);

        JsonNode done = awaitRun(started.get("id").asLong(), "COMPLETED");
        assertThat(done.get("succeeded").asInt()).isEqualTo(2);
        assertThat(done.get("failed").asInt()).isEqualTo(1);
        assertThat(done.get("done").asInt()).isEqualTo(3);
        assertThat(done.get("queued").asInt() + done.get("running").asInt()).isZero();
        assertThat(done.get("finishedAt").isNull()).isFalse();
        Map<String, JsonNode> lines = byMember(done);
        assertThat(lines).containsOnlyKeys("a1", "a2", "short");
        JsonNode shortLine = lines.get("short");
        assertThat(shortLine.get("status").asString()).isEqualTo("FAILED");
        assertThat(shortLine.get("errorMessage").asString()).startsWith("The series has 6 points; this needs at least");
        assertThat(shortLine.get("modelId").isNull()).isTrue();
        for (String member : new String[] {"a1", "a2"}) {
            JsonNode line = lines.get(member);
            assertThat(line.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(line.get("holdoutMase").asDouble()).isFinite().isPositive();
            assertThat(line.get("seasonalNaiveMase").asDouble()).isFinite().isNotNegative();
            assertThat(line.get("promoted").isBoolean()).isTrue();
            // the child is an ordinary training job of the member, with the model the table names
            JsonNode child = api.json(api.get("/api/v1/training-jobs/" + line.get("jobId").asLong()));
            assertThat(child.get("seriesId").asLong()).isEqualTo(line.get("seriesId").asLong());
            assertThat(child.get("modelId").asLong()).isEqualTo(line.get("modelId").asLong());
            JsonNode model = api.json(api.get("/api/v1/models/" + line.get("modelId").asLong()));
            assertThat(model.get("champion").asBoolean()).isEqualTo(line.get("promoted").asBoolean());
        }

        JsonNode list = api.json(api.get("/api/v1/collections/" + name + "/runs"));
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).get("id").asLong()).isEqualTo(done.get("id").asLong());
        assertThat(list.get(0).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(list.get(0).has("members")).as("no summary tables in the list").isFalse();
        HttpResponse<String> again = api.post("/api/v1/collection-runs/" + done.get("id").asLong() + "/cancel", JSON,
                "");
        assertProblem(again, 409, "illegal-state");
    }

    @Test
    void anAutoRunSearchesEveryMemberWithinItsBudget() throws Exception {
        String name = collection(Map.of("s1", "x", "s2", "x", "tiny", "x"), Map.of("tiny", 6));
        JsonNode started = start(name, "{\"mode\": \"AUTO\", \"auto\": {\"horizon\": 4, \"budgetSeconds\": 10}}");
        assertThat(started.get("mode").asString()).isEqualTo("AUTO");
        assertThat(started.get("horizon").asInt()).isEqualTo(4);
        assertThat(started.get("budgetSeconds").asInt()).isEqualTo(10);
        assertThat(started.get("spec").isNull()).as("each AUTO child has its own spec").isTrue();

        JsonNode done = awaitRun(started.get("id").asLong(), "COMPLETED");
        Map<String, JsonNode> lines = byMember(done);
        assertThat(lines.get("tiny").get("status").asString()).isEqualTo("FAILED");
        assertThat(lines.get("tiny").get("errorMessage").asString()).contains("6 points; this needs at least 10")
                .contains("validation window");
        for (String member : new String[] {"s1", "s2"}) {
            JsonNode line = lines.get(member);
            assertThat(line.get("status").asString()).as(line.toString()).isEqualTo("SUCCEEDED");
            assertThat(line.get("holdoutMase").asDouble()).isFinite().isNotNegative();
            JsonNode child = api.json(api.get("/api/v1/training-jobs/" + line.get("jobId").asLong()));
            assertThat(child.get("outcome").asString()).as("the search's account").contains("The winner is a");
        }
    }

    @Test
    void cancelCancelsQueuedChildrenAtOnceAndTheRunEndsCancelled() throws Exception {
        String name = collection(Map.of("c1", "x", "c2", "x", "c3", "x"), Map.of());
        long id = start(name, "{\"mode\": \"TRAIN\", \"spec\": " + TINY.formatted(10_000) + "}").get("id").asLong();
        Await.until("a running child", PATIENCE, Duration.ofMillis(100), () -> run(id),
                run -> run.get("running").asInt() == 1);

        HttpResponse<String> cancelled = api.post("/api/v1/collection-runs/" + id + "/cancel", JSON, "");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isIn(200, 202);
        JsonNode asked = api.json(cancelled);
        assertThat(asked.get("cancelRequested").asBoolean()).isTrue();
        assertThat(asked.get("queued").asInt()).as("no child waits any more").isZero();

        JsonNode done = awaitRun(id, "CANCELLED");
        assertThat(done.get("cancelled").asInt()).isEqualTo(3);
        assertThat(done.get("succeeded").asInt() + done.get("failed").asInt()).isZero();
        byMember(done).values().forEach(line -> assertThat(line.get("status").asString()).isEqualTo("CANCELLED"));
        assertProblem(api.post("/api/v1/collection-runs/" + id + "/cancel", JSON, ""), 409, "illegal-state");
    }

    @Test
    void aRequestAfterACollectionRunWaitsForTheChildrenInFlightOnlyAndTheRunIsOneRequest() throws Exception {
        String name = collection(Map.of("q1", "x", "q2", "x", "q3", "x"), Map.of());
        long runId = start(name, "{\"mode\": \"TRAIN\", \"spec\": " + TINY.formatted(20) + "}").get("id").asLong();
        long seriesId = api.createSeries("alone-" + UUID.randomUUID(), "PT1H");
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < POINTS; i++) {
            csv.append(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * i)).append(',')
                    .append(Math.sin(i / 4.0)).append('\n');
        }
        api.ingestCsv(seriesId, csv.toString());
        // capacity 2: the run (three children) and this training are two requests; a third is refused
        long alone = api.startTraining(seriesId, TINY.formatted(20));
        HttpResponse<String> third = api.post("/api/v1/series/" + seriesId + "/trainings", JSON, TINY.formatted(20));
        assertProblem(third, 503, "queue-full");

        JsonNode single = api.awaitJobStatus(alone, PATIENCE, "SUCCEEDED");
        JsonNode done = awaitRun(runId, "COMPLETED");
        Instant aloneStarted = Instant.parse(single.get("startedAt").asString());
        int childrenBefore = 0;
        for (JsonNode line : done.get("members")) {
            JsonNode child = api.json(api.get("/api/v1/training-jobs/" + line.get("jobId").asLong()));
            if (Instant.parse(child.get("startedAt").asString()).isBefore(aloneStarted)) {
                childrenBefore++;
            }
        }
        assertThat(childrenBefore).as("the training asked for after the run waited for the one child in flight, "
                + "not the whole collection").isEqualTo(1);
    }

    @Test
    void badRequestsAreProblemDetailsAndStoreNothing() throws Exception {
        String name = collection(Map.of("v1", "x"), Map.of());
        String runs = "/api/v1/collections/" + name + "/runs";
        assertProblem(api.post(runs, JSON, "{}"), 400, "invalid-field");
        assertProblem(api.post(runs, JSON, "{\"mode\": \"SOMETIMES\"}"), 400, "malformed-request");
        assertProblem(api.post(runs, JSON, "{\"mode\": \"AUTO\", \"spec\": {}}"), 400, "invalid-field");
        assertProblem(api.post(runs, JSON, "{\"mode\": \"TRAIN\", \"auto\": {}}"), 400, "invalid-field");
        assertProblem(api.post(runs, JSON, "{\"mode\": \"TRAIN\", \"spec\": {\"hiddenSizes\": [0]}}"), 400,
                "invalid-field");
        assertProblem(api.post(runs, JSON, "{\"mode\": \"TRAIN\", \"spec\": {\"warmStartFrom\": 1}}"), 400,
                "invalid-field");
        assertProblem(api.post(runs, JSON, "{\"mode\": \"AUTO\", \"auto\": {\"budgetSeconds\": 1}}"), 400,
                "invalid-field");
        assertProblem(api.post(runs, JSON, "{\"mode\": \"TRAIN\", \"label\": [\"nocolon\"]}"), 400,
                "invalid-parameter");
        HttpResponse<String> empty = api.post(runs, JSON, "{\"mode\": \"TRAIN\", \"label\": [\"group:none\"]}");
        assertProblem(empty, 422, "empty-selection");
        assertThat(api.json(empty).get("collection").asString()).isEqualTo(name);
        assertProblem(api.post("/api/v1/collections/no-such-" + UUID.randomUUID() + "/runs", JSON,
                "{\"mode\": \"TRAIN\"}"), 404, "not-found");
        assertProblem(api.get("/api/v1/collection-runs/987654321"), 404, "not-found");
        assertProblem(api.post("/api/v1/collection-runs/987654321/cancel", JSON, ""), 404, "not-found");
        assertThat(api.json(api.get(runs)).size()).as("nothing stored").isZero();
    }

    private void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        assertThat(api.json(response).get("type").asString()).isEqualTo("urn:tsforge:problem:" + type);
    }
}
