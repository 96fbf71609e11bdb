package dev.tsforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.DrivenPanel;
import dev.tsforge.support.PanelApi;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A global network reading a collection's shared covariate series and its members' labels (issues #24 and #19), over
 * real HTTP: refusals at submission, each member reading its own covariate of a name over the collection's, forecasts
 * of a member, of the whole collection streamed and of a series sent as values with its labels and covariates, and the
 * 422 naming a member's missing known-future values. Runs on H2 ({@code GlobalInputsTests}, which also measures
 * the models with and without) and PostgreSQL ({@code PostgresGlobalInputsTests}).
 */
abstract class GlobalInputsContract {

    static final LocalDate START = LocalDate.parse("2024-01-01");
    static final int LENGTH = 140;
    static final int HORIZON = 7;
    static final int LOOKBACK = 14;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    static Map<String, Object> spec(int epochs, List<String> series, List<String> labels) {
        Map<String, Object> spec = new LinkedHashMap<>(Map.of("architecture", "LSTM", "hiddenSizes", List.of(16),
                "lookback", LOOKBACK, "horizon", HORIZON, "epochs", epochs, "batchSize", 32, "learningRate", 0.01,
                "validationFraction", 0.1, "earlyStoppingPatience", 5, "seed", 7));
        Map<String, Object> covariates = new HashMap<>();
        if (!series.isEmpty()) {
            covariates.put("series", series);
        }
        if (!labels.isEmpty()) {
            covariates.put("labels", labels);
        }
        if (!covariates.isEmpty()) {
            spec.put("covariates", covariates);
        }
        return spec;
    }

    /** A collection of {@code members} of {@code panel}, labelled, with the panel's promotions as its shared covariate. */
    static PanelApi collection(int port, DrivenPanel panel, int members) {
        PanelApi api = PanelApi.on(port, "driven-" + UUID.randomUUID().toString().substring(0, 8), START);
        api.create();
        api.upload(panel.members(0, members));
        api.label(panel.members(0, members));
        String shared = "/api/v1/collections/" + api.collection() + "/covariates";
        declare(api, shared + "/promo", "KNOWN_FUTURE");
        upload(api, shared + "/promo", panel.promotions(), LENGTH + DrivenPanel.FUTURE);
        return api;
    }

    static void declare(PanelApi api, String path, String kind) {
        api.declare(path, kind);
    }

    static void upload(PanelApi api, String path, double[] values, int days) {
        api.uploadDaily(path, values, days);
    }

