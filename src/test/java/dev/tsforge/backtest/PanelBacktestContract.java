package dev.tsforge.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tsforge.support.Await;
import dev.tsforge.support.PanelApi;
import dev.tsforge.support.Problems;
import dev.tsforge.support.SyntheticPanel;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The panel backtest over real HTTP on a synthetic panel (shared weekly season, levels and scales of their own,
 * noise, gaps in the older half): the job's life (202, Location, progress, SUCCEEDED), every member scored by the
 * global and the local network and the references, the aggregate as the mean of the member rows with Naive2's OWA 1,
 * one member's seasonal naive checked by hand, a member too short listed as skipped, cancel, and the refusals. Run on
 * H2 ({@link PanelBacktestTests}) and PostgreSQL ({@link PostgresPanelBacktestTests}). Tiny networks: what is tested
 * is the bookkeeping and the arithmetic, not the accuracy (bench/panel-backtest.sh measures that).
 */
abstract class PanelBacktestContract {

    private static final SyntheticPanel PANEL = new SyntheticPanel(11, 7, 120, 0.1, 4);
    private static final int MEMBERS = 6;
    private static final int FOLDS = 2;
    private static final int H = 7;
    private static final double TOLERANCE = 1e-9;
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    @LocalServerPort
    int port;

    private static Map<String, Object> spec(int epochs) {
        Map<String, Object> spec = new HashMap<>();
        spec.put("architecture", "SIMPLE_RNN");
        spec.put("hiddenSizes", List.of(8));
        spec.put("lookback", 14);
        spec.put("horizon", H);
        spec.put("epochs", epochs);
        spec.put("batchSize", 64);
        spec.put("validationFraction", 0);
        spec.put("earlyStoppingPatience", 0);
        spec.put("seed", 3);
        return spec;
    }

    /** A daily collection of the panel's first members and one member too short for the folds. */
    private PanelApi panel() {
        PanelApi api = PanelApi.on(port, "bt-" + UUID.randomUUID(), LocalDate.parse("2024-01-01"));
        api.create();
        List<SyntheticPanel.Member> members = new ArrayList<>(PANEL.members(0, MEMBERS));
        members.add(new SyntheticPanel.Member("short", Arrays.copyOfRange(PANEL.member(99).values(), 90, 120),
                Map.of("group", "odd")));
        api.upload(members);
        api.label(members);
        return api;
    }

    private JsonNode await(PanelApi api, URI job, String status) throws Exception {
        return Await.until("panel backtest " + job, PATIENCE, Duration.ofMillis(300),
                () -> api.http().get().uri(job).retrieve().body(JsonNode.class),
                polled -> polled.get("status").asString().equals(status));
    }

