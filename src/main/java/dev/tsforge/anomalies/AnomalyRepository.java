package dev.tsforge.anomalies;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import dev.tsforge.config.JdbcTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AnomalyRepository {

    private final JdbcClient jdbc;

    AnomalyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How detection of a series went; empty when it is off. */
    record Setting(long seriesId, Instant updatedAt, long scoredPoints, long skippedPoints, String lastSkip,
            Instant lastScoredAt) {
    }

    Optional<Setting> setting(long seriesId) {
        return jdbc.sql("SELECT * FROM anomaly_setting WHERE series_id = :series").param("series", seriesId)
                .query((rs, row) -> new Setting(rs.getLong("series_id"), instant(rs, "updated_at"),
                        rs.getLong("scored_points"), rs.getLong("skipped_points"), rs.getString("last_skip"),
                        instant(rs, "last_scored_at")))
                .optional();
    }

    /** Those of {@code seriesIds} with detection on. */
    Set<Long> enabledAmong(Collection<Long> seriesIds) {
        Set<Long> enabled = new HashSet<>();
        List<Long> ids = List.copyOf(seriesIds);
        for (int start = 0; start < ids.size(); start += 1000) {
            enabled.addAll(jdbc.sql("SELECT series_id FROM anomaly_setting WHERE series_id IN (:ids)")
                    .param("ids", ids.subList(start, Math.min(ids.size(), start + 1000))).query(Long.class).list());
        }
        return enabled;
    }

    void enable(long seriesId, Instant now) {
        if (setting(seriesId).isEmpty()) {
            jdbc.sql("INSERT INTO anomaly_setting (series_id, updated_at) VALUES (:series, :now)")
                    .param("series", seriesId).param("now", utc(now)).update();
        }
    }

    void disable(long seriesId) {
        jdbc.sql("DELETE FROM anomaly_setting WHERE series_id = :series").param("series", seriesId).update();
    }

    /** Adds to a series' tallies; nothing when detection was turned off meanwhile. */
    void tally(long seriesId, int scored, int skipped, String skipReason, Instant now) {
        jdbc.sql("""
                UPDATE anomaly_setting SET scored_points = scored_points + :scored,
                    skipped_points = skipped_points + :skipped,
                    last_skip = COALESCE(:reason, last_skip), last_scored_at = :now
                WHERE series_id = :series""")
                .param("scored", scored).param("skipped", skipped).param("reason", skipReason)
                .param("now", utc(now)).param("series", seriesId).update();
    }

    /**
     * The verdict on scored points: their earlier rows go, the flagged ones are written, so that a point scored twice
     * is one row (or none, once it is no longer outside its band).
     */
    void replace(long seriesId, Collection<Instant> scored, List<Anomaly> flagged) {
        List<OffsetDateTime> timestamps = scored.stream().map(JdbcTimes::utc).toList();
        for (int start = 0; start < timestamps.size(); start += 1000) {
            jdbc.sql("DELETE FROM anomaly WHERE series_id = :series AND ts IN (:ts)").param("series", seriesId)
                    .param("ts", timestamps.subList(start, Math.min(timestamps.size(), start + 1000))).update();
        }
        for (Anomaly anomaly : flagged) {
            jdbc.sql("""
                    INSERT INTO anomaly (series_id, ts, point_value, expected, lower_bound, upper_bound, level,
                        model_id, origin, step, detected_at)
                    VALUES (:series, :ts, :value, :expected, :lower, :upper, :level, :model, :origin, :step, :at)""")
                    .param("series", seriesId).param("ts", utc(anomaly.timestamp())).param("value", anomaly.value())
                    .param("expected", anomaly.expected()).param("lower", anomaly.lower())
                    .param("upper", anomaly.upper()).param("level", anomaly.level())
                    .param("model", anomaly.modelId()).param("origin", utc(anomaly.origin()))
                    .param("step", anomaly.step()).param("at", utc(anomaly.detectedAt())).update();
        }
    }

    long count(long seriesId) {
        return jdbc.sql("SELECT COUNT(*) FROM anomaly WHERE series_id = :series").param("series", seriesId)
                .query(Long.class).single();
    }

    /** Newest first. */
    List<Anomaly> page(long seriesId, int offset, int limit) {
        return jdbc.sql("SELECT * FROM anomaly WHERE series_id = :series ORDER BY ts DESC OFFSET :offset ROWS "
                        + "FETCH NEXT :limit ROWS ONLY")
                .param("series", seriesId).param("offset", offset).param("limit", limit)
                .query(AnomalyRepository::map).list();
    }

    /** Oldest first, in [from, to]. */
    List<Anomaly> range(long seriesId, Instant from, Instant to) {
        return jdbc.sql("SELECT * FROM anomaly WHERE series_id = :series AND ts >= :from AND ts <= :to ORDER BY ts")
                .param("series", seriesId).param("from", utc(from)).param("to", utc(to))
                .query(AnomalyRepository::map).list();
    }

    void deleteSeries(long seriesId) {
        jdbc.sql("DELETE FROM anomaly WHERE series_id = :series").param("series", seriesId).update();
        disable(seriesId);
        jdbc.sql("DELETE FROM series_duplicates WHERE series_id = :series").param("series", seriesId).update();
    }

    /** Duplicates refused at ingest: points and batches. */
    record Duplicates(long points, long batches, Instant lastRefusedAt) {
    }

    Optional<Duplicates> duplicates(long seriesId) {
        return jdbc.sql("SELECT * FROM series_duplicates WHERE series_id = :series").param("series", seriesId)
                .query((rs, row) -> new Duplicates(rs.getLong("refused_points"), rs.getLong("refused_batches"),
                        instant(rs, "last_refused_at")))
                .optional();
    }

    void countDuplicates(long seriesId, int points, Instant now) {
        int updated = jdbc.sql("""
                UPDATE series_duplicates SET refused_points = refused_points + :points,
                    refused_batches = refused_batches + 1, last_refused_at = :now
                WHERE series_id = :series""")
                .param("points", points).param("now", utc(now)).param("series", seriesId).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO series_duplicates (series_id, refused_points, refused_batches, last_refused_at)
                    VALUES (:series, :points, 1, :now)""")
                    .param("series", seriesId).param("points", points).param("now", utc(now)).update();
        }
    }

    private static Anomaly map(ResultSet rs, int row) throws SQLException {
        return new Anomaly(instant(rs, "ts"), rs.getDouble("point_value"), rs.getDouble("expected"),
                rs.getDouble("lower_bound"), rs.getDouble("upper_bound"), rs.getDouble("level"),
                rs.getLong("model_id"), instant(rs, "origin"), rs.getInt("step"), instant(rs, "detected_at"));
    }
}
