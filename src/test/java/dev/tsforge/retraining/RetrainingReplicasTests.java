package dev.tsforge.retraining;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A SCHEDULE policy on two replicas sharing one PostgreSQL schema, both looking for due ticks every 200 ms: each
 * cron tick fires once, not once per replica; the first starts a retraining, and a tick while that job is queued or
 * running is skipped with the reason rather than starting a second one.
 */
@PostgresAvailable
class RetrainingReplicasTests {

    private static final String SCHEMA = TestPostgres.newSchema();
    private static final String JSON = "application/json";
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final String SPEC = "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], \"lookback\": 8, "
            + "\"horizon\": 4, \"epochs\": 10, \"validationFraction\": 0, \"earlyStoppingPatience\": 0}";
    private static final int TICKS = 4;

    @AfterAll
    static void dropSchema() throws Exception {
        TestPostgres.dropSchema(SCHEMA);
    }

    private static ConfigurableApplicationContext replica(Path models) {
        List<String> arguments = new ArrayList<>(List.of(TestPostgres.arguments(SCHEMA)));
        arguments.addAll(List.of("--server.port=0", "--tsforge.storage.model-dir=" + models,
                "--tsforge.retraining.scheduler-interval=200ms"));
        return new SpringApplicationBuilder(TsforgeApplication.class).profiles("test")
                .run(arguments.toArray(String[]::new));
    }

    private static HttpApi api(ConfigurableApplicationContext context) {
        return HttpApi.localhost(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    @Test
    void aCronTickFiresOnceAcrossTwoReplicas(@TempDir Path models) throws Exception {
        try (ConfigurableApplicationContext a = replica(models); ConfigurableApplicationContext b = replica(models)) {
            HttpApi first = api(a);
            HttpApi second = api(b);
            long series = first.createSeries("retrain-replicas", "PT1H");
            StringBuilder csv = new StringBuilder("timestamp,value\n");
            for (int i = 0; i < 120; i++) {
                csv.append(START.plusSeconds(3600L * i)).append(',').append(5 + Math.sin(i / 3.0)).append('\n');
            }
            first.ingestCsv(series, csv.toString());
            JsonNode trained = first.awaitJobStatus(first.startTraining(series, SPEC), Duration.ofMinutes(3),
                    "SUCCEEDED", "FAILED");
            assertThat(trained.get("status").asString()).as(trained.toString()).isEqualTo("SUCCEEDED");
            assertThat(first.post("/api/v1/models/" + trained.get("modelId").asLong() + "/promote", JSON, "")
                    .statusCode()).isEqualTo(200);

            HttpResponse<String> set = second.send("PUT", "/api/v1/series/" + series + "/retraining-policy", JSON,
                    "{\"trigger\": \"SCHEDULE\", \"cron\": \"*/2 * * * * *\"}");
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            Await.until(TICKS + " ticks fired", Duration.ofSeconds(60), Duration.ofMillis(200),
                    () -> first.json(first.get("/api/v1/series/" + series + "/retraining-policy")),
                    view -> view.get("firings").size() >= TICKS);
            // stop the schedule; a round that took a tick before this may still be starting its job
            assertThat(first.send("PUT", "/api/v1/series/" + series + "/retraining-policy", JSON,
                    "{\"trigger\": \"ON_DRIFT\"}").statusCode()).isEqualTo(200);
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            long trainedJob = trained.get("id").asLong();
            List<Map<String, Object>> firings = Await.until("every started firing's job", Duration.ofSeconds(30),
                    Duration.ofMillis(200), () -> {
                        List<Map<String, Object>> rows = jdbc.sql("SELECT tick, outcome, job_id, detail FROM "
                                + "retraining_firing WHERE series_id = :series ORDER BY id")
                                .param("series", series).query().listOfRows();
                        long jobs = jdbc.sql("SELECT COUNT(*) FROM training_job WHERE series_id = :series AND id <> :first")
                                .param("series", series).param("first", trainedJob).query(Long.class).single();
                        long started = rows.stream().filter(f -> f.get("outcome").equals("STARTED")).count();
                        return jobs == started ? rows : null;
                    }, rows -> rows != null);
            assertThat(firings).hasSizeGreaterThanOrEqualTo(TICKS);
            Map<String, Integer> perTick = new HashMap<>();
            for (Map<String, Object> firing : firings) {
                perTick.merge(firing.get("tick").toString(), 1, Integer::sum);
            }
            assertThat(perTick.values()).as("firings per tick: %s", firings).allMatch(count -> count == 1);
            assertThat(firings.get(0).get("outcome")).as(firings.toString()).isEqualTo("STARTED");
            for (Map<String, Object> firing : firings) {
                if (firing.get("outcome").equals("SKIPPED")) {
                    assertThat(firing.get("detail").toString()).matches("the previous retraining, job \\d+, is still "
                            + "(QUEUED|RUNNING)");
                }
            }
        }
    }
}
