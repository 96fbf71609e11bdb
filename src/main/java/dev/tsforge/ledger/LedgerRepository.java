package dev.tsforge.ledger;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Recorded forecasts, one row each with its steps packed ({@link PackedSteps}). */
@Repository
class LedgerRepository {

    private static final String STORED_COLUMNS = "id, series_id, model_id, steps, actuals, scored_steps";

    /** Scored steps in the order live accuracy and drift read them; the forecast id only settles ties. */
    private static final Comparator<RecordedStep> OLDEST_TARGET_FIRST = Comparator.comparing(RecordedStep::target)
            .thenComparingInt(RecordedStep::step).thenComparingLong(RecordedStep::forecastId);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    LedgerRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A forecast to write: its steps in step order, none scored yet. */
    record NewForecast(long seriesId, Long collectionId, long modelId, Instant origin, RecordingMode trigger,
            Instant recordedAt, List<RecordedStep> steps) {
    }

    /**
     * A recorded forecast as scoring reads and rewrites it.
     *
     * @param scored how many of its steps have their actual: scoring rewrites the row only while it still is this
     */
    record Stored(long id, int scored, List<RecordedStep> steps) {
    }

    /** Writes the forecasts, one row each (in the caller's transaction). */
    void insert(List<NewForecast> forecasts) {
        if (forecasts.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                INSERT INTO ledger_forecast (series_id, collection_id, model_id, origin, horizon, trigger_mode,
                    recorded_at, steps, actuals, scored_steps, last_target)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""", forecasts, forecasts.size(), (ps, forecast) -> {
            List<RecordedStep> steps = forecast.steps();
            ps.setLong(1, forecast.seriesId());
            if (forecast.collectionId() == null) {
                ps.setNull(2, Types.BIGINT);
            } else {
                ps.setLong(2, forecast.collectionId());
            }
            ps.setLong(3, forecast.modelId());
            ps.setObject(4, utc(forecast.origin()));
            ps.setInt(5, steps.size());
            ps.setString(6, forecast.trigger().name());
            ps.setObject(7, utc(forecast.recordedAt()));
            ps.setBytes(8, PackedSteps.forecast(steps));
            ps.setBytes(9, PackedSteps.actuals(steps));
            ps.setObject(10, utc(lastTarget(steps, forecast.origin())));
        });
    }

    /** The newest target of the steps (the origin for none): what scoring looks a forecast up by. */
    static Instant lastTarget(List<RecordedStep> steps, Instant origin) {
        return steps.stream().map(RecordedStep::target).max(Comparator.naturalOrder()).orElse(origin);
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

    private int deleteForecasts(String where, Map<String, ?> params) {
        return jdbc.sql("DELETE FROM ledger_forecast WHERE " + where).params(params).update();
    }

    long count(long seriesId) {
        return jdbc.sql("SELECT COUNT(*) FROM ledger_forecast WHERE series_id = :series").param("series", seriesId)
                .query(Long.class).single();
    }

    /** A page of a series' recorded forecasts, newest first, with their steps. */
    List<RecordedForecast> page(long seriesId, int offset, int limit) {
        return jdbc.sql("""
                SELECT id, series_id, model_id, origin, horizon, trigger_mode, recorded_at, steps, actuals
                FROM ledger_forecast
                WHERE series_id = :series ORDER BY id DESC OFFSET :offset ROWS FETCH FIRST :limit ROWS ONLY""")
                .param("series", seriesId).param("offset", offset).param("limit", limit)
                .query((rs, row) -> new RecordedForecast(rs.getLong("id"), rs.getLong("series_id"),
                        rs.getLong("model_id"), instant(rs, "origin"), rs.getInt("horizon"),
                        RecordingMode.valueOf(rs.getString("trigger_mode")), instant(rs, "recorded_at"),
                        steps(rs)))
                .list();
    }

    /**
     * A series' forecasts with a step still unscored whose target may lie in [from, to]: the last target at or after
     * {@code from}, the origin (before the first target) before {@code to}.
     */
    List<Stored> open(long seriesId, Instant from, Instant to) {
        return jdbc.sql("SELECT " + STORED_COLUMNS + " FROM ledger_forecast WHERE series_id = :series "
                        + "AND last_target >= :from AND origin < :to AND scored_steps < horizon")
                .param("series", seriesId).param("from", utc(from)).param("to", utc(to))
                .query((rs, row) -> new Stored(rs.getLong("id"), rs.getInt("scored_steps"), steps(rs))).list();
    }

    /**
     * Rewrites the actuals of the forecasts, one UPDATE each, where no other scorer (another replica's) has changed
     * them since they were read.
     *
     * @param forecasts as read, with the actuals that arrived since
     * @return how many had changed meanwhile and were not written
     */
    int score(List<Stored> forecasts) {
        int[][] updated = template.batchUpdate(
                "UPDATE ledger_forecast SET actuals = ?, scored_steps = ? WHERE id = ? AND scored_steps = ?",
                forecasts, forecasts.size(), (ps, forecast) -> {
                    ps.setBytes(1, PackedSteps.actuals(forecast.steps()));
                    ps.setInt(2, (int) forecast.steps().stream().filter(step -> step.actual() != null).count());
                    ps.setLong(3, forecast.id());
                    ps.setInt(4, forecast.scored());
                });
        int lost = 0;
        for (int[] batch : updated) {
            for (int rows : batch) {
                lost += rows == 0 ? 1 : 0;
            }
        }
        return lost;
    }

    /** Scored steps of these series (all models), oldest target first. */
    List<RecordedStep> scored(Collection<Long> seriesIds) {
        if (seriesIds.isEmpty()) {
            return List.of();
        }
        return scoredSteps(jdbc.sql("SELECT " + STORED_COLUMNS + " FROM ledger_forecast "
                + "WHERE series_id IN (:series) AND scored_steps > 0").param("series", seriesIds));
    }

    /** Scored steps of the members of a collection recorded as such, oldest target first. */
    List<RecordedStep> scoredOfCollection(long collectionId) {
        return scoredSteps(jdbc.sql("SELECT " + STORED_COLUMNS + " FROM ledger_forecast "
                + "WHERE collection_id = :collection AND scored_steps > 0").param("collection", collectionId));
    }

    private static List<RecordedStep> scoredSteps(JdbcClient.StatementSpec query) {
        List<RecordedStep> scored = new ArrayList<>();
        query.query((rs, row) -> steps(rs)).list().forEach(steps -> steps.stream()
                .filter(step -> step.actual() != null).forEach(scored::add));
        scored.sort(OLDEST_TARGET_FIRST);
        return scored;
    }

    private static List<RecordedStep> steps(ResultSet rs) throws SQLException {
        return PackedSteps.steps(rs.getLong("id"), rs.getLong("series_id"), rs.getLong("model_id"),
                rs.getBytes("steps"), rs.getBytes("actuals"));
    }
}