    static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(node -> strings.add(node.asString()));
        return strings;
    }

    static List<Double> slice(double[] values, int from, int to) {
        return Arrays.stream(values, from, to).boxed().toList();
    }

    @Test
    void aGlobalModelReadsEachMembersCovariatesAndLabels() throws Exception {
        DrivenPanel panel = new DrivenPanel(11, LENGTH, true, 0.35);
        PanelApi api = collection(port, panel, 8);
        String trainings = "/api/v1/collections/" + api.collection() + "/trainings";
        long m0 = api.memberId("m0");
        // m0's own promo (which wins over the collection's) stops at its last point: nothing known ahead
        declare(api, "/api/v1/series/" + m0 + "/covariates/promo", "KNOWN_FUTURE");
        upload(api, "/api/v1/series/" + m0 + "/covariates/promo", panel.promotions(), LENGTH);
        // m7's own stops halfway through its points: it is left out of training, the reason in the outcome
        long m7 = api.memberId("m7");
        declare(api, "/api/v1/series/" + m7 + "/covariates/promo", "KNOWN_FUTURE");
        upload(api, "/api/v1/series/" + m7 + "/covariates/promo", panel.promotions(), LENGTH / 2);
        declare(api, "/api/v1/collections/" + api.collection() + "/covariates/footfall", "PAST_ONLY");
        declare(api, "/api/v1/series/" + api.memberId("m5") + "/covariates/price", "KNOWN_FUTURE");
        declare(api, "/api/v1/series/" + api.memberId("m6") + "/covariates/price", "PAST_ONLY");

        ResponseEntity<JsonNode> unknown = api.post(trainings, spec(2, List.of("promo", "rain"), List.of()));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().get("detail").asString()).contains("[rain]").contains(api.collection());
        ResponseEntity<JsonNode> pastOnly = api.post(trainings, spec(2, List.of("footfall"), List.of()));
        assertThat(pastOnly.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(pastOnly.getBody().get("detail").asString()).contains("[footfall]").contains("RECURSIVE");
        ResponseEntity<JsonNode> twoKinds = api.post(trainings, spec(2, List.of("price"), List.of()));
        assertThat(twoKinds.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(twoKinds.getBody().get("detail").asString()).contains("'price'").contains("PAST_ONLY")
                .contains("KNOWN_FUTURE");
        ResponseEntity<JsonNode> noSuchLabel = api.post(trainings, spec(2, List.of(), List.of("dept")));
        assertThat(noSuchLabel.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noSuchLabel.getBody().get("detail").asString()).contains("[dept]").contains("[group]");
        ResponseEntity<JsonNode> oneSeries = api.post("/api/v1/series/" + m0 + "/trainings",
                spec(2, List.of(), List.of("group")));
        assertThat(oneSeries.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(oneSeries.getBody().get("errors").get(0).get("field").asString()).isEqualTo("covariates.labels");

        JsonNode job = api.train(trainings, spec(6, List.of("promo"), List.of("group")));
        long modelId = job.get("modelId").asLong();
        JsonNode model = api.get("/api/v1/models/{id}", modelId);
        JsonNode covariates = model.get("spec").get("covariates");
        assertThat(covariates.get("series").get(0).get("kind").asString()).isEqualTo("KNOWN_FUTURE");
        assertThat(covariates.get("labels").get(0).get("key").asString()).isEqualTo("group");
        assertThat(strings(covariates.get("labels").get(0).get("values")))
                .containsExactly("gains", "loses");
        assertThat(strings(covariates.get("columns")))
                .containsExactly("promo", "label.group.0", "label.group.1", "label.group.other");
        assertThat(model.get("global").get("members").asInt()).as("all but m7").isEqualTo(7);
        assertThat(job.get("outcome").asString()).contains("1 member(s) left out: m7: ")
                .contains("'promo' has no value at [" + START.plusDays(LENGTH / 2) + "T00:00:00Z");
        for (JsonNode scored : api.get("/api/v1/models/{id}/members", modelId)) {
            JsonNode effect = scored.get("covariateEffects").get(0);
            assertThat(effect.get("covariate").asString()).isEqualTo("promo");
            assertThat(effect.get("permutedMae").asDouble()).isFinite().isPositive();
        }

        // a member: its promo over the horizon from the collection's
        long m1 = api.memberId("m1");
        ResponseEntity<JsonNode> member = api.post("/api/v1/forecasts", Map.of("seriesId", m1, "modelId", modelId,
                "horizon", HORIZON));
        assertThat(member.getStatusCode()).as("%s", member.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(member.getBody().get("points").get(0).get("timestamp").asString())
                .isEqualTo(START.plusDays(LENGTH) + "T00:00:00Z");
        // m0's own promo has nothing ahead: the 422 names it and the first forecast days
        ResponseEntity<JsonNode> missing = api.post("/api/v1/forecasts", Map.of("seriesId", m0, "modelId", modelId,
                "horizon", HORIZON));
        assertThat(missing.getStatusCode().value()).isEqualTo(422);
        assertThat(missing.getBody().get("type").asString()).endsWith("missing-covariates");
        assertThat(missing.getBody().get("missing").get("promo").get(0).asString())
                .isEqualTo(START.plusDays(LENGTH) + "T00:00:00Z");

        // the collection streamed: m0 and m7 with their problems, the others as their single forecasts
        String stream = api.http().post().uri("/api/v1/collections/{c}/forecasts", api.collection())
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.parseMediaType("application/x-ndjson"))
                .body(Map.of("horizon", HORIZON, "model", modelId)).retrieve().body(String.class);
        List<JsonNode> lines = stream.lines().map(JSON::readTree).toList();
        assertThat(lines).hasSize(8);
        for (JsonNode line : lines) {
            if (line.get("seriesId").asLong() == m0 || line.get("seriesId").asLong() == m7) {
                assertThat(line.get("problem").get("type").asString()).endsWith("missing-covariates");
            } else {
                assertThat(line.get("mean").size()).as("%s", line).isEqualTo(HORIZON);
            }
            if (line.get("seriesId").asLong() == m1) {
                for (int h = 0; h < HORIZON; h++) {
                    assertThat(line.get("mean").get(h).asDouble())
                            .isEqualTo(member.getBody().get("points").get(h).get("value").asDouble());
                }
            }
        }

        // a series it never saw, sent as values with its covariate's history and future and its labels
        double[] unseen = panel.all(9);
        double[] promotions = panel.promotions();
        Map<String, Object> sent = new HashMap<>(Map.of("modelId", modelId, "horizon", HORIZON,
                "values", slice(unseen, LENGTH - 2 * LOOKBACK, LENGTH),
                "lastTimestamp", START.plusDays(LENGTH - 1) + "T00:00:00Z",
                "covariateHistory", Map.of("promo", slice(promotions, LENGTH - 2 * LOOKBACK, LENGTH)),
                "covariates", Map.of("promo", slice(promotions, LENGTH, LENGTH + HORIZON)),
                "labels", Map.of("group", "loses")));
        ResponseEntity<JsonNode> fromValues = api.post("/api/v1/forecasts", sent);
        assertThat(fromValues.getStatusCode()).as("%s", fromValues.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(fromValues.getBody().get("points").get(HORIZON - 1).get("value").asDouble()).isFinite();
        sent.remove("covariates");
        ResponseEntity<JsonNode> noFuture = api.post("/api/v1/forecasts", sent);
        assertThat(noFuture.getStatusCode().value()).isEqualTo(422);
        assertThat(noFuture.getBody().get("missing").get("promo").get(0).asString())
                .isEqualTo(START.plusDays(LENGTH) + "T00:00:00Z");
    }
}
