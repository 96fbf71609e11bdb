package dev.tsforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.PanelApi;
import dev.tsforge.support.PostgresAvailable;
import dev.tsforge.support.SyntheticPanel;
import dev.tsforge.support.TestPostgres;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The registration and per-member promotion of a global model on PostgreSQL (V10's nullable {@code series_id}, the
 * check constraints, {@code model_member}, a champion alias pointing at a collection's model): a member that already
 * has a local champion is judged against it, the others against seasonal naive alone; the label selection is stored;
 * deleting the collection deletes the global model. Small and few epochs: what is tested is the bookkeeping, the
 * accuracy is {@code GlobalModelTests}'.
 */
@PostgresAvailable
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PostgresGlobalModelTests {

    private static final String SCHEMA = TestPostgres.newSchema();
    private static final SyntheticPanel PANEL = new SyntheticPanel(5, 7, 120, 0.1, 4);
    private static final Map<String, Object> SPEC = Map.of("hiddenSizes", List.of(16), "lookback", 14, "horizon", 7,
            "epochs", 4, "batchSize", 64, "learningRate", 0.01, "seed", 3);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, SCHEMA);
    }

    @AfterAll
    static void dropSchema() throws Exception {
        TestPostgres.dropSchema(SCHEMA);
    }

    @Test
    void eachMemberIsPromotedByItsOwnGateAndTheModelGoesWithItsCollection() throws Exception {
        PanelApi api = PanelApi.on(port, "pg-panel", LocalDate.parse("2024-03-01"));
        api.create();
        api.upload(PANEL.members(0, 12));
        api.label(PANEL.members(0, 12));
        long first = api.memberId("s0");
        Map<String, Object> local = new HashMap<>(SPEC);
        local.put("architecture", "SIMPLE_RNN");
        long localModel = api.train("/api/v1/series/" + first + "/trainings", local).get("modelId").asLong();
        boolean localChampion = api.get("/api/v1/models/{id}", localModel).get("champion").asBoolean();

        JsonNode job = api.train("/api/v1/collections/pg-panel/trainings?label=group:even", SPEC);
        assertThat(job.get("labels").get(0).asString()).isEqualTo("group:even");
        long modelId = job.get("modelId").asLong();
        JsonNode members = api.get("/api/v1/models/{id}/members", modelId);
        assertThat(members.size()).as("the even members").isEqualTo(6);
        int promoted = 0;
        for (JsonNode member : members) {
            assertThat(member.get("uniqueId").asString()).matches("s[02468]|s10");
            String reason = member.get("reason").asString();
            boolean beats = member.get("beatsSeasonalNaive").asBoolean();
            if (member.get("seriesId").asLong() == first && localChampion && beats) {
                assertThat(reason).as("judged against the member's local champion")
                        .contains("champion model " + localModel);
            } else if (beats) {
                assertThat(reason).startsWith("champion: ").endsWith("the series had no champion");
            } else {
                assertThat(reason).startsWith("challenger: ").contains("did not beat seasonal naive");
            }
            long served = api.post("/api/v1/forecasts", Map.of("seriesId", member.get("seriesId").asLong(),
                    "horizon", 7)).getBody().path("modelId").asLong(-1);
            long expected = member.get("promoted").asBoolean() ? modelId
                    : member.get("seriesId").asLong() == first && localChampion ? localModel : -1;
            assertThat(served).as("the champion serving %s", member).isEqualTo(expected);
            promoted += member.get("promoted").asBoolean() ? 1 : 0;
        }
        JsonNode model = api.get("/api/v1/models/{id}", modelId);
        assertThat(model.get("global").get("championOf").asInt()).isEqualTo(promoted);
        assertThat(model.get("global").get("labels").get(0).asString()).isEqualTo("group:even");
        assertThat(api.post("/api/v1/models/" + modelId + "/promote", Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);

        assertThat(api.http().delete().uri("/api/v1/collections/pg-panel").retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api.http().get().uri("/api/v1/models/{id}", modelId).retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}
