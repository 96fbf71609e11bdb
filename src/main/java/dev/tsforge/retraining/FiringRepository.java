package dev.tsforge.retraining;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The log of what the policies' triggers did, the newest {@link #KEPT} per series kept. */
@Repository
class FiringRepository {

    static final int KEPT = 100;

    private static final String COLUMNS = "id, policy_id, series_id, trigger_kind, tick, reason, outcome, job_id, "
            + "detail, fired_at";

    private final JdbcClient jdbc;

    FiringRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Firing firing) {
        jdbc.sql("""
                INSERT INTO retraining_firing (policy_id, series_id, trigger_kind, tick, reason, outcome, job_id,
                    detail, fired_at)
                VALUES (:policy, :series, :trigger, :tick, :reason, :outcome, :job, :detail, :at)""")
                .param("policy", firing.policyId()).param("series", firing.seriesId())
                .param("trigger", firing.trigger().name()).param("tick", utc(firing.tick()))
                .param("reason", clip(firing.reason())).param("outcome", firing.outcome().name())
                .param("job", firing.jobId()).param("detail", clip(firing.detail()))
                .param("at", utc(firing.firedAt())).update();
        jdbc.sql("""
                DELETE FROM retraining_firing WHERE series_id = :series AND id <= (SELECT id FROM retraining_firing
                    WHERE series_id = :series ORDER BY id DESC LIMIT 1 OFFSET :kept)""")
                .param("series", firing.seriesId()).param("kept", KEPT).update();
    }

    /** The newest firings of a policy, for all the series it applies to. */
    List<Firing> ofPolicy(long policyId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM retraining_firing WHERE policy_id = :policy "
                        + "ORDER BY id DESC LIMIT :limit")
                .param("policy", policyId).param("limit", limit).query(FiringRepository::map).list();
    }

    /** The newest firings of a policy for one series. */
    List<Firing> ofPolicyAndSeries(long policyId, long seriesId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM retraining_firing WHERE policy_id = :policy "
                        + "AND series_id = :series ORDER BY id DESC LIMIT :limit")
                .param("policy", policyId).param("series", seriesId).param("limit", limit)
                .query(FiringRepository::map).list();
    }

    private static String clip(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }

    private static Firing map(ResultSet rs, int row) throws SQLException {
        long job = rs.getLong("job_id");
        Long jobId = rs.wasNull() ? null : job;
        return new Firing(rs.getLong("id"), rs.getLong("policy_id"), rs.getLong("series_id"),
                RetrainingTrigger.valueOf(rs.getString("trigger_kind")), instant(rs, "tick"), rs.getString("reason"),
                Firing.Outcome.valueOf(rs.getString("outcome")), jobId, rs.getString("detail"),
                instant(rs, "fired_at"));
    }
}
