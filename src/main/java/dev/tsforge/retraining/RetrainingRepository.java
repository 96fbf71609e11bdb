package dev.tsforge.retraining;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Retraining policies and each series' one-at-a-time state ({@code retraining_series}). */
@Repository
class RetrainingRepository {

    private static final String COLUMNS = "id, series_id, collection_id, trigger_kind, cron, points, start_from, "
            + "last_tick, updated_at";

    /** A series' state: its point count when AFTER_POINTS last fired, and its last retraining job (0: none). */
    record SeriesState(long seriesId, long pointsSeen, long jobId, Instant claimedAt) {
    }

    private final JdbcClient jdbc;

    RetrainingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<RetrainingPolicy> ofSeries(long seriesId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM retraining_policy WHERE series_id = :id").param("id", seriesId)
                .query(RetrainingRepository::map).optional();
    }

    Optional<RetrainingPolicy> ofCollection(long collectionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM retraining_policy WHERE collection_id = :id")
                .param("id", collectionId).query(RetrainingRepository::map).optional();
    }

    /** Whether any policy has this trigger: one indexed probe that spares the per-series lookups when none has. */
    boolean anyWith(RetrainingTrigger trigger) {
        return jdbc.sql("SELECT 1 FROM retraining_policy WHERE trigger_kind = :trigger FETCH FIRST 1 ROWS ONLY")
                .param("trigger", trigger.name()).query(Integer.class).optional().isPresent();
    }

    /** The members of a collection that have a policy of their own. */
    List<Long> membersWithOwnPolicy(long collectionId) {
        return jdbc.sql("SELECT p.series_id FROM retraining_policy p JOIN series s ON s.id = p.series_id "
                        + "WHERE s.collection_id = :collection")
                .param("collection", collectionId).query(Long.class).list();
    }

