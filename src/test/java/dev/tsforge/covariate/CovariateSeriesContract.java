package dev.tsforge.covariate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.HttpApi;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Covariate series over HTTP: declared with a kind, filled from JSON, CSV and long CSV (upserted, off-grid refused with
 * nothing stored), listed with counts and ranges, deleted; a collection's shared by its members unless a member has
 * its own. Runs on H2 ({@code CovariateSeriesTests}) and PostgreSQL ({@code PostgresCovariateSeriesTests}).
 */
abstract class CovariateSeriesContract {

    private static final String JSON = "application/json";

    @LocalServerPort
    int port;

    @Test
    void aSeriesCovariateIsDeclaredFilledUpsertedListedAndDeleted() throws Exception {
        HttpApi api = HttpApi.localhost(port);
        long id = api.createSeries("driven-" + UUID.randomUUID(), "P1D");
        String base = "/api/v1/series/" + id + "/covariates";

        HttpResponse<String> declared = put(api, base + "/temp", "{\"kind\": \"KNOWN_FUTURE\"}");
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        assertThat(declared.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(base
                + "/temp"));
        assertThat(put(api, base + "/temp", "{\"kind\": \"KNOWN_FUTURE\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> otherKind = put(api, base + "/temp", "{\"kind\": \"PAST_ONLY\"}");
        assertThat(otherKind.statusCode()).isEqualTo(409);
        assertThat(otherKind.body()).contains("KNOWN_FUTURE").contains("name-taken");
        assertThat(put(api, base + "/bad:name", "{\"kind\": \"PAST_ONLY\"}").statusCode()).isEqualTo(400);
        assertThat(put(api, base + "/rain", "{}").statusCode()).isEqualTo(400);
        assertThat(put(api, base + "/rain", "{\"kind\": \"PAST_ONLY\"}").statusCode()).isEqualTo(201);

        HttpResponse<String> json = api.post(base + "/temp/points", JSON, "[{\"timestamp\": \"2024-01-01\", "
                + "\"value\": 1.5}, {\"timestamp\": \"2024-01-02T00:00:00Z\", \"value\": 2.5}]");
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        assertThat(api.json(json).get("inserted").asInt()).isEqualTo(2);
        HttpResponse<String> csv = api.post(base + "/temp/points", "text/csv",
                "timestamp,value\n2024-01-02,3.5\n2024-01-03,4.5\n");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(api.json(csv).get("inserted").asInt()).isEqualTo(1);
        assertThat(api.json(csv).get("updated").asInt()).isEqualTo(1);

        HttpResponse<String> offGrid = api.post(base + "/temp/points", "text/csv",
                "timestamp,value\n2024-01-04,1\n2024-01-04T12:00:00Z,2\n");
        assertThat(offGrid.statusCode()).isEqualTo(400);
        assertThat(api.json(offGrid).get("errors").get(0).get("reason").asString()).isEqualTo("OFF_GRID");
        assertThat(api.json(offGrid).get("errors").get(0).get("line").asInt()).isEqualTo(3);

        HttpResponse<String> several = api.post(base, "text/csv",
                "name,timestamp,value\ntemp,2024-01-04,5.5\nrain,2024-01-01,0\nrain,2024-01-02,7\n");
        assertThat(several.statusCode()).as(several.body()).isEqualTo(200);
        assertThat(api.json(several).get("temp").get("inserted").asInt()).isEqualTo(1);
        assertThat(api.json(several).get("rain").get("inserted").asInt()).isEqualTo(2);
        HttpResponse<String> undeclared = api.post(base, "text/csv",
                "name,timestamp,value\ntemp,2024-01-05,6\nwind,2024-01-01,3\n");
        assertThat(undeclared.statusCode()).isEqualTo(404);
        assertThat(undeclared.body()).contains("wind");

        JsonNode list = api.json(api.get(base));
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("name").asString()).isEqualTo("rain");
        assertThat(list.get(0).get("kind").asString()).isEqualTo("PAST_ONLY");
        JsonNode temp = list.get(1);
        assertThat(temp.get("count").asInt()).as("the refused batches stored nothing").isEqualTo(4);
        assertThat(temp.get("first").asString()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(temp.get("last").asString()).isEqualTo("2024-01-04T00:00:00Z");
        JsonNode points = api.json(api.get(base + "/temp/points?from=2024-01-02&to=2024-01-03"));
        assertThat(points).hasSize(2);
        assertThat(points.get(0).get("value").asDouble()).isEqualTo(3.5);

        assertThat(api.send("DELETE", base + "/temp", null, null).statusCode()).isEqualTo(204);
        assertThat(api.get(base + "/temp").statusCode()).isEqualTo(404);
        assertThat(api.json(api.get(base))).hasSize(1);
        assertThat(api.get("/api/v1/series/999999/covariates").statusCode()).isEqualTo(404);
    }

    @Test
    void aCollectionsCovariateIsSharedByItsMembersUnlessAMemberHasItsOwn() throws Exception {
        HttpApi api = HttpApi.localhost(port);
        String collection = "stations-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/collections", JSON, "{\"name\": \"" + collection + "\", \"frequency\": "
                + "\"P1D\"}").statusCode()).isEqualTo(201);
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (int i = 1; i <= 28; i++) {
            csv.append("a,2024-02-").append(String.format("%02d", i)).append(",").append(i).append('\n');
            csv.append("b,2024-02-").append(String.format("%02d", i)).append(",").append(2 * i).append('\n');
        }
        HttpResponse<String> uploaded = api.post("/api/v1/collections/" + collection + "/points", "text/csv",
                csv.toString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        String shared = "/api/v1/collections/" + collection + "/covariates";
        assertThat(put(api, shared + "/rain", "{\"kind\": \"PAST_ONLY\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> offGrid = api.post(shared + "/rain/points", "text/csv",
                "timestamp,value\n2024-02-01T06:00:00Z,1\n");
        assertThat(offGrid.statusCode()).isEqualTo(400);
        assertThat(api.post(shared + "/rain/points", "text/csv", "timestamp,value\n2024-02-01,1\n")
                .statusCode()).isEqualTo(200);
        assertThat(api.json(api.get(shared)).get(0).get("shared").asBoolean()).isTrue();

        JsonNode members = api.json(api.get("/api/v1/series?collection=" + collection));
        long a = memberId(members, "a");
        long b = memberId(members, "b");
        // b declares its own rain, known ahead: it wins over the collection's for b alone
        assertThat(put(api, "/api/v1/series/" + b + "/covariates/rain", "{\"kind\": \"KNOWN_FUTURE\"}")
                .statusCode()).isEqualTo(201);

        JsonNode ofA = api.json(api.get("/api/v1/series/" + a + "/covariates"));
        assertThat(ofA).hasSize(1);
        assertThat(ofA.get(0).get("shared").asBoolean()).as("inherited from the collection").isTrue();
        assertThat(ofA.get(0).get("count").asInt()).isEqualTo(1);
        JsonNode ofB = api.json(api.get("/api/v1/series/" + b + "/covariates"));
        assertThat(ofB).hasSize(1);
        assertThat(ofB.get(0).get("shared").asBoolean()).as("its own").isFalse();
        assertThat(ofB.get(0).get("kind").asString()).isEqualTo("KNOWN_FUTURE");
        assertThat(api.get("/api/v1/series/" + a + "/covariates/rain").statusCode())
                .as("managed under the collection").isEqualTo(404);

        String recursive = "{\"strategy\": \"RECURSIVE\", \"lookback\": 7, \"horizon\": 3, \"covariates\": "
                + "{\"series\": [\"rain\"]}}";
        HttpResponse<String> sharedPastOnly = api.post("/api/v1/series/" + a + "/trainings", JSON, recursive);
        assertThat(sharedPastOnly.statusCode()).as(sharedPastOnly.body()).isEqualTo(400);
        assertThat(sharedPastOnly.body()).contains("[rain]").contains("RECURSIVE").contains("covariates.series");
        HttpResponse<String> ownKnownFuture = api.post("/api/v1/series/" + b + "/trainings", JSON, recursive);
        assertThat(ownKnownFuture.statusCode()).as("b's own rain has no values: " + ownKnownFuture.body())
                .isEqualTo(422);
        assertThat(api.json(ownKnownFuture).get("type").asString()).endsWith("missing-covariates");
        assertThat(api.json(ownKnownFuture).get("missing").get("rain").get(0).asString())
                .isEqualTo("2024-02-01T00:00:00Z");
        HttpResponse<String> unknown = api.post("/api/v1/series/" + a + "/trainings", JSON,
                "{\"covariates\": {\"series\": [\"wind\"]}}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("'wind'").contains("[rain]");
    }

    private static long memberId(JsonNode page, String uniqueId) {
        JsonNode items = page.has("items") ? page.get("items") : page.get("content");
        for (JsonNode item : items) {
            if (item.get("name").asString().endsWith("/" + uniqueId)) {
                return item.get("id").asLong();
            }
        }
        throw new AssertionError("no member " + uniqueId + " in " + page);
    }

    private static HttpResponse<String> put(HttpApi api, String path, String body) throws Exception {
        return api.send("PUT", path, JSON, body);
    }
}
