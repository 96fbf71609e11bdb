package dev.tsforge.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.config.ModelStorage;
import dev.tsforge.support.PostgresAvailable;
import dev.tsforge.support.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.util.FileSystemUtils;

/**
 * Migration 9 on a database written by an earlier build (the rows of {@code fixtures/db/v3-rows.sql} and their files):
 * in database mode it moves each model's file into {@code model_artifact}, byte for byte, and a model whose file is
 * missing keeps its row, without an artifact, and is named in the log; in directory mode it moves nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class ModelArtifactsMigrationTests {

    /** The fixture file removed before the migration: model 2 of the fixture rows. */
    private static final String MISSING = "series-1/job-2.zip";

    @Nested
    class OnH2 {

        @Test
        void movesTheFilesAndToleratesAMissingOne(@TempDir Path dir, CapturedOutput log) throws Exception {
            String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/tsforge;DB_CLOSE_ON_EXIT=FALSE";
            assertMoved(Flyway.configure().dataSource(url, "sa", ""), () -> DriverManager.getConnection(url, "sa", ""),
                    dir, log);
        }

        @Test
        void movesNothingWhenFilesAreTheStore(@TempDir Path dir) throws Exception {
            String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/tsforge;DB_CLOSE_ON_EXIT=FALSE";
            Path models = atVersion3(Flyway.configure().dataSource(url, "sa", ""),
                    () -> DriverManager.getConnection(url, "sa", ""), dir);
            Flyway.configure().dataSource(url, "sa", "")
                    .javaMigrations(new V9__ModelArtifacts(ModelStorage.DIRECTORY, models)).load().migrate();
            assertThat(stored(() -> DriverManager.getConnection(url, "sa", ""))).isEmpty();
        }
    }

    @Nested
    @PostgresAvailable
    class OnPostgres {

        @Test
        void movesTheFilesAndToleratesAMissingOne(@TempDir Path dir, CapturedOutput log) throws Exception {
            String schema = TestPostgres.newSchema();
            String url = TestPostgres.URL + (TestPostgres.URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            try {
                assertMoved(Flyway.configure().dataSource(url, TestPostgres.USER, TestPostgres.PASSWORD)
                        .schemas(schema).defaultSchema(schema),
                        () -> DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD), dir, log);
            } finally {
                TestPostgres.dropSchema(schema);
            }
        }
    }

    interface Connector {
        Connection connect() throws Exception;
    }

    private static void assertMoved(FluentConfiguration flyway, Connector database, Path dir, CapturedOutput log)
            throws Exception {
        Path models = atVersion3(flyway, database, dir);
        Map<Long, String> artifacts = artifacts(database);
        long missingId = artifacts.entrySet().stream().filter(e -> e.getValue().equals(MISSING)).findFirst()
                .orElseThrow().getKey();

        flyway.target("latest").javaMigrations(new V9__ModelArtifacts(ModelStorage.DATABASE, models)).load().migrate();

        Map<Long, byte[]> stored = stored(database);
        assertThat(stored.keySet()).as("every model with a file, and only those")
                .containsExactlyInAnyOrderElementsOf(artifacts.keySet().stream().filter(id -> id != missingId)
                        .toList());
        for (Map.Entry<Long, byte[]> row : stored.entrySet()) {
            assertThat(row.getValue()).as("model %d", row.getKey())
                    .isEqualTo(Files.readAllBytes(models.resolve(artifacts.get(row.getKey()))));
        }
        assertThat(artifacts(database)).as("the rows stay, the missing one's too").isEqualTo(artifacts);
        assertThat(log.getOut()).contains("Moved the artifacts of " + stored.size() + " of " + artifacts.size()
                + " models").contains("model " + missingId + " (" + models.toAbsolutePath().resolve(MISSING) + ")");
    }

    /** The fixture rows at version 3 and their files, less {@link #MISSING}; returns the model folder. */
    private static Path atVersion3(FluentConfiguration flyway, Connector database, Path dir) throws Exception {
        flyway.target("3").load().migrate();
        try (Connection connection = database.connect()) {
            ScriptUtils.executeSqlScript(connection, new EncodedResource(new ClassPathResource("fixtures/db/v3-rows.sql"),
                    StandardCharsets.UTF_8));
        }
        Path from = Path.of(ModelArtifactsMigrationTests.class.getResource("/fixtures/db/models").toURI());
        Path to = dir.resolve("models");
        FileSystemUtils.copyRecursively(from, to);
        Files.delete(to.resolve(MISSING));
        return to;
    }

    private static Map<Long, String> artifacts(Connector database) throws Exception {
        Map<Long, String> artifacts = new LinkedHashMap<>();
        try (Connection connection = database.connect();
                ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT id, artifact FROM model_version ORDER BY id")) {
            while (rows.next()) {
                artifacts.put(rows.getLong(1), rows.getString(2));
            }
        }
        return artifacts;
    }

    private static Map<Long, byte[]> stored(Connector database) throws Exception {
        Map<Long, byte[]> stored = new LinkedHashMap<>();
        try (Connection connection = database.connect();
                ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT model_id, bytes FROM model_artifact ORDER BY model_id")) {
            while (rows.next()) {
                stored.put(rows.getLong(1), rows.getBytes(2));
            }
        }
        return stored;
    }
}
