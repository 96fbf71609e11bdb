package dev.tsforge.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.TsforgeApplication;
import dev.tsforge.support.Await;
import dev.tsforge.support.HttpApi;
import dev.tsforge.support.PostgresAvailable;
import dev.tsforge.support.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A collection's scheduled recording on two replicas sharing one PostgreSQL schema, both looking for due ticks
 * every 200 ms: each member is recorded once at the tick, not once per replica; the actuals uploaded for the
 * collection then score both members, and the collection's live accuracy pools them.
 */
@PostgresAvailable
class LedgerReplicasTests {

    private static final String SCHEMA = TestPostgres.newSchema();
    private static final String JSON = "application/json";
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final int POINTS = 120;
    private static final int HORIZON = 3;
    private static final String SPEC = "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], \"lookback\": 8, "
            + "\"horizon\": 4, \"epochs\": 10, \"validationFraction\": 0, \"earlyStoppingPatience\": 0}";

    @AfterAll
    static void dropSchema() throws Exception {
        TestPostgres.dropSchema(SCHEMA);
    }

    private static ConfigurableApplicationContext replica(Path models) {
        List<String> arguments = new ArrayList<>(List.of(TestPostgres.arguments(SCHEMA)));
        arguments.addAll(List.of("--server.port=0", "--tsforge.storage.model-dir=" + models,
                "--tsforge.ledger.scheduler-interval=200ms"));
        return new SpringApplicationBuilder(TsforgeApplication.class).profiles("test")
                .run(arguments.toArray(String[]::new));
    }

    private static HttpApi api(ConfigurableApplicationContext context) {
        return HttpApi.localhost(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static String upload(int from, int to) {
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (String member : List.of("a", "b")) {
            for (int i = from; i < to; i++) {
                csv.append(member).append(',').append(START.plusSeconds(3600L * i)).append(',')
                        .append(5 + Math.sin(i / 3.0) + (member.equals("b") ? 1 : 0)).append('\n');
            }
        }
        return csv.toString();
    }

    @Test
    void aScheduledTickIsRecordedOnceAcrossTwoReplicas(@TempDir Path models) throws Exception {
        try (ConfigurableApplicationContext a = replica(models); ConfigurableApplicationContext b = replica(models)) {
            HttpApi first = api(a);
            HttpApi second = api(b);
            assertThat(first.post("/api/v1/collections", JSON, "{\"name\": \"shops\", \"frequency\": \"PT1H\"}")
                    .statusCode()).isEqualTo(201);
            HttpResponse<String> stored = first.post("/api/v1/collections/shops/points", "text/csv",
                    upload(0, POINTS));
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
            List<Long> members = new ArrayList<>();
            for (JsonNode member : first.json(first.get("/api/v1/series?collection=shops")).get("items")) {
                long series = member.get("id").asLong();
                members.add(series);
                JsonNode job = first.awaitJobStatus(first.startTraining(series, SPEC), Duration.ofMinutes(3),
                        "SUCCEEDED", "FAILED");
                assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
                assertThat(first.post("/api/v1/models/" + job.get("modelId").asLong() + "/promote", JSON, "")
                        .statusCode()).isEqualTo(200);
            }
            assertThat(members).hasSize(2);

            LocalTime at = LocalTime.ofInstant(Instant.now().plusSeconds(4), ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.SECONDS);
            HttpResponse<String> set = second.send("PUT", "/api/v1/collections/shops/recording", JSON,
                    "{\"mode\": \"SCHEDULED\", \"dailyAt\": \"" + at + "\", \"horizon\": " + HORIZON + "}");
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            assertThat(first.json(first.get("/api/v1/series/" + members.get(0) + "/recording")).get("scope")
                    .asString()).as("a member follows its collection").isEqualTo("COLLECTION");

            for (long series : members) {
                Await.until("the tick's recording of " + series, Duration.ofSeconds(30), Duration.ofMillis(100),
                        () -> first.json(first.get("/api/v1/series/" + series + "/recorded-forecasts")),
                        page -> page.get("totalItems").asInt() >= 1);
            }
            // both replicas have polled several times since the tick
            Thread.sleep(1500);
            for (long series : members) {
                JsonNode page = second.json(second.get("/api/v1/series/" + series + "/recorded-forecasts"));
                assertThat(page.get("totalItems").asInt()).as("recordings of series %d", series).isEqualTo(1);
                assertThat(page.get("items").get(0).get("trigger").asString()).isEqualTo("SCHEDULED");
            }

            assertThat(first.post("/api/v1/collections/shops/points", "text/csv", upload(POINTS, POINTS + HORIZON))
                    .statusCode()).isEqualTo(200);
            JsonNode pooled = Await.until("scored members", Duration.ofSeconds(30), Duration.ofMillis(100),
                    () -> second.json(second.get("/api/v1/collections/shops/live-accuracy")),
                    live -> live.get("overall").get("model").get("steps").asInt() == 2 * HORIZON);
            assertThat(pooled.get("collection").asString()).isEqualTo("shops");
            assertThat(pooled.get("models")).hasSize(2);
            assertThat(pooled.get("overall").get("byStep")).hasSize(HORIZON);
            double sum = 0;
            for (JsonNode member : pooled.get("models")) {
                assertThat(member.get("model").get("steps").asInt()).isEqualTo(HORIZON);
                sum += member.get("model").get("mae").asDouble();
            }
            assertThat(pooled.get("overall").get("model").get("mae").asDouble())
                    .as("equal step counts: the pooled MAE is the members' mean").isCloseTo(sum / 2,
                            org.assertj.core.api.Assertions.within(1e-9));
        }
    }
}
