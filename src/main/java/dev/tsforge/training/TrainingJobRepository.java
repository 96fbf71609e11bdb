package dev.tsforge.training;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import dev.tsforge.config.StoredJson;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.StoredSpecs;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Job rows. Every state change goes through {@link #transition}: a step {@link JobStatus#canMoveTo} forbids is
 * refused before any SQL, and an allowed one is a single conditional UPDATE on the expected current state (compare
 * and set), so a change that lost a race (a cancel against the end of training, restart recovery) does nothing and
 * reports it.
 */
@Repository
class TrainingJobRepository {

    private static final String COLUMNS = """
            id, series_id, status, spec, epoch, last_loss, validation_loss, cancel_requested, stop_reason, outcome,
            error_message, model_id, runner_instance, parent_model_id, auto_budget_seconds, created_at, started_at,
            finished_at, kind, waiting_for, collection_id, label_selection""";
    /** The length of {@code error_message} (and of the reasons written to other tables through {@link #truncate}). */
    private static final int MAX_MESSAGE = 2000;
    /** The length of {@code stop_reason}. */
    private static final int MAX_STOP_REASON = 500;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;

    TrainingJobRepository(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = StoredJson.mapper(json);
        this.events = events;
    }

    long insert(long seriesId, ModelSpec spec, Long parentModelId, Instant now) {
        return insert(seriesId, spec, parentModelId, null, now);
    }

    long insert(long seriesId, ModelSpec spec, Long parentModelId, Integer autoBudgetSeconds, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO training_job (series_id, status, spec, epochs_total, epoch, cancel_requested,
                    parent_model_id, auto_budget_seconds, created_at)
                VALUES (:seriesId, 'QUEUED', :spec, :epochs, 0, FALSE, :parent, :budget, :now)""")
                .param("budget", autoBudgetSeconds)
                .param("seriesId", seriesId)
                .param("parent", parentModelId)
                .param("spec", StoredSpecs.write(json, spec))
                .param("epochs", spec.epochs())
                .param("now", utc(now))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /** A QUEUED training of one network across the members of a collection (those {@code labels} select). */
    long insertGlobal(long collectionId, String labels, ModelSpec spec, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO training_job (collection_id, label_selection, status, spec, epochs_total, epoch,
                    cancel_requested, created_at)
                VALUES (:collectionId, :labels, 'QUEUED', :spec, :epochs, 0, FALSE, :now)""")
                .param("collectionId", collectionId)
                .param("labels", labels)
                .param("spec", StoredSpecs.write(json, spec))
                .param("epochs", spec.epochs())
                .param("now", utc(now))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    List<TrainingJob> ofCollection(long collectionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM training_job WHERE collection_id = :id AND kind = 'TRAINING' "
                + "ORDER BY id DESC")
                .param("id", collectionId)
                .query(this::map)
                .list();
    }

    Optional<TrainingJob> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM training_job WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    List<TrainingJob> ofSeries(long seriesId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM training_job WHERE series_id = :id AND kind = 'TRAINING'"
                        + " ORDER BY id DESC")
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

    /**
     * QUEUED (or RUNNING, when a run died with its replica) → RUNNING from epoch 0 on this instance; false when the
     * job was cancelled, finished or deleted meanwhile.
     */
    boolean start(long id, String instance, Instant now) {
        boolean started = transition(id, Set.of(JobStatus.QUEUED, JobStatus.RUNNING), JobStatus.RUNNING, """
                epoch = 0, last_loss = NULL, validation_loss = NULL, started_at = :now, runner_instance = :instance,
                waiting_for = NULL""",
                new MapSqlParameterSource("now", utc(now)).addValue("instance", instance));
        if (started) {
            jdbc.sql("DELETE FROM training_epoch WHERE job_id = :id").param("id", id).update();
        }
        return started;
    }

    /** Records why a QUEUED job waits; false when it is no longer QUEUED. Not a change of state. */
    boolean markWaiting(long id, String reason) {
        return jdbc.sql("UPDATE training_job SET waiting_for = :reason WHERE id = :id AND status = 'QUEUED'")
                .param("reason", truncate(reason))
                .param("id", id)
                .update() == 1;
    }

    /** RUNNING → QUEUED, for a run stopped by shutdown that JobRunr will start again. */
    boolean handBack(long id) {
        return transition(id, Set.of(JobStatus.RUNNING), JobStatus.QUEUED, """
                epoch = 0, last_loss = NULL, validation_loss = NULL, started_at = NULL, runner_instance = NULL""",
                new MapSqlParameterSource());
    }

    void recordEpoch(long id, EpochLoss loss) {
        jdbc.sql("""
                UPDATE training_job SET epoch = :epoch, last_loss = :loss, validation_loss = :validation
                WHERE id = :id AND status = 'RUNNING'""")
                .param("epoch", loss.epoch())
                .param("loss", loss.trainingLoss())
                .param("validation", loss.validationLoss())
                .param("id", id)
                .update();
        jdbc.sql("""
                INSERT INTO training_epoch (job_id, epoch, training_loss, validation_loss, elapsed_millis)
                VALUES (:id, :epoch, :loss, :validation, :elapsed)""")
                .param("id", id)
                .param("epoch", loss.epoch())
                .param("loss", loss.trainingLoss())
                .param("validation", loss.validationLoss())
                .param("elapsed", loss.elapsedMillis())
                .update();
    }

    List<EpochLoss> losses(long id) {
        return jdbc.sql("""
                SELECT epoch, training_loss, validation_loss, elapsed_millis FROM training_epoch
                WHERE job_id = :id ORDER BY epoch""")
                .param("id", id)
                .query((rs, row) -> new EpochLoss(rs.getInt("epoch"), rs.getDouble("training_loss"),
                        rs.getObject("validation_loss", Double.class), rs.getLong("elapsed_millis")))
                .list();
    }

    /** An AUTO job's spec becomes the winner's once the search has chosen. */
    void updateSpec(long id, ModelSpec spec) {
        jdbc.sql("UPDATE training_job SET spec = :spec, epochs_total = :epochs WHERE id = :id")
                .param("spec", StoredSpecs.write(json, spec))
                .param("epochs", spec.epochs())
                .param("id", id)
                .update();
    }

    boolean cancelRequested(long id) {
        return jdbc.sql("SELECT cancel_requested FROM training_job WHERE id = :id")
                .param("id", id)
                .query(Boolean.class)
                .optional()
                .orElse(true);
    }

    boolean requestCancel(long id) {
        return jdbc.sql("UPDATE training_job SET cancel_requested = TRUE WHERE id = :id AND status = 'RUNNING'")
                .param("id", id)
                .update() == 1;
    }

    /** QUEUED → CANCELLED, before it ever ran. */
    boolean cancelQueued(long id, Instant now) {
        return transition(id, Set.of(JobStatus.QUEUED), JobStatus.CANCELLED,
                "cancel_requested = TRUE, finished_at = :now", new MapSqlParameterSource("now", utc(now)));
    }

    /** RUNNING → CANCELLED, once the run has stopped at the end of an epoch. */
    boolean markCancelled(long id, String reason, Instant now) {
        return transition(id, Set.of(JobStatus.RUNNING), JobStatus.CANCELLED,
                "stop_reason = :reason, finished_at = :now",
                new MapSqlParameterSource("reason", truncate(reason, MAX_STOP_REASON)).addValue("now", utc(now)));
    }

    /** RUNNING → SUCCEEDED; {@code modelId}, {@code stopReason} and {@code outcome} are null for a backtest. */
    boolean markSucceeded(long id, Long modelId, String stopReason, String outcome, Instant now) {
        return markSucceeded(id, modelId, stopReason, outcome, null, now);
    }

    /** RUNNING → SUCCEEDED, recording whether the model became the champion (null: no model). */
    boolean markSucceeded(long id, Long modelId, String stopReason, String outcome, Boolean promoted, Instant now) {
        return transition(id, Set.of(JobStatus.RUNNING), JobStatus.SUCCEEDED, """
                model_id = :modelId, stop_reason = :stopReason, outcome = :outcome, promoted = :promoted,
                finished_at = :now""",
                // the outcome is whole: it ends with what was served and why
                new MapSqlParameterSource("modelId", modelId)
                        .addValue("stopReason", truncate(stopReason, MAX_STOP_REASON))
                        .addValue("outcome", outcome).addValue("promoted", promoted)
                        .addValue("now", utc(now)));
    }

    /** QUEUED or RUNNING → FAILED. */
    boolean markFailed(long id, String message, Instant now) {
        return transition(id, Set.of(JobStatus.QUEUED, JobStatus.RUNNING), JobStatus.FAILED,
                "error_message = :message, finished_at = :now",
                new MapSqlParameterSource("message", truncate(message)).addValue("now", utc(now)));
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM training_job WHERE id = :id").param("id", id).update();
    }

    /**
     * Moves the job to {@code to} if it is in one of {@code from}, setting {@code assignments} (named parameters
     * from {@code values}) with it.
     *
     * @return false when the job was in none of {@code from} (it lost a race, or is gone)
     * @throws IllegalStateException when {@link JobStatus#canMoveTo} forbids one of the steps: a bug, never a race
     */
    boolean transition(long id, Set<JobStatus> from, JobStatus to, String assignments,
            MapSqlParameterSource values) {
        for (JobStatus status : from) {
            if (!status.canMoveTo(to)) {
                throw new IllegalStateException("a job cannot move from " + status + " to " + to);
            }
        }
        boolean moved = jdbc.sql("UPDATE training_job SET status = :to" + (assignments.isBlank() ? "" : ", "
                        + assignments) + " WHERE id = :id AND status IN (:from)")
                .paramSource(values.addValue("to", to.name()).addValue("id", id)
                        .addValue("from", from.stream().map(JobStatus::name).sorted().toList()))
                .update() == 1;
        if (moved && to.isFinal()) {
            // the one place every final state is written (runner, cancel, GPU refusal, restart recovery)
            find(id).ifPresent(job -> events.publishEvent(TrainingEvents.JobEnded.of(job)));
        }
        return moved;
    }

    static String truncate(String message) {
        return truncate(message, MAX_MESSAGE);
    }

    private static String truncate(String message, int max) {
        if (message == null) {
            return null;
        }
        return message.length() <= max ? message : message.substring(0, max - 1) + "…";
    }

    private TrainingJob map(ResultSet rs, int row) throws SQLException {
        return new TrainingJob(rs.getLong("id"), rs.getLong("series_id"), JobStatus.valueOf(rs.getString("status")),
                StoredSpecs.read(json, rs.getString("spec")), rs.getInt("epoch"),
                rs.getObject("last_loss", Double.class), rs.getObject("validation_loss", Double.class),
                rs.getBoolean("cancel_requested"), rs.getString("stop_reason"), rs.getString("outcome"),
                rs.getString("error_message"), rs.getObject("model_id", Long.class), rs.getString("runner_instance"),
                rs.getObject("parent_model_id", Long.class), rs.getObject("auto_budget_seconds", Integer.class),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                JobKind.valueOf(rs.getString("kind")), rs.getString("waiting_for"),
                rs.getObject("collection_id", Long.class), rs.getString("label_selection"));
    }
}