    @Test
    void everyMemberIsScoredByEveryMethodAndTheAggregateIsTheMeanOfTheRows() throws Exception {
        PanelApi api = panel();
        ResponseEntity<JsonNode> accepted = api.post("/api/v1/collections/" + api.collection() + "/backtests",
                Map.of("spec", spec(3), "folds", FOLDS));
        assertThat(accepted.getStatusCode()).as("%s", accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        URI location = accepted.getHeaders().getLocation();
        assertThat(location.toString()).endsWith("/api/v1/panel-backtest-jobs/" + accepted.getBody().get("id"));
        assertThat(accepted.getBody().get("settings").get("horizon").asInt()).isEqualTo(H);
        assertThat(accepted.getBody().get("spec").get("normalization").asString()).isEqualTo("WINDOW");

        JsonNode job = await(api, location, "SUCCEEDED");
        assertThat(job.get("fitsDone").asInt()).isEqualTo(job.get("fitsTotal").asInt())
                .isEqualTo(FOLDS * (1 + MEMBERS));
        JsonNode result = job.get("result");
        List<String> methods = new ArrayList<>();
        result.get("methods").forEach(m -> methods.add(m.asString()));
        assertThat(methods).containsExactly("GLOBAL", "LOCAL", "SEASONAL_NAIVE", "ETS", "THETA", "NAIVE2");
        assertThat(result.get("skipped")).hasSize(1);
        assertThat(result.get("skipped").get(0).get("uniqueId").asString()).isEqualTo("short");
        assertThat(result.get("skipped").get(0).get("reason").asString()).startsWith("too short");
        assertThat(result.get("failed")).isEmpty();
        assertThat(result.get("members")).hasSize(MEMBERS);
        for (JsonNode member : result.get("members")) {
            assertThat(member.get("scores").propertyNames()).containsExactlyElementsOf(methods);
        }

        for (JsonNode summary : result.get("aggregate")) {
            String method = summary.get("method").asString();
            double smape = 0;
            double mase = 0;
            int globalBetter = 0;
            for (JsonNode member : result.get("members")) {
                JsonNode score = member.get("scores").get(method);
                smape += score.get("smape").asDouble() / MEMBERS;
                mase += score.get("mase").asDouble() / MEMBERS;
                globalBetter += member.get("scores").get("GLOBAL").get("mase").asDouble()
                        < score.get("mase").asDouble() ? 1 : 0;
            }
            assertThat(summary.get("members").asInt()).isEqualTo(MEMBERS);
            assertThat(summary.get("meanSmape").asDouble()).as(method).isCloseTo(smape, within(TOLERANCE));
            assertThat(summary.get("meanMase").asDouble()).as(method).isCloseTo(mase, within(TOLERANCE));
            JsonNode naive2 = result.get("aggregate").get(methods.size() - 1);
            assertThat(summary.get("owa").asDouble()).as(method).isCloseTo(0.5 * (smape
                    / naive2.get("meanSmape").asDouble() + mase / naive2.get("meanMase").asDouble()), within(TOLERANCE));
            if (method.equals("GLOBAL")) {
                assertThat(summary.get("globalBetterOn").isNull()).isTrue();
            } else {
                assertThat(summary.get("globalBetterOn").asInt()).as(method).isEqualTo(globalBetter);
            }
        }
        assertThat(result.get("aggregate").get(methods.size() - 1).get("owa").asDouble()).isCloseTo(1, within(TOLERANCE));

        JsonNode s0 = result.get("members").get(0);
        assertThat(s0.get("uniqueId").asString()).isEqualTo("s0");
        double[] expected = seasonalNaiveByHand(PANEL.member(0).values());
        assertThat(s0.get("scores").get("SEASONAL_NAIVE").get("smape").asDouble()).isCloseTo(expected[0],
                within(TOLERANCE));
        assertThat(s0.get("scores").get("SEASONAL_NAIVE").get("mase").asDouble()).isCloseTo(expected[1],
                within(TOLERANCE));
        assertThat(api.get("/api/v1/collections/{c}/trainings", api.collection()))
                .as("a backtest is not one of the collection's trainings").isEmpty();
    }

    /** Seasonal naive's sMAPE and MASE on a member, the mean over the folds, from its last gap-free run. */
    private static double[] seasonalNaiveByHand(double[] values) {
        int start = 0;
        for (int t = 0; t < values.length; t++) {
            start = Double.isNaN(values[t]) ? t + 1 : start;
        }
        double[] run = Arrays.copyOfRange(values, start, values.length);
        int period = PANEL.period();
        double smape = 0;
        double mase = 0;
        for (int fold = 0; fold < FOLDS; fold++) {
            int origin = run.length - (FOLDS - fold) * H;
            double scale = 0;
            for (int t = period; t < origin; t++) {
                scale += Math.abs(run[t] - run[t - period]) / (origin - period);
            }
            double foldSmape = 0;
            double mae = 0;
            for (int k = 0; k < H; k++) {
                double forecast = run[origin - period + k % period];
                double actual = run[origin + k];
                foldSmape += 200 * Math.abs(actual - forecast) / (Math.abs(actual) + Math.abs(forecast)) / H;
                mae += Math.abs(actual - forecast) / H;
            }
            smape += foldSmape / FOLDS;
            mase += mae / scale / FOLDS;
        }
        return new double[] {smape, mase};
    }

    @Test
    void autoSearchesEachMemberAloneAndIsScoredBesideTheNetworks() throws Exception {
        PanelApi api = panel();
        ResponseEntity<JsonNode> accepted = api.post("/api/v1/collections/" + api.collection()
                + "/backtests?label=group:even", Map.of("spec", spec(3), "folds", 1, "localNetworks", false,
                "references", List.of("SEASONAL_NAIVE", "AUTO"), "autoBudgetSeconds", 10));
        assertThat(accepted.getStatusCode()).as("%s", accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(accepted.getBody().get("settings").get("autoBudgetSeconds").asInt()).isEqualTo(10);
        int members = 3;
        assertThat(accepted.getBody().get("fitsTotal").asInt()).as("one global fit and one search per member")
                .isEqualTo(1 + members);

        JsonNode job = await(api, accepted.getHeaders().getLocation(), "SUCCEEDED");
        JsonNode result = job.get("result");
        assertThat(job.get("fitsDone").asInt()).isEqualTo(1 + members);
        assertThat(result.get("failed")).isEmpty();
        assertThat(result.get("members")).hasSize(members);
        Map<String, JsonNode> aggregate = new HashMap<>();
        result.get("aggregate").forEach(row -> aggregate.put(row.get("method").asString(), row));
        assertThat(aggregate.keySet()).containsExactlyInAnyOrder("GLOBAL", "SEASONAL_NAIVE", "AUTO", "NAIVE2");
        double mase = 0;
        for (JsonNode member : result.get("members")) {
            JsonNode auto = member.get("scores").get("AUTO");
            assertThat(auto.get("mase").asDouble()).as(member.toString()).isPositive().isFinite();
            mase += auto.get("mase").asDouble() / members;
        }
        assertThat(aggregate.get("AUTO").get("meanMase").asDouble()).isCloseTo(mase, within(TOLERANCE));
        // how far from the bound this run came, for whoever changes AUTO (surefire's output keeps it)
        System.out.printf("PanelBacktest AUTO: OWA %.3f, seasonal naive %.3f, global %.3f%n",
                aggregate.get("AUTO").get("owa").asDouble(), aggregate.get("SEASONAL_NAIVE").get("owa").asDouble(),
                aggregate.get("GLOBAL").get("owa").asDouble());
        // a stable weekly season with little noise: AUTO never serves what lost to seasonal naive in validation
        assertThat(aggregate.get("AUTO").get("owa").asDouble()).as("%s", aggregate).isLessThan(1);
    }

    @Test
    void aRunningBacktestIsCancelled() throws Exception {
        PanelApi api = panel();
        ResponseEntity<JsonNode> accepted = api.post("/api/v1/collections/" + api.collection() + "/backtests",
                Map.of("spec", spec(400), "folds", 3, "references", List.of("NAIVE")));
        assertThat(accepted.getStatusCode()).as("%s", accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        URI location = accepted.getHeaders().getLocation();
        await(api, location, "RUNNING");
        ResponseEntity<JsonNode> cancelled = api.post(location + "/cancel", Map.of());
        assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode job = await(api, location, "CANCELLED");
        assertThat(job.get("result").isNull()).isTrue();
        ResponseEntity<JsonNode> again = api.post(location + "/cancel", Map.of());
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().get("type").asString()).isEqualTo(Problems.PREFIX + "illegal-state");
    }

    @Test
    void badRequestsAreRefusedNamingTheField() throws Exception {
        PanelApi api = panel();
        String path = "/api/v1/collections/" + api.collection() + "/backtests";
        refused(api, "/api/v1/collections/no-such-collection/backtests", Map.of(), 404, "not-found", "");
        refused(api, path, Map.of("folds", 0), 400, "invalid-field", "folds");
        refused(api, path, Map.of("horizon", 100000), 400, "invalid-field", "horizon");
        refused(api, path, Map.of("references", List.of("GLOBAL")), 400, "invalid-field", "references");
        refused(api, path, Map.of("references", List.of("AUTO"), "autoBudgetSeconds", 5), 400, "invalid-field",
                "autoBudgetSeconds");
        refused(api, path, Map.of("autoBudgetSeconds", 30), 400, "invalid-field", "autoBudgetSeconds");
        Map<String, Object> masked = spec(3);
        masked.put("gapPolicy", "MASK");
        refused(api, path, Map.of("spec", masked), 400, "invalid-field", "gapPolicy");
        Map<String, Object> unknownCovariate = spec(3);
        unknownCovariate.put("covariates", Map.of("series", List.of("rain")));
        refused(api, path, Map.of("spec", unknownCovariate), 400, "invalid-field", "covariates.series");
        refused(api, path + "?label=nocolon", Map.of(), 400, "invalid-parameter", "label");
        refused(api, path + "?label=group:none", Map.of(), 422, "no-members", "");
        refused(api, path + "?label=group:odd", Map.of("spec", spec(3), "folds", 20), 422, "series-too-short",
                "");
        assertThat(api.http().get().uri("/api/v1/panel-backtest-jobs/{id}", 987654321).retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.post("/api/v1/panel-backtest-jobs/987654321/cancel", Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    private static void refused(PanelApi api, String path, Map<String, Object> body, int status, String type,
            String field) {
        ResponseEntity<JsonNode> refused = api.post(path, body);
        assertThat(refused.getStatusCode().value()).as("%s: %s", body, refused.getBody()).isEqualTo(status);
        assertThat(refused.getBody().get("type").asString()).isEqualTo(Problems.PREFIX + type);
        assertThat(refused.getBody().get("detail").asString()).contains(field);
    }
}
