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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Collection runs and what concerns their children as a group: progress, the summary table, dispatch. A child's own
 * state changes go through {@link TrainingJobRepository} like any job's.
 */
@Repository
class CollectionRunRepository {

    private static final String COLUMNS = """
            id, collection_id, mode, label_selection, spec, horizon, auto_budget_seconds, status, cancel_requested,
            created_at, finished_at""";
    private static final String ACTIVE = "('QUEUED', 'RUNNING')";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CollectionRunRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = StoredJson.mapper(json);
    }

    long insert(long collectionId, RunPlan plan, List<String> labels, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        RunPlan.Auto auto = plan instanceof RunPlan.Auto a ? a : null;
        jdbc.sql("""
                INSERT INTO collection_run (collection_id, mode, label_selection, spec, horizon, auto_budget_seconds,
                    status, cancel_requested, created_at)
                VALUES (:collection, :mode, :labels, :spec, :horizon, :budget, 'RUNNING', FALSE, :now)""")
                .param("collection", collectionId)
                .param("mode", plan.mode().name())
                .param("labels", labels.isEmpty() ? null : json.writeValueAsString(labels))
                .param("spec", plan instanceof RunPlan.Train train ? StoredSpecs.write(json, train.spec()) : null)
                .param("horizon", auto == null ? null : auto.horizon())
                .param("budget", auto == null ? null : auto.budgetSeconds())
                .param("now", utc(now))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /**
     * A collection run's child: QUEUED and not yet dispatched to JobRunr (see {@link ChildDispatcher}), or, when
     * {@code failure} says why the member cannot train, FAILED at once without ever taking a worker.
     */
    long insertChild(long runId, long seriesId, ModelSpec spec, Integer autoBudgetSeconds, String failure,
            Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO training_job (series_id, status, spec, epochs_total, epoch, cancel_requested,
                    auto_budget_seconds, error_message, created_at, finished_at, collection_run_id, dispatched)
                VALUES (:seriesId, :status, :spec, :epochs, 0, FALSE, :budget, :failure, :now, :finished, :run,
                    FALSE)""")
                .param("seriesId", seriesId)
                .param("status", failure == null ? JobStatus.QUEUED.name() : JobStatus.FAILED.name())
                .param("spec", StoredSpecs.write(json, spec))
                .param("epochs", spec.epochs())
                .param("budget", autoBudgetSeconds)
                .param("failure", TrainingJobRepository.truncate(failure))
                .param("now", utc(now))
                .param("finished", failure == null ? null : utc(now))
                .param("run", runId)
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    Optional<CollectionRun> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM collection_run WHERE id = :id").param("id", id)
                .query(this::map).optional();
    }

    List<CollectionRun> ofCollection(long collectionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM collection_run WHERE collection_id = :id ORDER BY id DESC")
                .param("id", collectionId).query(this::map).list();
    }

    CollectionRun.Progress progress(long runId) {
        int[] counts = new int[JobStatus.values().length];
        jdbc.sql("SELECT status, COUNT(*) AS n FROM training_job WHERE collection_run_id = :id GROUP BY status")
                .param("id", runId)
                .query(rs -> {
                    counts[JobStatus.valueOf(rs.getString("status")).ordinal()] = rs.getInt("n");
                });
        int total = 0;
        for (int count : counts) {
            total += count;
        }
        return new CollectionRun.Progress(total, counts[JobStatus.QUEUED.ordinal()],
                counts[JobStatus.RUNNING.ordinal()], counts[JobStatus.SUCCEEDED.ordinal()],
                counts[JobStatus.FAILED.ordinal()], counts[JobStatus.CANCELLED.ordinal()]);
    }

    /** The summary table: one line per child, in member order. */
    List<CollectionRun.Member> members(long runId) {
        return jdbc.sql("""
                SELECT s.unique_id, j.series_id, j.id, j.status, j.model_id, j.promoted, j.error_message
                FROM training_job j JOIN series s ON s.id = j.series_id
                WHERE j.collection_run_id = :id ORDER BY j.id""")
                .param("id", runId)
                .query((rs, row) -> new CollectionRun.Member(rs.getString("unique_id"), rs.getLong("series_id"),
                        rs.getLong("id"), JobStatus.valueOf(rs.getString("status")),
                        rs.getObject("model_id", Long.class), rs.getObject("promoted", Boolean.class),
                        rs.getString("error_message")))
                .list();
    }

    /** The children that are QUEUED or RUNNING. */
    List<Long> activeChildren(long runId) {
        return jdbc.sql("SELECT id FROM training_job WHERE collection_run_id = :id AND status IN " + ACTIVE
                        + " ORDER BY id")
                .param("id", runId).query(Long.class).list();
    }

    Optional<Long> runOf(long jobId) {
        return jdbc.sql("SELECT collection_run_id FROM training_job WHERE id = :id AND collection_run_id IS NOT NULL")
                .param("id", jobId).query(Long.class).optional();
    }

    /** RUNNING runs only: a finished run has nothing left to cancel. */
    boolean requestCancel(long runId) {
        return jdbc.sql("UPDATE collection_run SET cancel_requested = TRUE WHERE id = :id AND status = 'RUNNING'")
                .param("id", runId).update() == 1;
    }

    /**
     * RUNNING → COMPLETED (or CANCELLED, when a cancel was asked) for every run, or the one given, whose children
     * have all finished; a compare-and-set, so replicas closing the same run at once close it once.
     *
     * @param runId the run, or null for all
     */
    int finishDone(Long runId, Instant now) {
        // two texts rather than ":id IS NULL OR ...": PostgreSQL cannot type a parameter that is only compared to NULL
        JdbcClient.StatementSpec update = jdbc.sql("""
                UPDATE collection_run SET finished_at = :now,
                    status = CASE WHEN cancel_requested THEN 'CANCELLED' ELSE 'COMPLETED' END
                WHERE status = 'RUNNING' AND NOT EXISTS (
                    SELECT 1 FROM training_job j WHERE j.collection_run_id = collection_run.id
                    AND j.status IN """ + ACTIVE + ")"
                + (runId == null ? "" : " AND id = :id"))
                .param("now", utc(now));
        return (runId == null ? update : update.param("id", runId)).update();
    }

    /** Children handed to JobRunr and not yet finished, on every replica. */
    long childrenInFlight() {
        return jdbc.sql("SELECT COUNT(*) FROM training_job WHERE collection_run_id IS NOT NULL AND dispatched "
                        + "AND status IN " + ACTIVE)
                .query(Long.class).single();
    }

    /** The oldest children still waiting for JobRunr, at most {@code limit}. */
    List<Long> undispatched(int limit) {
        return jdbc.sql("SELECT id FROM training_job WHERE NOT dispatched AND status = 'QUEUED' ORDER BY id "
                        + "LIMIT :limit")
                .param("limit", limit).query(Long.class).list();
    }

    void markDispatched(List<Long> jobIds) {
        if (!jobIds.isEmpty()) {
            jdbc.sql("UPDATE training_job SET dispatched = TRUE WHERE id IN (:ids)").param("ids", jobIds).update();
        }
    }

    private CollectionRun map(ResultSet rs, int row) throws SQLException {
        String labels = rs.getString("label_selection");
        String spec = rs.getString("spec");
        return new CollectionRun(rs.getLong("id"), rs.getLong("collection_id"),
                CollectionRun.Mode.valueOf(rs.getString("mode")),
                labels == null ? List.of() : json.readValue(labels, new TypeReference<List<String>>() { }),
                spec == null ? null : StoredSpecs.read(json, spec), rs.getObject("horizon", Integer.class),
                rs.getObject("auto_budget_seconds", Integer.class),
                CollectionRun.Status.valueOf(rs.getString("status")), rs.getBoolean("cancel_requested"),
                instant(rs, "created_at"), instant(rs, "finished_at"));
    }
}
