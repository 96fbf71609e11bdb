package dev.tsforge.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.HttpApi;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The retraining-policy resources over real HTTP: a series' policy wins over its collection's and deleting it
 * restores the collection's; invalid policies are 400s naming the field and store nothing; unknown series and
 * collections are 404s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RetrainingPolicyApiTests {

    private static final String JSON = "application/json";

    @LocalServerPort
    int port;
    @Autowired
    RetrainingRepository states;
    @Autowired
    RetrainingPolicies policies;

    private HttpApi api;

    @BeforeEach
    void client() {
        api = HttpApi.localhost(port);
    }

    private HttpResponse<String> put(String path, String body) throws Exception {
        return api.send("PUT", path, JSON, body);
    }

    private JsonNode policy(long series) throws Exception {
        HttpResponse<String> response = api.get("/api/v1/series/" + series + "/retraining-policy");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return api.json(response);
    }

    @Test
    void aSeriesPolicyWinsOverItsCollectionsAndDeletingItRestoresTheCollections() throws Exception {
        assertThat(api.post("/api/v1/collections", JSON, "{\"name\": \"retrain-shops\", \"frequency\": \"PT1H\"}")
                .statusCode()).isEqualTo(201);
        assertThat(api.post("/api/v1/collections/retrain-shops/points", "text/csv",
                "unique_id,ds,y\na,2024-01-01T00:00:00Z,1\n").statusCode()).isEqualTo(200);
        long member = api.json(api.get("/api/v1/series?collection=retrain-shops")).get("items").get(0).get("id")
                .asLong();
        assertThat(api.get("/api/v1/series/" + member + "/retraining-policy").statusCode()).isEqualTo(404);
        HttpResponse<String> collection = put("/api/v1/collections/retrain-shops/retraining-policy",
                "{\"trigger\": \"SCHEDULE\", \"cron\": \"0 3 * * *\"}");
        assertThat(collection.statusCode()).as(collection.body()).isEqualTo(200);
        assertThat(api.json(collection).get("cron").asString()).as("five fields fire at second 0")
                .isEqualTo("0 0 3 * * *");
        assertThat(policy(member).get("scope").asString()).isEqualTo("COLLECTION");
        assertThat(put("/api/v1/series/" + member + "/retraining-policy", "{\"trigger\": \"ON_DRIFT\"}").statusCode())
                .isEqualTo(200);
        assertThat(policy(member).get("scope").asString()).isEqualTo("SERIES");
        assertThat(policy(member).get("trigger").asString()).isEqualTo("ON_DRIFT");
        assertThat(api.send("DELETE", "/api/v1/series/" + member + "/retraining-policy", null, null).statusCode())
                .isEqualTo(204);
        assertThat(policy(member).get("trigger").asString()).isEqualTo("SCHEDULE");
        assertThat(api.send("DELETE", "/api/v1/series/" + member + "/retraining-policy", null, null).statusCode())
                .as("no policy of its own left").isEqualTo(404);
        assertThat(api.send("DELETE", "/api/v1/collections/retrain-shops/retraining-policy", null, null)
                .statusCode()).isEqualTo(204);
        assertThat(api.get("/api/v1/collections/retrain-shops/retraining-policy").statusCode()).isEqualTo(404);
    }

    /**
     * A collection's AFTER_POINTS policy starts every member's count afresh from its stored points in two statements:
     * a member counted before is moved to today's count, one never counted gets a state; its targets leave out the
     * member with a policy of its own.
     */
    @Test
    void aCollectionPolicyStartsEveryMembersCountAndTargetsTheMembersWithoutTheirOwn() throws Exception {
        assertThat(api.post("/api/v1/collections", JSON, "{\"name\": \"retrain-counts\", \"frequency\": \"PT1H\"}")
                .statusCode()).isEqualTo(201);
        assertThat(api.post("/api/v1/collections/retrain-counts/points", "text/csv", """
                unique_id,ds,y
                a,2024-01-01T00:00:00Z,1
                a,2024-01-01T01:00:00Z,2
                a,2024-01-01T02:00:00Z,3
                b,2024-01-01T00:00:00Z,1
                c,2024-01-01T00:00:00Z,1
                c,2024-01-01T01:00:00Z,1
                """).statusCode()).isEqualTo(200);
        Map<String, Long> ids = new HashMap<>();
        api.json(api.get("/api/v1/series?collection=retrain-counts")).get("items")
                .forEach(item -> ids.put(item.get("uniqueId").asString(), item.get("id").asLong()));
        states.state(ids.get("a"), 1);
        assertThat(states.state(ids.get("a"), 99).pointsSeen()).as("counted before, at 1").isEqualTo(1);
        assertThat(put("/api/v1/series/" + ids.get("c") + "/retraining-policy", "{\"trigger\": \"ON_DRIFT\"}")
                .statusCode()).isEqualTo(200);

        HttpResponse<String> set = put("/api/v1/collections/retrain-counts/retraining-policy",
                "{\"trigger\": \"AFTER_POINTS\", \"points\": 10}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

        assertThat(states.state(ids.get("a"), 99).pointsSeen()).as("moved to its stored count").isEqualTo(3);
        assertThat(states.state(ids.get("b"), 99).pointsSeen()).as("created at its stored count").isEqualTo(1);
        RetrainingPolicy collection = policies.applying(ids.get("a")).orElseThrow();
        assertThat(policies.targets(collection)).containsExactlyInAnyOrder(ids.get("a"), ids.get("b"));
        assertThat(policies.anyWith(RetrainingTrigger.AFTER_POINTS)).isTrue();
        assertThat(api.send("DELETE", "/api/v1/collections/retrain-counts/retraining-policy", null, null)
                .statusCode()).isEqualTo(204);
    }

    @Test
    void invalidPoliciesAreRefusedNamingTheField() throws Exception {
        long series = api.createSeries("retrain-invalid-" + System.nanoTime(), "PT1H");
        String path = "/api/v1/series/" + series + "/retraining-policy";
        assertInvalid(put(path, "{\"trigger\": \"SCHEDULE\", \"cron\": \"0 0 25 * * *\"}"), "cron");
        assertInvalid(put(path, "{\"trigger\": \"SCHEDULE\", \"cron\": \"whenever\"}"), "cron");
        assertInvalid(put(path, "{\"trigger\": \"SCHEDULE\"}"), "cron");
        assertInvalid(put(path, "{\"trigger\": \"AFTER_POINTS\", \"points\": 0}"), "points");
        assertInvalid(put(path, "{\"trigger\": \"AFTER_POINTS\"}"), "points");
        assertInvalid(put(path, "{\"trigger\": \"ON_DRIFT\", \"points\": 5}"), "points");
        assertInvalid(put(path, "{\"trigger\": \"ON_DRIFT\", \"cron\": \"0 0 3 * * *\"}"), "cron");
        assertInvalid(put(path, "{}"), "trigger");

        HttpResponse<String> unknown = put(path, "{\"trigger\": \"HOURLY\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(api.json(unknown).get("detail").asString()).contains("$.trigger", "ON_DRIFT");
        HttpResponse<String> start = put(path, "{\"trigger\": \"ON_DRIFT\", \"start\": \"LUKEWARM\"}");
        assertThat(start.statusCode()).isEqualTo(400);
        assertThat(api.json(start).get("detail").asString()).contains("$.start");

        assertThat(api.get(path).statusCode()).as("nothing stored").isEqualTo(404);
        assertThat(put("/api/v1/series/999999999/retraining-policy", "{\"trigger\": \"ON_DRIFT\"}").statusCode())
                .isEqualTo(404);
        assertThat(put("/api/v1/collections/no-such/retraining-policy", "{\"trigger\": \"ON_DRIFT\"}").statusCode())
                .isEqualTo(404);
    }

    private void assertInvalid(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = api.json(response);
        assertThat(problem.get("type").asString()).endsWith("invalid-field");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
    }
}
