package dev.tsforge.ledger;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DriftRepository {

    private final JdbcClient jdbc;

    DriftRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Drift> find(long seriesId, long modelId) {
        return jdbc.sql("SELECT * FROM ledger_drift WHERE series_id = :series AND model_id = :model")
                .param("series", seriesId).param("model", modelId).query(DriftRepository::map).optional();
    }

    /** Per series, per model. */
    Map<Long, Map<Long, Drift>> of(Collection<Long> seriesIds) {
        if (seriesIds.isEmpty()) {
            return Map.of();
        }
        record Row(long seriesId, long modelId, Drift drift) {
        }
        return jdbc.sql("SELECT * FROM ledger_drift WHERE series_id IN (:series)").param("series", seriesIds)
                .query((rs, row) -> new Row(rs.getLong("series_id"), rs.getLong("model_id"), map(rs, row))).list()
                .stream().collect(Collectors.groupingBy(Row::seriesId,
                        Collectors.toMap(Row::modelId, Row::drift)));
    }

    void save(long seriesId, long modelId, Drift drift) {
        delete(seriesId, modelId);
        jdbc.sql("""
                INSERT INTO ledger_drift (series_id, model_id, drifting, ratio, cusum, steps, live_mae, reference_mae,
                    flagged_at, evaluated_at)
                VALUES (:series, :model, :drifting, :ratio, :cusum, :steps, :live, :reference, :flagged, :evaluated)""")
                .param("series", seriesId).param("model", modelId).param("drifting", drift.drifting())
                .param("ratio", drift.ratio()).param("cusum", drift.cusum()).param("steps", drift.steps())
                .param("live", drift.liveMae()).param("reference", drift.referenceMae())
                .param("flagged", utc(drift.flaggedAt())).param("evaluated", utc(drift.evaluatedAt())).update();
    }

    void deleteSeries(long seriesId) {
        jdbc.sql("DELETE FROM ledger_drift WHERE series_id = :series").param("series", seriesId).update();
    }

    private void delete(long seriesId, long modelId) {
        jdbc.sql("DELETE FROM ledger_drift WHERE series_id = :series AND model_id = :model")
                .param("series", seriesId).param("model", modelId).update();
    }

    private static Drift map(ResultSet rs, int row) throws SQLException {
        return new Drift(rs.getBoolean("drifting"), nullable(rs, "ratio"), rs.getDouble("cusum"), rs.getInt("steps"),
                nullable(rs, "live_mae"), nullable(rs, "reference_mae"), instant(rs, "flagged_at"),
                instant(rs, "evaluated_at"));
    }

    private static Double nullable(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
