package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.Await;
import dev.tsforge.support.HttpApi;
import dev.tsforge.support.PostgresAvailable;
import dev.tsforge.support.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.jobrunr.storage.sql.common.DatabaseCreator;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * JobRunr's server writes its data version into the database in a startup task, once, and takes no job before it
 * reads it back. Here that write fails (a trigger refuses it, standing for a database that went away in the server's
 * first moments: seen once in DatabaseOutageTests, whose outage began while the startup tasks ran): the server runs,
 * takes no job, and the training workers must say so and be started again once the database takes the write.
 */
@PostgresAvailable
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tsforge.training.watchdog-interval=1s", "management.endpoint.health.show-details=always",
                "management.endpoint.health.show-components=always",
                // the schema holds JobRunr's tables before Flyway sees it: all of tsforge's migrations still run
                "spring.flyway.baseline-on-migrate=true", "spring.flyway.baseline-version=0"})
@ActiveProfiles("test")
@DirtiesContext
class JobServerStartupTests {

    private static final String SCHEMA = TestPostgres.newSchema();

    @LocalServerPort
    int port;

    /** JobRunr's tables made before the application starts, so that the trigger is in place when it does. */
    @DynamicPropertySource
    static void schemaWithARefusedDataVersion(DynamicPropertyRegistry registry) throws SQLException {
        TestPostgres.register(registry, SCHEMA);
        execute("CREATE SCHEMA " + SCHEMA);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestPostgres.URL + (TestPostgres.URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        dataSource.setUser(TestPostgres.USER);
        dataSource.setPassword(TestPostgres.PASSWORD);
        new DatabaseCreator(dataSource, SCHEMA + ".", PostgresStorageProvider.class).runMigrations();
        execute("CREATE FUNCTION " + SCHEMA + ".refuse_data_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.name = 'database_version' THEN RAISE EXCEPTION 'the database went away'; END IF;"
                + " RETURN NEW; END $$");
        execute("CREATE TRIGGER refuse_data_version BEFORE INSERT OR UPDATE ON " + SCHEMA + ".jobrunr_metadata"
                + " FOR EACH ROW EXECUTE FUNCTION " + SCHEMA + ".refuse_data_version()");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = TestPostgres.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @AfterAll
    static void cleanUp() throws SQLException {
        TestPostgres.dropSchema(SCHEMA);
    }

    private static JsonNode trainingWorkers(HttpApi api) throws Exception {
        return api.json(api.get("/actuator/health")).get("components").get("trainingWorkers");
    }

    /** Polls the training workers' health until {@code condition} holds; returns it. */
    private static JsonNode workersWhen(HttpApi api, String what, Predicate<JsonNode> condition) throws Exception {
        return Await.until("trainingWorkers " + what, Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> trainingWorkers(api), condition);
    }

    @Test
    void aServerWhoseStartupFailedIsReportedAndStartedAgain() throws Exception {
        HttpApi api = HttpApi.localhost(port);
        long id = api.createSeries("startup", "P1D");
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int day = 0; day < 60; day++) {
            csv.append(Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofDays(day))).append(',')
                    .append(Math.sin(day / 3.0)).append('\n');
        }
        api.ingestCsv(id, csv.toString());
        long jobId = api.startTraining(id, "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], \"lookback\": 7,"
                + " \"horizon\": 3, \"epochs\": 2}");

        // not the moment of a restart, which says "stopped"
        JsonNode stuck = workersWhen(api, "DOWN, taking no jobs", workers -> workers.has("details")
                && workers.get("details").get("reason").asString().contains("takes no jobs"));
        assertThat(stuck.get("status").asString()).isEqualTo("DOWN");
        assertThat(api.json(api.get("/api/v1/training-jobs/" + jobId)).get("status").asString())
                .as("no job is taken meanwhile").isEqualTo("QUEUED");

        execute("DROP TRIGGER refuse_data_version ON " + SCHEMA + ".jobrunr_metadata");
        JsonNode finished = api.awaitJobStatus(jobId, Duration.ofSeconds(60), "SUCCEEDED", "FAILED");
        assertThat(finished.get("status").asString()).as("started again, it takes the job: %s", finished)
                .isEqualTo("SUCCEEDED");
        assertThat(workersWhen(api, "UP", workers -> "UP".equals(workers.get("status").asString()))
                .has("details")).as("no reason once it takes jobs").isFalse();
    }
}
