package dev.tsforge.ledger;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One row per recorded forecast: each forecast's steps move from {@code ledger_step} into two packed columns of its
 * {@code ledger_forecast} row ({@link PackedSteps}), with the count of its scored steps and its last target (what
 * scoring looks it up by), and {@code ledger_step} goes. Java, because SQL on both databases cannot pack doubles into
 * bytes; a bean, as {@code V9__ModelArtifacts} is, so that Spring Boot hands it to Flyway.
 *
 * <p>{@code BYTEA} is one type on both: PostgreSQL's, and on H2 an alias of {@code BINARY VARYING}, kept in the row
 * (a forecast's steps are a few kilobytes at most).
 */
@Component
class V20__CompactLedger extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V20__CompactLedger.class);
    /** Step rows fetched at a time (PostgreSQL streams with a cursor only when given a size). */
    private static final int FETCH = 1_000;
    /** Forecast rows updated per JDBC batch. */
    private static final int BATCH = 200;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE ledger_forecast ADD COLUMN steps BYTEA");
            ddl.execute("ALTER TABLE ledger_forecast ADD COLUMN actuals BYTEA");
            ddl.execute("ALTER TABLE ledger_forecast ADD COLUMN scored_steps INTEGER DEFAULT 0 NOT NULL");
            ddl.execute("ALTER TABLE ledger_forecast ADD COLUMN last_target TIMESTAMP WITH TIME ZONE");
        }
        int moved = moveSteps(connection);
        try (Statement ddl = connection.createStatement()) {
            // a forecast without step rows (none is written so) keeps its row, with no steps
            try (PreparedStatement empty = connection.prepareStatement(
                    "UPDATE ledger_forecast SET steps = ?, actuals = ?, last_target = origin WHERE steps IS NULL")) {
                empty.setBytes(1, PackedSteps.forecast(List.of()));
                empty.setBytes(2, PackedSteps.actuals(List.of()));
                empty.executeUpdate();
            }
            ddl.execute("ALTER TABLE ledger_forecast ALTER COLUMN steps SET NOT NULL");
            ddl.execute("ALTER TABLE ledger_forecast ALTER COLUMN actuals SET NOT NULL");
            ddl.execute("ALTER TABLE ledger_forecast ALTER COLUMN last_target SET NOT NULL");
            ddl.execute("DROP TABLE ledger_step");
            // scoring after an ingest: a series' forecasts whose last target is at or after the ingested range's start
            ddl.execute("CREATE INDEX ix_ledger_forecast_last_target ON ledger_forecast (series_id, last_target)");
        }
        if (moved > 0) {
            log.info("Moved the steps of {} recorded forecasts into their forecast rows", moved);
        }
    }

    /** Reads the step rows in forecast order and packs each forecast's; returns how many forecasts had steps. */
    private static int moveSteps(Connection connection) throws SQLException {
        int moved = 0;
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT s.forecast_id, s.series_id, f.model_id, f.origin, s.target, s.point, s.intervals, s.baseline,
                    s.actual
                FROM ledger_step s JOIN ledger_forecast f ON f.id = s.forecast_id ORDER BY s.forecast_id, s.step""");
                PreparedStatement update = connection.prepareStatement("""
                        UPDATE ledger_forecast SET steps = ?, actuals = ?, scored_steps = ?, last_target = ?
                        WHERE id = ?""")) {
            query.setFetchSize(FETCH);
            try (ResultSet rows = query.executeQuery()) {
                long forecast = -1;
                Instant origin = null;
                List<RecordedStep> steps = new ArrayList<>();
                while (rows.next()) {
                    long id = rows.getLong("forecast_id");
                    if (id != forecast && !steps.isEmpty()) {
                        add(update, forecast, origin, steps);
                        moved++;
                        if (moved % BATCH == 0) {
                            update.executeBatch();
                        }
                        steps = new ArrayList<>();
                    }
                    forecast = id;
                    origin = instant(rows, "origin");
                    steps.add(step(rows, steps.size() + 1));
                }
                if (!steps.isEmpty()) {
                    add(update, forecast, origin, steps);
                    moved++;
                }
            }
            update.executeBatch();
        }
        return moved;
    }

    private static RecordedStep step(ResultSet rows, int step) throws SQLException {
        double baseline = rows.getDouble("baseline");
        Double base = rows.wasNull() ? null : baseline;
        double actual = rows.getDouble("actual");
        Double value = rows.wasNull() ? null : actual;
        return new RecordedStep(rows.getLong("forecast_id"), rows.getLong("series_id"), rows.getLong("model_id"), step,
                instant(rows, "target"), rows.getDouble("point"), Bound.decode(rows.getString("intervals")), base,
                value);
    }

    private static void add(PreparedStatement update, long forecast, Instant origin, List<RecordedStep> steps)
            throws SQLException {
        update.setBytes(1, PackedSteps.forecast(steps));
        update.setBytes(2, PackedSteps.actuals(steps));
        update.setInt(3, (int) steps.stream().filter(step -> step.actual() != null).count());
        update.setObject(4, utc(LedgerRepository.lastTarget(steps, origin)));
        update.setLong(5, forecast);
        update.addBatch();
    }
}
