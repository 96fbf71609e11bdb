package dev.tsforge.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tsforge.TsforgeApplication;
import dev.tsforge.support.Await;
import dev.tsforge.support.HttpApi;
import dev.tsforge.support.PostgresAvailable;
import dev.tsforge.support.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An upgrade across V20 keeps a ledger: the service runs at schema version 19, a partly scored recorded forecast and
 * an unscored one are written as that version kept them (a row per step), and the service restarts on the current
 * build. The forecasts read back through the API as they were written, live accuracy counts the step scored before
 * the upgrade, and the actuals that arrive after it score the rest.
 */
class LedgerUpgradeTests {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final long MODEL = 999;

    @Nested
    class OnH2 {

        @Test
        void aRecordedForecastSurvivesTheUpgrade(@TempDir Path dir) throws Exception {
            upgrade(List.of("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                    + "/tsforge;DB_CLOSE_ON_EXIT=FALSE", "--tsforge.storage.model-dir=" + dir.resolve("models")));
        }
    }

    @Nested
    @PostgresAvailable
    class OnPostgres {

        @Test
        void aRecordedForecastSurvivesTheUpgrade(@TempDir Path dir) throws Exception {
            String schema = TestPostgres.newSchema();
            try {
                List<String> arguments = new ArrayList<>(List.of(TestPostgres.arguments(schema)));
                arguments.add("--tsforge.storage.model-dir=" + dir.resolve("models"));
                upgrade(arguments);
            } finally {
                TestPostgres.dropSchema(schema);
            }
        }
    }

    private static ConfigurableApplicationContext start(List<String> database, String... more) {
        List<String> arguments = new ArrayList<>(database);
        arguments.add("--server.port=0");
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(TsforgeApplication.class).profiles("test")
                .run(arguments.toArray(String[]::new));
    }

    private static HttpApi api(ConfigurableApplicationContext context) {
        return HttpApi.localhost(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static Instant hour(int i) {
        return START.plusSeconds(3600L * i);
    }

    private static double value(int i) {
        return 10 + i * 0.1;
    }

    private static String csv(int from, int to) {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = from; i < to; i++) {
            csv.append(hour(i)).append(',').append(value(i)).append('\n');
        }
        return csv.toString();
    }

    private static void upgrade(List<String> database) throws Exception {
        long series;
        try (ConfigurableApplicationContext old = start(database, "--spring.flyway.target=19")) {
            HttpApi api = api(old);
            series = api.createSeries("upgraded", "PT1H");
            api.ingestCsv(series, csv(0, 49));
            JdbcClient jdbc = old.getBean(JdbcClient.class);
            // forecast A from hour 47: its first step scored (hour 48 arrived), the 95 % bound of step 2 missing, no
            // seasonal naive for step 3; forecast B from hour 48, recorded without intervals, nothing scored yet
            long a = insertForecast(jdbc, series, 47, 3);
            insertStep(jdbc, a, series, 47, 1, 15.0, "80.0:14.0:16.0;95.0:13.0:17.0", 14.8, value(48));
            insertStep(jdbc, a, series, 47, 2, 15.5, "80.0:14.5:16.5;95.0::", 14.9, null);
            insertStep(jdbc, a, series, 47, 3, 16.0, "80.0:15.0:17.0;95.0:14.0:18.0", null, null);
            long b = insertForecast(jdbc, series, 48, 2);
            insertStep(jdbc, b, series, 48, 1, 15.1, "", 14.9, null);
            insertStep(jdbc, b, series, 48, 2, 15.2, "", 15.0, null);
        }

        try (ConfigurableApplicationContext current = start(database)) {
            HttpApi api = api(current);
            JdbcClient jdbc = current.getBean(JdbcClient.class);
            assertThatThrownBy(() -> jdbc.sql("SELECT COUNT(*) FROM ledger_step").query(Long.class).single())
                    .as("the step rows are gone").isNotNull();

            JsonNode page = api.json(api.get("/api/v1/series/" + series + "/recorded-forecasts"));
            assertThat(page.get("totalItems").asInt()).isEqualTo(2);
            JsonNode b = page.get("items").get(0);
            JsonNode a = page.get("items").get(1);
            assertThat(a.get("origin").asString()).isEqualTo(hour(47).toString());
            assertThat(a.get("modelId").asLong()).isEqualTo(MODEL);
            assertThat(a.get("trigger").asString()).isEqualTo("EVERY");
            assertThat(a.get("horizon").asInt()).isEqualTo(3);
            JsonNode steps = a.get("steps");
            assertThat(steps).hasSize(3);
            for (int k = 0; k < 3; k++) {
                assertThat(steps.get(k).get("step").asInt()).isEqualTo(k + 1);
                assertThat(Instant.parse(steps.get(k).get("target").asString())).isEqualTo(hour(48 + k));
                assertThat(steps.get(k).get("point").asDouble()).isEqualTo(15.0 + 0.5 * k);
                assertThat(steps.get(k).get("forecastId").asLong()).isEqualTo(a.get("id").asLong());
            }
            assertThat(steps.get(0).get("actual").asDouble()).isEqualTo(value(48));
            assertThat(steps.get(1).get("actual").isNull()).isTrue();
            assertThat(steps.get(2).get("baseline").isNull()).isTrue();
            assertThat(steps.get(1).get("baseline").asDouble()).isEqualTo(14.9);
            JsonNode bounds = steps.get(1).get("intervals");
            assertThat(bounds).hasSize(2);
            assertThat(bounds.get(0).get("level").asDouble()).isEqualTo(80.0);
            assertThat(bounds.get(0).get("lower").asDouble()).isEqualTo(14.5);
            assertThat(bounds.get(0).get("upper").asDouble()).isEqualTo(16.5);
            assertThat(bounds.get(1).get("level").asDouble()).isEqualTo(95.0);
            assertThat(bounds.get(1).get("lower").isNull()).isTrue();
            assertThat(bounds.get(1).get("upper").isNull()).isTrue();
            assertThat(b.get("steps").get(0).get("intervals")).isEmpty();

            JsonNode before = api.json(api.get("/api/v1/series/" + series + "/live-accuracy"));
            assertThat(before.get("overall").get("model").get("steps").asInt()).isEqualTo(1);
            assertThat(before.get("overall").get("model").get("mae").asDouble()).isCloseTo(0.2, within(1e-9));

            api.ingestCsv(series, csv(49, 51));
            JsonNode after = Await.until("the rest scored", Duration.ofSeconds(30), Duration.ofMillis(100),
                    () -> api.json(api.get("/api/v1/series/" + series + "/live-accuracy")),
                    live -> live.get("overall").get("model").get("steps").asInt() == 5);
            JsonNode overall = after.get("overall").get("model");
            assertThat(overall.get("mae").asDouble()).as("|14.8-15|, |14.9-15.5|, |15-16|, |14.9-15.1|, |15-15.2|")
                    .isCloseTo((0.2 + 0.6 + 1.0 + 0.2 + 0.2) / 5, within(1e-9));
            assertThat(overall.get("coverage").get(0).get("level").asDouble()).isEqualTo(80.0);
            assertThat(overall.get("coverage").get(0).get("steps").asInt()).isEqualTo(3);
            assertThat(overall.get("coverage").get(1).get("steps").asInt()).as("step 2's 95 % bound is missing")
                    .isEqualTo(2);
            assertThat(after.get("overall").get("seasonalNaive").get("steps").asInt()).isEqualTo(4);
            assertThat(jdbc.sql("SELECT scored_steps FROM ledger_forecast WHERE series_id = :series ORDER BY id")
                    .param("series", series).query(Integer.class).list()).containsExactly(3, 2);
        }
    }

    private static long insertForecast(JdbcClient jdbc, long series, int origin, int horizon) {
        jdbc.sql("""
                INSERT INTO ledger_forecast (series_id, model_id, origin, horizon, trigger_mode, recorded_at)
                VALUES (:series, :model, :origin, :horizon, 'EVERY', :at)""")
                .param("series", series).param("model", MODEL).param("origin", hour(origin).atOffset(ZoneOffset.UTC))
                .param("horizon", horizon).param("at", Instant.now().atOffset(ZoneOffset.UTC)).update();
        return jdbc.sql("SELECT id FROM ledger_forecast WHERE series_id = :series AND origin = :origin")
                .param("series", series).param("origin", hour(origin).atOffset(ZoneOffset.UTC))
                .query(Long.class).single();
    }

    private static void insertStep(JdbcClient jdbc, long forecast, long series, int origin, int step, double point,
            String intervals, Double baseline, Double actual) {
        Instant target = hour(origin + step);
        jdbc.sql("""
                INSERT INTO ledger_step (forecast_id, step, series_id, target, point, intervals, baseline, actual,
                    scored_at)
                VALUES (:forecast, :step, :series, :target, :point, :intervals, :baseline, :actual, :scored)""")
                .param("forecast", forecast).param("step", step).param("series", series)
                .param("target", target.atOffset(ZoneOffset.UTC)).param("point", point)
                .param("intervals", intervals).param("baseline", baseline).param("actual", actual)
                .param("scored", actual == null ? null : Instant.now().atOffset(ZoneOffset.UTC)).update();
    }
}
