package dev.tsforge.registry;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import dev.tsforge.model.NetworkSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class ModelRepository {

    private static final String COLUMNS = """
            id, series_id, training_job_id, spec, data_from, data_to, point_count, window_count, final_loss,
            training_millis, engine, artifact, created_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ModelRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long insert(ModelVersion model) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO model_version (series_id, training_job_id, architecture, spec, data_from, data_to,
                    point_count, window_count, final_loss, training_millis, engine, artifact, created_at)
                VALUES (:seriesId, :jobId, :architecture, :spec, :dataFrom, :dataTo, :points, :windows, :loss,
                    :millis, :engine, :artifact, :createdAt)""")
                .param("seriesId", model.seriesId())
                .param("jobId", model.trainingJobId())
                .param("architecture", model.spec().architecture().name())
                .param("spec", json.writeValueAsString(model.spec()))
                .param("dataFrom", utc(model.dataFrom()))
                .param("dataTo", utc(model.dataTo()))
                .param("points", model.pointCount())
                .param("windows", model.windowCount())
                .param("loss", model.finalLoss())
                .param("millis", model.trainingMillis())
                .param("engine", model.engine())
                .param("artifact", model.artifact())
                .param("createdAt", utc(model.createdAt()))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    Optional<ModelVersion> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM model_version WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    Optional<ModelVersion> newestOf(long seriesId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM model_version WHERE series_id = :id ORDER BY id DESC "
                        + "FETCH FIRST 1 ROWS ONLY")
                .param("id", seriesId)
                .query(this::map)
                .optional();
    }

    List<ModelVersion> ofSeries(long seriesId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM model_version WHERE series_id = :id ORDER BY id DESC")
                .param("id", seriesId)
                .query(this::map)
                .list();
    }

    private ModelVersion map(ResultSet rs, int row) throws SQLException {
        return new ModelVersion(rs.getLong("id"), rs.getLong("series_id"), rs.getLong("training_job_id"),
                json.readValue(rs.getString("spec"), NetworkSpec.class), instant(rs, "data_from"),
                instant(rs, "data_to"), rs.getInt("point_count"), rs.getInt("window_count"),
                rs.getDouble("final_loss"), rs.getLong("training_millis"), rs.getString("engine"),
                rs.getString("artifact"), instant(rs, "created_at"));
    }
}
