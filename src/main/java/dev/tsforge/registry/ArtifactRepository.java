package dev.tsforge.registry;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The bytes of model artifacts kept in the database ({@code model_artifact}, one row per model version). */
@Repository
class ArtifactRepository {

    private final JdbcClient jdbc;

    ArtifactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long modelId, byte[] bytes) {
        jdbc.sql("INSERT INTO model_artifact (model_id, bytes) VALUES (:id, :bytes)")
                .param("id", modelId)
                .param("bytes", bytes)
                .update();
    }

    Optional<byte[]> bytes(long modelId) {
        return jdbc.sql("SELECT bytes FROM model_artifact WHERE model_id = :id")
                .param("id", modelId)
                .query((rs, row) -> rs.getBytes("bytes"))
                .optional();
    }

    /** The models, oldest first, whose artifact has no row. */
    List<Long> missing(int limit) {
        return jdbc.sql("""
                SELECT v.id FROM model_version v
                WHERE NOT EXISTS (SELECT 1 FROM model_artifact a WHERE a.model_id = v.id)
                ORDER BY v.id FETCH FIRST :limit ROWS ONLY""")
                .param("limit", limit)
                .query(Long.class)
                .list();
    }
}