    List<RetrainingPolicy> scheduled() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM retraining_policy WHERE trigger_kind = 'SCHEDULE' ORDER BY id")
                .query(RetrainingRepository::map).list();
    }

    /** Replaces the policy of a series or collection (one id null); a replaced policy starts afresh. */
    void put(Long seriesId, Long collectionId, RetrainingTrigger trigger, String cron, Integer points,
            RetrainingStart start, Instant now) {
        delete(seriesId, collectionId);
        jdbc.sql("""
                INSERT INTO retraining_policy (series_id, collection_id, trigger_kind, cron, points, start_from,
                    updated_at)
                VALUES (:series, :collection, :trigger, :cron, :points, :start, :now)""")
                .param("series", seriesId).param("collection", collectionId).param("trigger", trigger.name())
                .param("cron", cron).param("points", points).param("start", start.name()).param("now", utc(now))
                .update();
    }

    /**
     * Deletes the policy of a series or collection (one id null). Its firings stay, shown by no policy, until the
     * newest firings of their series push them out ({@link FiringRepository#KEPT}).
     *
     * @return whether there was a policy to delete
     */
    boolean delete(Long seriesId, Long collectionId) {
        String column = seriesId != null ? "series_id" : "collection_id";
        long id = seriesId != null ? seriesId : collectionId;
        return jdbc.sql("DELETE FROM retraining_policy WHERE " + column + " = :id").param("id", id).update() == 1;
    }

    /**
     * Takes a cron tick as a compare-and-set: of the replicas that find it due, the one whose update moves
     * {@code last_tick} forward fires it.
     */
    boolean claimTick(long policyId, Instant tick) {
        return jdbc.sql("UPDATE retraining_policy SET last_tick = :tick WHERE id = :id "
                        + "AND (last_tick IS NULL OR last_tick < :tick)")
                .param("tick", utc(tick)).param("id", policyId).update() == 1;
    }

    /** The series' state, created with {@code pointCount} as the points seen when it has none yet. */
    SeriesState state(long seriesId, long pointCount) {
        Optional<SeriesState> state = findState(seriesId);
        if (state.isPresent()) {
            return state.get();
        }
        try {
            jdbc.sql("INSERT INTO retraining_series (series_id, points_seen, job_id) VALUES (:id, :points, 0)")
                    .param("id", seriesId).param("points", pointCount).update();
        } catch (DuplicateKeyException anotherReplica) {
            // created meanwhile by another thread or replica: theirs stands
        }
        return findState(seriesId).orElseThrow();
    }

    private Optional<SeriesState> findState(long seriesId) {
        return jdbc.sql("SELECT series_id, points_seen, job_id, claimed_at FROM retraining_series WHERE series_id = :id")
                .param("id", seriesId)
                .query((rs, row) -> new SeriesState(rs.getLong("series_id"), rs.getLong("points_seen"),
                        rs.getLong("job_id"), instant(rs, "claimed_at")))
                .optional();
    }

    /** Counting starts again from {@code pointCount} (a policy was set). */
    void resetPoints(long seriesId, long pointCount) {
        state(seriesId, pointCount);
        jdbc.sql("UPDATE retraining_series SET points_seen = :points WHERE series_id = :id")
                .param("points", pointCount).param("id", seriesId).update();
    }

    /**
     * Counting starts again for every member of a collection from its stored point count, in two statements
     * whatever the collection's size (the series row keeps the count).
     */
    void resetCollectionPoints(long collectionId) {
        jdbc.sql("""
                UPDATE retraining_series SET points_seen =
                    (SELECT s.point_count FROM series s WHERE s.id = retraining_series.series_id)
                WHERE series_id IN (SELECT id FROM series WHERE collection_id = :collection)""")
                .param("collection", collectionId).update();
        jdbc.sql("""
                INSERT INTO retraining_series (series_id, points_seen, job_id)
                SELECT s.id, s.point_count, 0 FROM series s WHERE s.collection_id = :collection
                    AND NOT EXISTS (SELECT 1 FROM retraining_series r WHERE r.series_id = s.id)""")
                .param("collection", collectionId).update();
    }

    /**
     * Takes the AFTER_POINTS trigger as a compare-and-set: succeeds when the series has at least {@code points} more
     * than were seen, and moves the count seen to {@code pointCount}, so two ingests count their points once.
     */
    boolean takePoints(long seriesId, long pointCount, int points) {
        return jdbc.sql("UPDATE retraining_series SET points_seen = :count WHERE series_id = :id "
                        + "AND points_seen <= :threshold")
                .param("count", pointCount).param("id", seriesId).param("threshold", pointCount - points)
                .update() == 1;
    }

    /**
     * Claims the series for starting a job, as a compare-and-set on what the caller read: the last job is still
     * {@code lastJobId} (no other start came in between) and no other start is under way (unless its claim is older
     * than {@code staleBefore}: a replica that died between the claim and the submission).
     */
    boolean claim(long seriesId, long lastJobId, Instant now, Instant staleBefore) {
        return jdbc.sql("UPDATE retraining_series SET claimed_at = :now WHERE series_id = :id AND job_id = :job "
                        + "AND (claimed_at IS NULL OR claimed_at < :stale)")
                .param("now", utc(now)).param("id", seriesId).param("job", lastJobId).param("stale", utc(staleBefore))
                .update() == 1;
    }

    /** Ends a claim: with the job started ({@code jobId}), or with the last job kept ({@code null}). */
    void release(long seriesId, Long jobId) {
        if (jobId == null) {
            jdbc.sql("UPDATE retraining_series SET claimed_at = NULL WHERE series_id = :id").param("id", seriesId)
                    .update();
        } else {
            jdbc.sql("UPDATE retraining_series SET claimed_at = NULL, job_id = :job WHERE series_id = :id")
                    .param("job", jobId).param("id", seriesId).update();
        }
    }

    void forgetSeries(long seriesId) {
        delete(seriesId, null);
        jdbc.sql("DELETE FROM retraining_firing WHERE series_id = :id").param("id", seriesId).update();
        jdbc.sql("DELETE FROM retraining_series WHERE series_id = :id").param("id", seriesId).update();
    }

    private static RetrainingPolicy map(ResultSet rs, int row) throws SQLException {
        long series = rs.getLong("series_id");
        Long seriesId = rs.wasNull() ? null : series;
        long collection = rs.getLong("collection_id");
        Long collectionId = rs.wasNull() ? null : collection;
        int points = rs.getInt("points");
        Integer after = rs.wasNull() ? null : points;
        return new RetrainingPolicy(rs.getLong("id"), seriesId, collectionId,
                RetrainingTrigger.valueOf(rs.getString("trigger_kind")), rs.getString("cron"), after,
                RetrainingStart.valueOf(rs.getString("start_from")), instant(rs, "last_tick"),
                instant(rs, "updated_at"));
    }
}
