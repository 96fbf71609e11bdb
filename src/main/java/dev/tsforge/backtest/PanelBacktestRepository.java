package dev.tsforge.backtest;

import static dev.tsforge.config.JdbcTimes.utc;

import dev.tsforge.config.StoredJson;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.StoredSpecs;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The panel-backtest side of {@code training_job} rows of kind PANEL_BACKTEST: a collection and label selection as a
 * global training has them, the settings and result in the backtest columns, and the network fits done and due in
 * {@code epoch} and {@code epochs_total}. Their status is the training queue's, as for every kind.
 */
@Repository
class PanelBacktestRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PanelBacktestRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = StoredJson.mapper(json);
    }

    long insert(long collectionId, String labels, ModelSpec spec, PanelBacktestSettings settings, int fits,
            Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO training_job (collection_id, label_selection, kind, status, spec, backtest_settings,
                    epochs_total, epoch, cancel_requested, created_at)
                VALUES (:collectionId, :labels, 'PANEL_BACKTEST', 'QUEUED', :spec, :settings, :fits, 0, FALSE, :now)""")
                .param("collectionId", collectionId)
                .param("labels", labels)
                .param("spec", StoredSpecs.write(json, spec))
                .param("settings", json.writeValueAsString(settings))
                .param("fits", fits)
                .param("now", utc(now))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /** A panel backtest job's settings, fits due, and its result once SUCCEEDED (else null). */
    record Stored(PanelBacktestSettings settings, int fitsTotal, PanelBacktest result) {
    }

    Stored stored(long id) {
        record Columns(String settings, int total, String result) {
        }
        Columns columns = jdbc.sql("SELECT backtest_settings, epochs_total, backtest_result FROM training_job "
                        + "WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> new Columns(rs.getString(1), rs.getInt(2), rs.getString(3)))
                .single();
        return new Stored(json.readValue(columns.settings(), PanelBacktestSettings.class), columns.total(),
                columns.result() == null ? null : json.readValue(columns.result(), PanelBacktest.class));
    }

    void recordFits(long id, int done, int total) {
        jdbc.sql("UPDATE training_job SET epoch = :done, epochs_total = :total WHERE id = :id AND status = 'RUNNING'")
                .param("done", done)
                .param("total", total)
                .param("id", id)
                .update();
    }

    /** Writes the result of a RUNNING job, in the transaction that marks it SUCCEEDED. */
    void recordResult(long id, PanelBacktest result) {
        jdbc.sql("UPDATE training_job SET backtest_result = :result WHERE id = :id AND status = 'RUNNING'")
                .param("result", json.writeValueAsString(result))
                .param("id", id)
                .update();
    }
}
