package dev.tsforge.ledger;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PolicyRepository {

    private static final String COLUMNS = "id, series_id, collection_id, mode, daily_at, horizon, last_tick, updated_at";

    private final JdbcClient jdbc;

    PolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<RecordingPolicy> ofSeries(long seriesId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ledger_policy WHERE series_id = :id").param("id", seriesId)
                .query(PolicyRepository::map).optional();
    }

    Optional<RecordingPolicy> ofCollection(long collectionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ledger_policy WHERE collection_id = :id")
                .param("id", collectionId).query(PolicyRepository::map).optional();
    }

    List<RecordingPolicy> scheduled() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ledger_policy WHERE mode = 'SCHEDULED' ORDER BY id")
                .query(PolicyRepository::map).list();
    }

    /** Replaces the policy of a series or collection (one id null); a replaced schedule starts afresh. */
    void put(Long seriesId, Long collectionId, RecordingMode mode, LocalTime dailyAt, Integer horizon, Instant now) {
        delete(seriesId, collectionId);
        jdbc.sql("""
                INSERT INTO ledger_policy (series_id, collection_id, mode, daily_at, horizon, updated_at)
                VALUES (:series, :collection, :mode, :at, :horizon, :now)""")
                .param("series", seriesId).param("collection", collectionId).param("mode", mode.name())
                .param("at", dailyAt == null ? null : dailyAt.toString()).param("horizon", horizon)
                .param("now", utc(now)).update();
    }

    void delete(Long seriesId, Long collectionId) {
        if (seriesId != null) {
            jdbc.sql("DELETE FROM ledger_policy WHERE series_id = :id").param("id", seriesId).update();
        } else {
            jdbc.sql("DELETE FROM ledger_policy WHERE collection_id = :id").param("id", collectionId).update();
        }
    }

    /**
     * Takes a scheduled tick as a compare-and-set: of the replicas that find it due, the one whose update moves
     * {@code last_tick} forward records it.
     */
    boolean claim(long policyId, Instant tick) {
        return jdbc.sql("UPDATE ledger_policy SET last_tick = :tick WHERE id = :id "
                        + "AND (last_tick IS NULL OR last_tick < :tick)")
                .param("tick", utc(tick)).param("id", policyId).update() == 1;
    }

    private static RecordingPolicy map(ResultSet rs, int row) throws SQLException {
        long series = rs.getLong("series_id");
        Long seriesId = rs.wasNull() ? null : series;
        long collection = rs.getLong("collection_id");
        Long collectionId = rs.wasNull() ? null : collection;
        String at = rs.getString("daily_at");
        int horizon = rs.getInt("horizon");
        Integer steps = rs.wasNull() ? null : horizon;
        return new RecordingPolicy(rs.getLong("id"), seriesId, collectionId, RecordingMode.valueOf(rs.getString("mode")),
                at == null ? null : LocalTime.parse(at), steps, instant(rs, "last_tick"), instant(rs, "updated_at"));
    }
}
