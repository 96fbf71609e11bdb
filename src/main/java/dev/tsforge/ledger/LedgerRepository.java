package dev.tsforge.ledger;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Recorded forecasts and their steps. */
@Repository
class LedgerRepository {

    private static final String STEP_COLUMNS = "f.series_id, f.model_id, s.forecast_id, s.step, s.target, s.point, "
            + "s.intervals, s.baseline, s.actual";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    LedgerRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Writes a forecast with its steps (in the caller's transaction). */
    long insert(long seriesId, Long collectionId, long modelId, Instant origin, RecordingMode trigger,
            Instant recordedAt, List<RecordedStep> steps) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO ledger_forecast (series_id, collection_id, model_id, origin, horizon, trigger_mode,
                    recorded_at)
                VALUES (:series, :collection, :model, :origin, :horizon, :trigger, :at)""")
                .param("series", seriesId).param("collection", collectionId).param("model", modelId)
                .param("origin", utc(origin)).param("horizon", steps.size()).param("trigger", trigger.name())
                .param("at", utc(recordedAt))
                .update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        template.batchUpdate("""
                INSERT INTO ledger_step (forecast_id, step, series_id, target, point, intervals, baseline)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", steps, steps.size(), (ps, step) -> {
            ps.setLong(1, id);
            ps.setInt(2, step.step());
            ps.setLong(3, seriesId);
            ps.setObject(4, utc(step.target()));
            ps.setDouble(5, step.point());
            ps.setString(6, Bound.encode(step.intervals()));
            if (step.baseline() == null) {
                ps.setNull(7, Types.DOUBLE);
            } else {
                ps.setDouble(7, step.baseline());
            }
        });
        return id;
    }

    /** Deletes a series' recorded forecasts beyond its newest {@code keep}. */
    int trim(long seriesId, int keep) {
        Long oldestKept = jdbc.sql("SELECT id FROM ledger_forecast WHERE series_id = :series ORDER BY id DESC "
                        + "OFFSET :keep ROWS FETCH FIRST 1 ROWS ONLY")
                .param("series", seriesId).param("keep", keep).query(Long.class).optional().orElse(null);
        if (oldestKept == null) {
            return 0;
        }
        return deleteForecasts("series_id = :series AND id <= :id", Map.of("series", seriesId, "id", oldestKept));
    }

    int deleteRecordedBefore(Instant cutoff) {
        return deleteForecasts("recorded_at < :cutoff", Map.of("cutoff", utc(cutoff)));
    }

    int deleteSeries(long seriesId) {
        return deleteForecasts("series_id = :series", Map.of("series", seriesId));
    }

    /** Steps first, so that the cascade is not relied on where a database declines it for many rows. */
    private int deleteForecasts(String where, Map<String, ?> params) {
        jdbc.sql("DELETE FROM ledger_step WHERE forecast_id IN (SELECT id FROM ledger_forecast WHERE " + where + ")")
                .params(params).update();
        return jdbc.sql("DELETE FROM ledger_forecast WHERE " + where).params(params).update();
    }

    long count(long seriesId) {
        return jdbc.sql("SELECT COUNT(*) FROM ledger_forecast WHERE series_id = :series").param("series", seriesId)
                .query(Long.class).single();
    }

    /** A page of a series' recorded forecasts, newest first, with their steps. */
    List<RecordedForecast> page(long seriesId, int offset, int limit) {
        Map<Long, RecordedForecast> forecasts = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT id, series_id, model_id, origin, horizon, trigger_mode, recorded_at FROM ledger_forecast
                WHERE series_id = :series ORDER BY id DESC OFFSET :offset ROWS FETCH FIRST :limit ROWS ONLY""")
                .param("series", seriesId).param("offset", offset).param("limit", limit)
                .query((rs, row) -> new RecordedForecast(rs.getLong("id"), rs.getLong("series_id"),
                        rs.getLong("model_id"), instant(rs, "origin"), rs.getInt("horizon"),
                        RecordingMode.valueOf(rs.getString("trigger_mode")), instant(rs, "recorded_at"),
                        new ArrayList<>()))
                .list().forEach(forecast -> forecasts.put(forecast.id(), forecast));
        if (!forecasts.isEmpty()) {
            jdbc.sql("SELECT " + STEP_COLUMNS + " FROM ledger_step s JOIN ledger_forecast f ON f.id = s.forecast_id "
                            + "WHERE s.forecast_id IN (:ids) ORDER BY s.forecast_id, s.step")
                    .param("ids", forecasts.keySet()).query(LedgerRepository::step).list()
                    .forEach(step -> forecasts.get(step.forecastId()).steps().add(step));
        }
        return List.copyOf(forecasts.values());
    }

    /** A series' steps targeting [from, to] that have no actual yet. */
    List<RecordedStep> unscored(long seriesId, Instant from, Instant to) {
        return jdbc.sql("SELECT " + STEP_COLUMNS + " FROM ledger_step s JOIN ledger_forecast f ON f.id = s.forecast_id "
                        + "WHERE s.series_id = :series AND s.target >= :from AND s.target <= :to "
                        + "AND s.actual IS NULL")
                .param("series", seriesId).param("from", utc(from)).param("to", utc(to))
                .query(LedgerRepository::step).list();
    }

    void score(List<RecordedStep> steps, Instant at) {
        template.batchUpdate("UPDATE ledger_step SET actual = ?, scored_at = ? WHERE forecast_id = ? AND step = ?",
                steps, steps.size(), (ps, step) -> {
                    ps.setDouble(1, step.actual());
                    ps.setObject(2, utc(at));
                    ps.setLong(3, step.forecastId());
                    ps.setInt(4, step.step());
                });
    }

    /** Scored steps of these series (all models), oldest target first. */
    List<RecordedStep> scored(Collection<Long> seriesIds) {
        if (seriesIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + STEP_COLUMNS + " FROM ledger_step s JOIN ledger_forecast f ON f.id = s.forecast_id "
                        + "WHERE s.series_id IN (:series) AND s.actual IS NOT NULL ORDER BY s.target, s.step")
                .param("series", seriesIds).query(LedgerRepository::step).list();
    }

    /** Scored steps of the members of a collection recorded as such, oldest target first. */
    List<RecordedStep> scoredOfCollection(long collectionId) {
        return jdbc.sql("SELECT " + STEP_COLUMNS + " FROM ledger_step s JOIN ledger_forecast f ON f.id = s.forecast_id "
                        + "WHERE f.collection_id = :collection AND s.actual IS NOT NULL ORDER BY s.target, s.step")
                .param("collection", collectionId).query(LedgerRepository::step).list();
    }

    private static RecordedStep step(ResultSet rs, int row) throws SQLException {
        double baseline = rs.getDouble("baseline");
        Double base = rs.wasNull() ? null : baseline;
        double actual = rs.getDouble("actual");
        Double value = rs.wasNull() ? null : actual;
        return new RecordedStep(rs.getLong("forecast_id"), rs.getLong("series_id"), rs.getLong("model_id"),
                rs.getInt("step"), instant(rs, "target"), rs.getDouble("point"), Bound.decode(rs.getString("intervals")),
                base, value);
    }
}
