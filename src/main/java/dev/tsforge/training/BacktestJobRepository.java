package dev.tsforge.training;

import static dev.tsforge.config.JdbcTimes.utc;

import dev.tsforge.config.StoredJson;
import dev.tsforge.evaluation.Backtest;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.StoredSpecs;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backtest side of {@code training_job} rows of kind BACKTEST: settings, folds done, result. Their life cycle
 * (start, cancel, hand-back, failure) is {@link TrainingJobRepository}'s, shared with trainings.
 */
@Repository
class BacktestJobRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TrainingJobRepository jobs;

    BacktestJobRepository(JdbcClient jdbc, JsonMapper json, TrainingJobRepository jobs) {
        this.jdbc = jdbc;
        this.json = StoredJson.mapper(json);
        this.jobs = jobs;
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

    Optional<BacktestJob> find(long id) {
        return jobs.find(id).filter(job -> job.kind() == JobKind.BACKTEST).map(job -> {
            record Stored(String settings, String result) {
            }
            Stored stored = jdbc.sql("SELECT backtest_settings, backtest_result FROM training_job WHERE id = :id")
                    .param("id", id)
                    .query((rs, row) -> new Stored(rs.getString(1), rs.getString(2)))
                    .single();
            return new BacktestJob(job.id(), job.seriesId(), job.status(), job.spec(),
                    json.readValue(stored.settings(), BacktestSettings.class), job.epoch(), job.cancelRequested(),
                    job.errorMessage(), job.runnerInstance(), job.createdAt(), job.startedAt(), job.finishedAt(),
                    stored.result() == null ? null : json.readValue(stored.result(), Backtest.class));
        });
    }

    BacktestSettings settings(long id) {
        return json.readValue(jdbc.sql("SELECT backtest_settings FROM training_job WHERE id = :id")
                .param("id", id).query(String.class).single(), BacktestSettings.class);
    }

    void recordFolds(long id, int foldsDone) {
        jdbc.sql("UPDATE training_job SET epoch = :done WHERE id = :id AND status = 'RUNNING'")
                .param("done", foldsDone)
                .param("id", id)
                .update();
    }

    boolean markSucceeded(long id, Backtest result, Instant now) {
        return jdbc.sql("""
                UPDATE training_job SET status = 'SUCCEEDED', backtest_result = :result, finished_at = :now
                WHERE id = :id AND status = 'RUNNING'""")
                .param("result", json.writeValueAsString(result))
                .param("now", utc(now))
                .param("id", id)
                .update() == 1;
    }
}
