package dev.tsforge.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.Await;
import dev.tsforge.support.DrivenPanel;
import dev.tsforge.support.PanelApi;
import dev.tsforge.support.Problems;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * A collection backtest of a spec reading covariate series, labels and the calendar, over real HTTP: on a seeded panel
 * whose members a shared known-future promotion flag drives, the global network backtested with the flag beats the
 * same network without it (mean MASE over the members, seeded); every input a collection's training takes is read by
 * the global and the local fits (a member whose own flag stops short is skipped, naming it); what a training of the
 * collection refuses, a backtest refuses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PanelBacktestCovariatesTests {

    private static final LocalDate START = LocalDate.parse("2024-01-01");
    private static final int LENGTH = 140;
    private static final int H = 7;
    private static final Duration PATIENCE = Duration.ofMinutes(6);

    @LocalServerPort
    int port;

    private static Map<String, Object> spec(int epochs, Map<String, Object> covariates) {
        Map<String, Object> spec = new LinkedHashMap<>(Map.of("architecture", "LSTM", "hiddenSizes", List.of(16),
                "lookback", 14, "horizon", H, "epochs", epochs, "batchSize", 32, "learningRate", 0.01,
                "validationFraction", 0.1, "earlyStoppingPatience", 5, "seed", 7));
        if (!covariates.isEmpty()) {
            spec.put("covariates", covariates);
        }
        return spec;
    }

    /** {@code members} of the panel, labelled, with its promotion flag shared by the collection (known ahead). */
    private PanelApi collection(DrivenPanel panel, int members) {
        PanelApi api = PanelApi.on(port, "bt-driven-" + UUID.randomUUID().toString().substring(0, 8), START);
        api.create();
        api.upload(panel.members(0, members));
        api.label(panel.members(0, members));
        String shared = "/api/v1/collections/" + api.collection() + "/covariates/promo";
        api.declare(shared, "KNOWN_FUTURE");
        api.uploadDaily(shared, panel.promotions(), LENGTH + DrivenPanel.FUTURE);
        return api;
    }

    private static JsonNode backtest(PanelApi api, Map<String, Object> body) throws Exception {
        ResponseEntity<JsonNode> accepted = api.post("/api/v1/collections/" + api.collection() + "/backtests", body);
        assertThat(accepted.getStatusCode()).as("%s", accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        URI location = accepted.getHeaders().getLocation();
        JsonNode job = Await.until("panel backtest " + location, PATIENCE, Duration.ofMillis(500),
                () -> api.http().get().uri(location).retrieve().body(JsonNode.class),
                polled -> !List.of("QUEUED", "RUNNING").contains(polled.get("status").asString()));
        assertThat(job.get("status").asString()).as("%s", job).isEqualTo("SUCCEEDED");
        return job.get("result");
    }

    private static JsonNode aggregate(JsonNode result, String method) {
        for (JsonNode row : result.get("aggregate")) {
            if (row.get("method").asString().equals(method)) {
                return row;
            }
        }
        throw new AssertionError("no " + method + " in " + result.get("aggregate"));
    }

    @Test
    void theSharedCovariateLowersTheGlobalNetworksBacktestError() throws Exception {
        int members = 8;
        PanelApi api = collection(new DrivenPanel(23, LENGTH, false, 0.35), members);
        Map<String, Object> settings = Map.of("folds", 2, "localNetworks", false, "references",
                List.of("SEASONAL_NAIVE"));
        Map<String, Object> without = new HashMap<>(settings);
        without.put("spec", spec(15, Map.of()));
        Map<String, Object> with = new HashMap<>(settings);
        with.put("spec", spec(15, Map.of("series", List.of("promo"))));
        JsonNode plain = backtest(api, without);
        JsonNode driven = backtest(api, with);
        double withMase = aggregate(driven, "GLOBAL").get("meanMase").asDouble();
        double withoutMase = aggregate(plain, "GLOBAL").get("meanMase").asDouble();
        System.out.printf("driven panel backtest, %d members x 2 folds: GLOBAL mean MASE with promo %.3f, without "
                + "%.3f (ratio %.2f); seasonal naive %.3f%n", members, withMase, withoutMase, withMase / withoutMase,
                aggregate(driven, "SEASONAL_NAIVE").get("meanMase").asDouble());
        assertThat(driven.get("members")).hasSize(members);
        assertThat(plain.get("members")).hasSize(members);
        assertThat(driven.get("failed")).isEmpty();
        // the references read no covariates: the same numbers in both
        assertThat(aggregate(driven, "SEASONAL_NAIVE").get("meanMase").asDouble())
                .isEqualTo(aggregate(plain, "SEASONAL_NAIVE").get("meanMase").asDouble());
        assertThat(withMase).isLessThan(0.7 * withoutMase);
    }

    @Test
    void everyInputACollectionTrainingTakesIsReadByTheGlobalAndTheLocalFits() throws Exception {
        DrivenPanel panel = new DrivenPanel(29, LENGTH, true, 0.35);
        PanelApi api = collection(panel, 5);
        // m4's own flag, which wins over the collection's, stops ten days before its last point: it is skipped
        String own = "/api/v1/series/" + api.memberId("m4") + "/covariates/promo";
        api.declare(own, "KNOWN_FUTURE");
        api.uploadDaily(own, panel.promotions(), LENGTH - 10);
        JsonNode result = backtest(api, Map.of("folds", 1, "references", List.of("NAIVE"), "spec", spec(2,
                Map.of("series", List.of("promo"), "labels", List.of("group"), "calendar", List.of("DAY_OF_WEEK")))));
        assertThat(result.get("failed")).as("%s", result).isEmpty();
        assertThat(result.get("skipped")).hasSize(1);
        assertThat(result.get("skipped").get(0).get("uniqueId").asString()).isEqualTo("m4");
        assertThat(result.get("skipped").get(0).get("reason").asString())
                .contains("'promo' has no value at [" + START.plusDays(LENGTH - 10) + "T00:00:00Z");
        assertThat(result.get("members")).hasSize(4);
        for (JsonNode member : result.get("members")) {
            for (String method : List.of("GLOBAL", "LOCAL")) {
                assertThat(member.get("scores").get(method).get("mase").asDouble()).as("%s %s", method, member)
                        .isFinite().isPositive();
            }
        }
    }

    @Test
    void whatACollectionsTrainingRefusesABacktestRefuses() throws Exception {
        PanelApi api = collection(new DrivenPanel(31, LENGTH, true, 0.35), 3);
        api.declare("/api/v1/collections/" + api.collection() + "/covariates/footfall", "PAST_ONLY");
        refused(api, Map.of("series", List.of("promo", "rain")), "covariates.series", "[rain]");
        refused(api, Map.of("series", List.of("footfall")), "covariates.series", "RECURSIVE");
        refused(api, Map.of("labels", List.of("dept")), "covariates.labels", "[dept]");
        refused(api, Map.of("calendar", List.of("HOUR_OF_DAY")), "covariates.calendar", "HOUR_OF_DAY");
        assertThat(api.get("/api/v1/collections/{c}/trainings", api.collection())).isEmpty();
    }

    private static void refused(PanelApi api, Map<String, Object> covariates, String field, String named) {
        ResponseEntity<JsonNode> refused = api.post("/api/v1/collections/" + api.collection() + "/backtests",
                Map.of("spec", spec(2, covariates)));
        assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(400);
        assertThat(refused.getBody().get("type").asString()).isEqualTo(Problems.PREFIX + "invalid-field");
        assertThat(refused.getBody().get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(refused.getBody().get("detail").asString()).contains(named);
    }
}
