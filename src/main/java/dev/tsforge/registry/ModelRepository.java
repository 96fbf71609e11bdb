package dev.tsforge.registry;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import dev.tsforge.config.StoredJson;
import dev.tsforge.evaluation.ConformalCalibration;
import dev.tsforge.evaluation.HoldoutEvaluation;
import dev.tsforge.evaluation.PanelEvaluation;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.StoredSpecs;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class ModelRepository {

    static final String CHAMPION = "champion";
    private static final String COLUMNS = """
            id, series_id, training_job_id, parent_model_id, spec, data_from, data_to, point_count, window_count, epochs_run,
            training_loss, validation_loss, stop_reason, evaluation, calibration, training_millis, engine, artifact, checksum_sha256,
            size_bytes, created_at, fallback_spec, value_min, value_max, collection_id, label_selection,
            panel_evaluation""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ModelRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = StoredJson.mapper(json);
    }

    long insert(ModelVersion model) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO model_version (series_id, training_job_id, parent_model_id, architecture, spec, data_from, data_to,
                    point_count, window_count, epochs_run, training_loss, validation_loss, stop_reason, evaluation,
                    calibration, training_millis, engine, artifact, checksum_sha256, size_bytes, created_at, fallback_spec,
                    value_min, value_max, collection_id, label_selection, panel_evaluation)
                VALUES (:seriesId, :jobId, :parent, :architecture, :spec, :dataFrom, :dataTo, :points, :windows, :epochs,
                    :trainingLoss, :validationLoss, :stopReason, :evaluation, :calibration, :millis, :engine, :artifact, :checksum,
                    :size, :createdAt, :fallback, :valueMin, :valueMax, :collectionId, :labels, :panel)""")
                .param("seriesId", model.global() ? null : model.seriesId())
                .param("collectionId", model.global() ? model.panel().collectionId() : null)
                .param("labels", model.global() ? model.panel().labelSelection() : null)
                .param("panel", model.global() ? json.writeValueAsString(model.panel().evaluation()) : null)
                .param("jobId", model.trainingJobId())
                .param("parent", model.parentModelId())
                .param("architecture", model.spec().architectureName())
                .param("spec", StoredSpecs.write(json, model.spec()))
                .param("dataFrom", utc(model.data().from()))
                .param("dataTo", utc(model.data().to()))
                .param("points", model.data().points())
                .param("windows", model.data().windows())
                .param("epochs", model.run().epochsRun())
                .param("trainingLoss", model.run().trainingLoss())
                .param("validationLoss", model.run().validationLoss())
                .param("stopReason", model.run().stopReason())
                .param("evaluation", model.evaluation() == null ? null : json.writeValueAsString(model.evaluation()))
                .param("calibration", model.calibration() == null ? null : json.writeValueAsString(model.calibration()))
                .param("millis", model.run().millis())
                .param("engine", model.run().engine())
                .param("artifact", model.artifact().name())
                .param("checksum", model.artifact().checksumSha256())
                .param("size", model.artifact().sizeBytes())
                .param("createdAt", utc(model.createdAt()))
                .param("fallback", model.guard().fallback() == null ? null
                        : StoredSpecs.write(json, model.guard().fallback()))
                .param("valueMin", model.guard().valueMin())
                .param("valueMax", model.guard().valueMax())
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    Optional<ModelVersion> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM model_version WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    boolean exists(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM model_version WHERE id = :id").param("id", id).query(Long.class)
                .single() > 0;
    }

    List<ModelVersion> ofSeries(long seriesId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM model_version WHERE series_id = :id ORDER BY id DESC")
                .param("id", seriesId)
                .query(this::map)
                .list();
    }

    /** A collection's global models, newest first. */
    List<ModelVersion> ofCollection(long collectionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM model_version WHERE collection_id = :id ORDER BY id DESC")
                .param("id", collectionId)
                .query(this::map)
                .list();
    }

    void insertMember(long modelId, ModelMember member) {
        jdbc.sql("""
                INSERT INTO model_member (model_id, series_id, evaluation, promoted, reason)
                VALUES (:modelId, :seriesId, :evaluation, :promoted, :reason)""")
                .param("modelId", modelId)
                .param("seriesId", member.seriesId())
                .param("evaluation", json.writeValueAsString(member.evaluation()))
                .param("promoted", member.promoted())
                .param("reason", member.reason().length() > 2000 ? member.reason().substring(0, 2000) : member.reason())
                .update();
    }

    /** A global model's members (those still there), in series id order. */
    List<ModelMember> members(long modelId) {
        return jdbc.sql("""
                SELECT m.series_id, s.unique_id, m.evaluation, m.promoted, m.reason FROM model_member m
                JOIN series s ON s.id = m.series_id WHERE m.model_id = :id ORDER BY m.series_id""")
                .param("id", modelId)
                .query((rs, row) -> new ModelMember(rs.getLong("series_id"), rs.getString("unique_id"),
                        json.readValue(rs.getString("evaluation"), HoldoutEvaluation.class), rs.getBoolean("promoted"),
                        rs.getString("reason")))
                .list();
    }

    /** How many series have this model as their champion. */
    long championOf(long modelId) {
        return jdbc.sql("SELECT COUNT(*) FROM model_alias WHERE model_id = :id AND alias = :alias")
                .param("id", modelId)
                .param("alias", CHAMPION)
                .query(Long.class)
                .single();
    }

    /** Every model's artifact name by id, oldest first. */
    Map<Long, String> artifactNames() {
        Map<Long, String> names = new LinkedHashMap<>();
        jdbc.sql("SELECT id, artifact FROM model_version ORDER BY id")
                .query(rs -> {
                    names.put(rs.getLong("id"), rs.getString("artifact"));
                });
        return names;
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM model_version WHERE id = :id").param("id", id).update() == 1;
    }

    Optional<Long> alias(long seriesId, String alias) {
        return jdbc.sql("SELECT model_id FROM model_alias WHERE series_id = :seriesId AND alias = :alias")
                .param("seriesId", seriesId)
                .param("alias", alias)
                .query(Long.class)
                .optional();
    }

    void setAlias(long seriesId, String alias, long modelId, Instant now) {
        int updated = jdbc.sql("""
                UPDATE model_alias SET model_id = :modelId, updated_at = :now
                WHERE series_id = :seriesId AND alias = :alias""")
                .param("modelId", modelId)
                .param("now", utc(now))
                .param("seriesId", seriesId)
                .param("alias", alias)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO model_alias (series_id, alias, model_id, updated_at)
                    VALUES (:seriesId, :alias, :modelId, :now)""")
                    .param("seriesId", seriesId)
                    .param("alias", alias)
                    .param("modelId", modelId)
                    .param("now", utc(now))
                    .update();
        }
    }

    private ModelVersion map(ResultSet rs, int row) throws SQLException {
        String evaluation = rs.getString("evaluation");
        String calibration = rs.getString("calibration");
        String fallback = rs.getString("fallback_spec");
        Long collectionId = rs.getObject("collection_id", Long.class);
        ModelVersion.Panel panel = collectionId == null ? null : new ModelVersion.Panel(collectionId,
                rs.getString("label_selection"),
                json.readValue(rs.getString("panel_evaluation"), PanelEvaluation.class));
        // a global model has no series: 0, which no series has
        return new ModelVersion(rs.getLong("id"), rs.getLong("series_id"),
                new ModelVersion.Lineage(rs.getObject("training_job_id", Long.class),
                        rs.getObject("parent_model_id", Long.class)),
                StoredSpecs.read(json, rs.getString("spec")),
                new ModelVersion.TrainingData(instant(rs, "data_from"), instant(rs, "data_to"),
                        rs.getInt("point_count"), rs.getInt("window_count")),
                new ModelVersion.TrainingRun(rs.getInt("epochs_run"), rs.getObject("training_loss", Double.class),
                        rs.getObject("validation_loss", Double.class), rs.getString("stop_reason"),
                        rs.getLong("training_millis"), rs.getString("engine")),
                evaluation == null ? null : json.readValue(evaluation, HoldoutEvaluation.class),
                calibration == null ? null : json.readValue(calibration, ConformalCalibration.class),
                new ModelVersion.Guard(fallback == null ? null : (StatisticalSpec) StoredSpecs.read(json, fallback),
                        rs.getObject("value_min", Double.class), rs.getObject("value_max", Double.class)),
                new ModelVersion.Artifact(rs.getString("artifact"), rs.getString("checksum_sha256"),
                        rs.getLong("size_bytes")),
                instant(rs, "created_at"), panel);
    }
}
