package dev.tsforge.backtest;

import static dev.tsforge.config.JdbcTimes.utc;

import dev.tsforge.config.StoredJson;
import dev.tsforge.evaluation.Backtest;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.StoredSpecs;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backtest side of {@code training_job} rows of kind BACKTEST: settings, folds done, result. Their status and
 * its changes (start, cancel, hand-back, failure, success) are the training queue's, shared with trainings; nothing
 * here writes the status column, beyond a new row's QUEUED.
 */
@Repository
class BacktestJobRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    BacktestJobRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = StoredJson.mapper(json);
    }

    long insert(long seriesId, ModelSpec spec, BacktestSettings settings, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO training_job (series_id, kind, status, spec, backtest_settings, epochs_total, epoch,
                    cancel_requested, created_at)
                VALUES (:seriesId, 'BACKTEST', 'QUEUED', :spec, :settings, :folds, 0, FALSE, :now)""")
                .param("seriesId", seriesId)
                .param("spec", StoredSpecs.write(json, spec))
                .param("settings", json.writeValueAsString(settings))
                .param("folds", settings.folds())
                .param("now", utc(now))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /** A backtest job's settings, and its result once SUCCEEDED (else null). */
    record Stored(BacktestSettings settings, Backtest result) {
    }

    Stored stored(long id) {
        record Columns(String settings, String result) {
        }
        Columns columns = jdbc.sql("SELECT backtest_settings, backtest_result FROM training_job WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> new Columns(rs.getString(1), rs.getString(2)))
                .single();
        return new Stored(json.readValue(columns.settings(), BacktestSettings.class),
                columns.result() == null ? null : json.readValue(columns.result(), Backtest.class));
    }

    void recordFolds(long id, int foldsDone) {
        jdbc.sql("UPDATE training_job SET epoch = :done WHERE id = :id AND status = 'RUNNING'")
                .param("done", foldsDone)
                .param("id", id)
                .update();
    }

    /** Writes the result of a RUNNING job, in the transaction that marks it SUCCEEDED. */
    void recordResult(long id, Backtest result) {
        jdbc.sql("UPDATE training_job SET backtest_result = :result WHERE id = :id AND status = 'RUNNING'")
                .param("result", json.writeValueAsString(result))
                .param("id", id)
                .update();
    }
}
