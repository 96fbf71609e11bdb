package dev.tsforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.Baselines;
import dev.tsforge.support.PanelApi;
import dev.tsforge.support.SyntheticPanel;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One network across a collection (issue #19), over real HTTP: a synthetic panel of 40 daily series with a shared
 * weekly shape at levels from 10 to 1,000, uploaded in long format; a global LSTM trained on all of them; each member
 * judged on its own holdout and promoted where it beats seasonal naive; forecasts for a member through its champion,
 * for series the model never saw (values sent), and for a member added after training.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class GlobalModelTests {

    static final int MEMBERS = 40;
    static final int UNSEEN = 5;
    static final int HORIZON = 14;
    static final int LOOKBACK = 21;
    static final SyntheticPanel PANEL = new SyntheticPanel(19, 7, 150, 0.1, 4);
    static final LocalDate START = LocalDate.parse("2024-01-01");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Map<String, Object> SPEC = Map.of("architecture", "LSTM", "hiddenSizes", List.of(24),
            "lookback", LOOKBACK, "horizon", HORIZON, "epochs", 15, "batchSize", 64, "learningRate", 0.01,
            "validationFraction", 0.1, "earlyStoppingPatience", 4, "seed", 7);

    @LocalServerPort
    int port;

    PanelApi api;
    RestClient http;

    @BeforeEach
    void client() {
        api = PanelApi.on(port, "panel", START);
        http = api.http();
    }

    private ResponseEntity<JsonNode> post(String path, Object body) {
        return api.post(path, body);
    }

    @Test
    void aGlobalModelBeatsSeasonalNaiveOnMostMembersAndForecastsSeriesItNeverSaw() throws Exception {
        api.create();
        api.upload(PANEL.members(0, MEMBERS));

        assertThat(post("/api/v1/collections/panel/trainings?label=group:none", SPEC).getBody().get("type")
                .asString()).isEqualTo("urn:tsforge:problem:no-members");
        Map<String, Object> masked = new HashMap<>(SPEC);
        masked.put("gapPolicy", "MASK");
        assertThat(post("/api/v1/collections/panel/trainings", masked).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post("/api/v1/collections/nowhere/trainings", SPEC).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        long started = System.nanoTime();
        JsonNode job = api.train("/api/v1/collections/panel/trainings", SPEC);
        assertThat(job.get("collection").asString()).isEqualTo("panel");
        assertThat(job.get("seriesId").isNull()).isTrue();
        assertThat(job.get("labels").size()).isZero();
        long modelId = job.get("modelId").asLong();
        System.out.printf("global training: %.1f s, %s%n", (System.nanoTime() - started) / 1e9,
                job.get("outcome").asString());

        JsonNode model = http.get().uri("/api/v1/models/{id}", modelId).retrieve().body(JsonNode.class);
        assertThat(model.get("seriesId").isNull()).isTrue();
        assertThat(model.get("spec").get("normalization").asString()).as("the global default").isEqualTo("WINDOW");
        JsonNode global = model.get("global");
        assertThat(global.get("collection").asString()).isEqualTo("panel");
        assertThat(global.get("members").asInt()).isEqualTo(MEMBERS);
        JsonNode panel = global.get("evaluation");
        assertThat(panel.get("meanMase").asDouble()).isLessThan(panel.get("seasonalNaiveMeanMase").asDouble());
        assertThat(panel.get("owa").asDouble()).isFinite().isPositive();

        JsonNode members = http.get().uri("/api/v1/models/{id}/members", modelId).retrieve().body(JsonNode.class);
        assertThat(members.size()).isEqualTo(MEMBERS);
        int beaten = 0;
        int promoted = 0;
        for (JsonNode member : members) {
            boolean beats = member.get("model").get("mae").asDouble() < member.get("seasonalNaive").get("mae").asDouble();
            assertThat(member.get("beatsSeasonalNaive").asBoolean()).isEqualTo(beats);
            // no member had a champion: the gate is seasonal naive alone
            assertThat(member.get("promoted").asBoolean()).as("%s", member).isEqualTo(beats);
            assertThat(member.get("reason").asString()).startsWith(beats ? "champion: " : "challenger: ");
            beaten += beats ? 1 : 0;
            promoted += member.get("promoted").asBoolean() ? 1 : 0;
        }
        System.out.printf("members beating seasonal naive: %d of %d%n", beaten, MEMBERS);
        assertThat(beaten).as("members whose holdout it forecasts better than seasonal naive")
                .isGreaterThanOrEqualTo((int) Math.ceil(0.7 * MEMBERS));
        assertThat(panel.get("beatSeasonalNaive").asInt()).isEqualTo(beaten);
        assertThat(global.get("championOf").asInt()).isEqualTo(promoted);
        assertThat(http.get().uri("/api/v1/collections/panel/models").retrieve().body(JsonNode.class).get(0)
                .get("id").asLong()).isEqualTo(modelId);

        // a member it champions is forecast by it through the series alone
        JsonNode champion = Arrays.stream(toArray(members)).filter(m -> m.get("promoted").asBoolean()).findFirst()
                .orElseThrow();
        JsonNode forecast = post("/api/v1/forecasts", Map.of("seriesId", champion.get("seriesId").asLong(),
                "horizon", HORIZON)).getBody();
        assertThat(forecast.get("modelId").asLong()).isEqualTo(modelId);
        assertThat(forecast.get("points").size()).isEqualTo(HORIZON);
        assertThat(forecast.get("points").get(0).get("timestamp").asString())
                .isEqualTo(START.plusDays(PANEL.length()).atStartOfDay() + ":00Z");

        assertThat(post("/api/v1/forecasts", Map.of("modelId", modelId, "horizon", HORIZON)).getBody().get("type")
                .asString()).as("a global model alone names no series").isEqualTo("urn:tsforge:problem:invalid-field");

        // series it never saw: their values sent with the model id
        double modelError = 0;
        double seasonalError = 0;
        int inside80 = 0;
        for (SyntheticPanel.Member unseen : PANEL.members(MEMBERS, MEMBERS + UNSEEN)) {
            double[] all = unseen.values();
            double[] history = Arrays.copyOfRange(all, all.length - HORIZON - 2 * LOOKBACK, all.length - HORIZON);
            double[] actual = Arrays.copyOfRange(all, all.length - HORIZON, all.length);
            ResponseEntity<JsonNode> response = post("/api/v1/forecasts", Map.of("modelId", modelId,
                    "horizon", HORIZON, "values", Arrays.stream(history).boxed().toList()));
            assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
            JsonNode sent = response.getBody();
            double[] values = new double[HORIZON];
            for (int h = 0; h < HORIZON; h++) {
                values[h] = sent.get("points").get(h).get("value").asDouble();
                JsonNode at80 = sent.get("points").get(h).get("intervals").get(0);
                inside80 += actual[h] >= at80.get("lower").asDouble() && actual[h] <= at80.get("upper").asDouble()
                        ? 1 : 0;
            }
            assertThat(sent.get("fallback").isNull()).as("%s", sent).isTrue();
            // calibrated on the members' holdouts, 40 normalised errors a step: enough for 80 % and 95 %
            assertThat(sent.get("intervalMethods").findValuesAsString("method")).as("%s", sent)
                    .containsOnly("CONFORMAL");
            double scale = Accuracy.maseScale(history, PANEL.period());
            modelError += Accuracy.of(actual, values, scale).mase();
            seasonalError += Accuracy.of(actual, Baselines.seasonalNaive(history, HORIZON, PANEL.period()), scale).mase();
        }
        System.out.printf("unseen series: mean MASE %.3f vs seasonal naive %.3f; 80 %% intervals held %d of %d%n",
                modelError / UNSEEN, seasonalError / UNSEEN, inside80, UNSEEN * HORIZON);
        assertThat(inside80).as("80 %% intervals on series the model never saw").isBetween(
                UNSEEN * HORIZON * 6 / 10, UNSEEN * HORIZON);
        assertThat(modelError).as("mean MASE on series it never saw, vs seasonal naive's").isLessThan(seasonalError);

        // the whole collection with the global model, streamed: every member, each as its single forecast
        String stream = http.post().uri("/api/v1/collections/panel/forecasts")
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.parseMediaType("application/x-ndjson"))
                .body(Map.of("horizon", HORIZON, "model", modelId)).retrieve().body(String.class);
        List<JsonNode> lines = stream.lines().map(line -> JSON.readTree(line)).toList();
        assertThat(lines).hasSize(MEMBERS);
        for (JsonNode line : lines) {
            assertThat(line.get("modelId").asLong()).as("%s", line).isEqualTo(modelId);
            assertThat(line.get("mean").size()).isEqualTo(HORIZON);
        }
        JsonNode championLine = lines.stream()
                .filter(line -> line.get("seriesId").asLong() == champion.get("seriesId").asLong()).findFirst()
                .orElseThrow();
        for (int h = 0; h < HORIZON; h++) {
            assertThat(championLine.get("mean").get(h).asDouble())
                    .isEqualTo(forecast.get("points").get(h).get("value").asDouble());
        }

        // the same model in a TimeGPT-shaped request: the numbers of the native request with sent values
        double[] first = PANEL.member(MEMBERS).values();
        List<Double> sentValues = Arrays.stream(first, first.length - 2 * LOOKBACK, first.length).boxed().toList();
        ResponseEntity<JsonNode> timeGpt = post("/v2/forecast", Map.of("series", Map.of("y", sentValues,
                "sizes", List.of(sentValues.size())), "freq", "D", "h", HORIZON, "model", String.valueOf(modelId)));
        assertThat(timeGpt.getStatusCode()).as("%s", timeGpt.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode nativeForecast = post("/api/v1/forecasts", Map.of("modelId", modelId, "horizon", HORIZON,
                "values", sentValues)).getBody();
        for (int h = 0; h < HORIZON; h++) {
            assertThat(timeGpt.getBody().get("mean").get(h).asDouble())
                    .isEqualTo(nativeForecast.get("points").get(h).get("value").asDouble());
        }

        // a member added after training: forecast by naming it with the model
        api.upload(List.of(PANEL.member(MEMBERS + UNSEEN)));
        long added = api.memberId("s" + (MEMBERS + UNSEEN));
        ResponseEntity<JsonNode> late = post("/api/v1/forecasts", Map.of("seriesId", added, "modelId", modelId,
                "horizon", HORIZON));
        assertThat(late.getStatusCode()).as("%s", late.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(late.getBody().get("modelId").asLong()).isEqualTo(modelId);
        assertThat(late.getBody().get("points").get(HORIZON - 1).get("value").asDouble()).isFinite();
    }

    private static JsonNode[] toArray(JsonNode array) {
        JsonNode[] nodes = new JsonNode[array.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = array.get(i);
        }
        return nodes;
    }
}
