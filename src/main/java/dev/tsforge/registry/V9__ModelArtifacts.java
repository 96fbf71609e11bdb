package dev.tsforge.registry;

import dev.tsforge.config.ModelStorage;
import dev.tsforge.config.TsforgeProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Creates the table of model artifacts and, when models are stored in the database, moves the files of the models
 * registered so far into it. Java, because SQL cannot read the files; a bean, because it needs the configured
 * directory (Spring Boot hands every {@code JavaMigration} bean to Flyway).
 *
 * <p>A model whose file is missing keeps its row: deleting it would lose its history and the job that points at it,
 * and a forecast with it answers a problem naming the model, as the {@code models} health component does. The files
 * moved stay where they are (a failed migration must be able to run again); the log says the directory may go.
 */
@Component
class V9__ModelArtifacts extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V9__ModelArtifacts.class);

    private final ModelStorage storage;
    private final Path modelDir;

    @Autowired
    V9__ModelArtifacts(TsforgeProperties properties) {
        this(properties.storage().models(), properties.storage().modelDir());
    }

    V9__ModelArtifacts(ModelStorage storage, Path modelDir) {
        this.storage = storage;
        this.modelDir = modelDir.toAbsolutePath().normalize();
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        // one type for both databases does not exist: PostgreSQL has no BLOB, and H2 keeps a BYTEA value in its row
        String bytes = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres") ? "BYTEA"
                : "BLOB";
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE model_artifact ("
                    + "model_id BIGINT NOT NULL PRIMARY KEY REFERENCES model_version (id) ON DELETE CASCADE, "
                    + "bytes " + bytes + " NOT NULL)");
        }
        if (storage == ModelStorage.DATABASE) {
            moveFiles(connection);
        }
    }

    private void moveFiles(Connection connection) throws SQLException, IOException {
        Map<Long, String> artifacts = new LinkedHashMap<>();
        try (Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("SELECT id, artifact FROM model_version ORDER BY id")) {
            while (rows.next()) {
                artifacts.put(rows.getLong("id"), rows.getString("artifact"));
            }
        }
        List<String> missing = new ArrayList<>();
        int moved = 0;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO model_artifact (model_id, bytes) VALUES (?, ?)")) {
            for (Map.Entry<Long, String> artifact : artifacts.entrySet()) {
                Path file = modelDir.resolve(artifact.getValue());
                if (!Files.isRegularFile(file)) {
                    missing.add("model " + artifact.getKey() + " (" + file + ")");
                    continue;
                }
                insert.setLong(1, artifact.getKey());
                insert.setBytes(2, Files.readAllBytes(file));
                insert.executeUpdate();
                moved++;
            }
        }
        if (!artifacts.isEmpty()) {
            log.info("Moved the artifacts of {} of {} models from {} into the database; the directory is no longer "
                    + "read and may be removed", moved, artifacts.size(), modelDir);
        }
        if (!missing.isEmpty()) {
            log.warn("{} models have no artifact file to move and cannot forecast until retrained or deleted: {}",
                    missing.size(), String.join(", ", missing));
        }
    }
}
