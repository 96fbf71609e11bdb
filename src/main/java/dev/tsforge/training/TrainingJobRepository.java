package dev.tsforge.training;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import dev.tsforge.model.NetworkSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Job rows. Every state change is a single conditional UPDATE on the expected current state, so a change that
 * lost a race (e.g. to restart recovery) does nothing and reports it.
 */
@Repository
class TrainingJobRepository {

    private static final String COLUMNS = """
            id, series_id, status, spec, epoch, last_loss, error_message, model_id, created_at, started_at,
            finished_at""";
    private static final int MAX_MESSAGE = 2000;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TrainingJobRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long insert(long seriesId, NetworkSpec spec, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO training_job (series_id, status, spec, epochs_total, epoch, created_at)
                VALUES (:seriesId, 'QUEUED', :spec, :epochs, 0, :now)""")
                .param("seriesId", seriesId)
                .param("spec", json.writeValueAsString(spec))
                .param("epochs", spec.epochs())
                .param("now", utc(now))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    Optional<TrainingJob> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM training_job WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    List<TrainingJob> ofSeries(long seriesId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM training_job WHERE series_id = :id ORDER BY id DESC")
                .param("id", seriesId)
                .query(this::map)
                .list();
    }

    boolean hasActive(long seriesId) {
        return jdbc.sql("SELECT COUNT(*) FROM training_job WHERE series_id = :id AND status IN ('QUEUED', 'RUNNING')")
                .param("id", seriesId)
                .query(Long.class)
                .single() > 0;
    }

    boolean markRunning(long id, Instant now) {
        return jdbc.sql("UPDATE training_job SET status = 'RUNNING', started_at = :now WHERE id = :id AND status = 'QUEUED'")
                .param("now", utc(now))
                .param("id", id)
                .update() == 1;
    }

    void recordEpoch(long id, int epoch, double loss) {
        jdbc.sql("UPDATE training_job SET epoch = :epoch, last_loss = :loss WHERE id = :id AND status = 'RUNNING'")
                .param("epoch", epoch)
                .param("loss", loss)
                .param("id", id)
                .update();
    }

    boolean markSucceeded(long id, long modelId, Instant now) {
        return jdbc.sql("""
                UPDATE training_job SET status = 'SUCCEEDED', model_id = :modelId, finished_at = :now
                WHERE id = :id AND status = 'RUNNING'""")
                .param("modelId", modelId)
                .param("now", utc(now))
                .param("id", id)
                .update() == 1;
    }

    void markFailed(long id, String message, Instant now) {
        jdbc.sql("""
                UPDATE training_job SET status = 'FAILED', error_message = :message, finished_at = :now
                WHERE id = :id AND status IN ('QUEUED', 'RUNNING')""")
                .param("message", truncate(message))
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    /** Fails every job still QUEUED or RUNNING; returns how many. */
    int failAllActive(String message, Instant now) {
        return jdbc.sql("""
                UPDATE training_job SET status = 'FAILED', error_message = :message, finished_at = :now
                WHERE status IN ('QUEUED', 'RUNNING')""")
                .param("message", truncate(message))
                .param("now", utc(now))
                .update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM training_job WHERE id = :id").param("id", id).update();
    }

    private static String truncate(String message) {
        String text = message == null ? "unknown error" : message;
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 1) + "…";
    }

    private TrainingJob map(ResultSet rs, int row) throws SQLException {
        double loss = rs.getDouble("last_loss");
        Double lastLoss = rs.wasNull() ? null : loss;
        long model = rs.getLong("model_id");
        Long modelId = rs.wasNull() ? null : model;
        return new TrainingJob(rs.getLong("id"), rs.getLong("series_id"), JobStatus.valueOf(rs.getString("status")),
                json.readValue(rs.getString("spec"), NetworkSpec.class), rs.getInt("epoch"), lastLoss,
                rs.getString("error_message"), modelId, instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"));
    }
}
