package dev.tsforge.covariate;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import dev.tsforge.model.CovariateKind;
import dev.tsforge.series.Point;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CovariateRepository {

    private static final int BATCH_SIZE = 1_000;
    private static final String SELECT = """
            SELECT c.id, c.name, c.kind, c.collection_id, c.created_at,
                   COUNT(p.ts) AS point_count, MIN(p.ts) AS first_ts, MAX(p.ts) AS last_ts
            FROM covariate c LEFT JOIN covariate_point p ON p.covariate_id = c.id
            """;
    private static final String GROUP = " GROUP BY c.id, c.name, c.kind, c.collection_id, c.created_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    CovariateRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** The owner's own covariates, by name. */
    List<CovariateSeries> of(CovariateOwner owner) {
        return owner.seriesId() != null
                ? jdbc.sql(SELECT + "WHERE c.series_id = :id" + GROUP + " ORDER BY c.name")
                        .param("id", owner.seriesId()).query(CovariateRepository::row).list()
                : jdbc.sql(SELECT + "WHERE c.collection_id = :id" + GROUP + " ORDER BY c.name")
                        .param("id", owner.collectionId()).query(CovariateRepository::row).list();
    }

    /** Every covariate of collection {@code collectionId} and of its members, in one query. */
    List<CovariateDeclaration> declaredIn(long collectionId) {
        return jdbc.sql("SELECT c.series_id, c.name, c.kind FROM covariate c LEFT JOIN series s ON s.id = c.series_id"
                + " WHERE c.collection_id = :id OR s.collection_id = :id").param("id", collectionId)
                .query((rs, row) -> new CovariateDeclaration(
                        rs.getObject("series_id") == null ? null : rs.getLong("series_id"), rs.getString("name"),
                        CovariateKind.valueOf(rs.getString("kind"))))
                .list();
    }

    Optional<CovariateSeries> find(CovariateOwner owner, String name) {
        return of(owner).stream().filter(c -> c.name().equals(name)).findFirst();
    }

    long insert(CovariateOwner owner, String name, CovariateKind kind, Instant now) {
        jdbc.sql("""
                INSERT INTO covariate (series_id, collection_id, name, kind, created_at)
                VALUES (:series, :collection, :name, :kind, :now)""")
                .param("series", owner.seriesId())
                .param("collection", owner.collectionId())
                .param("name", name)
                .param("kind", kind.name())
                .param("now", utc(now))
                .update();
        return find(owner, name).orElseThrow().id();
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM covariate WHERE id = :id").param("id", id).update() > 0;
    }

    Set<Instant> existingTimestamps(long covariateId, Instant from, Instant to) {
        return new HashSet<>(jdbc.sql("""
                SELECT ts FROM covariate_point WHERE covariate_id = :id AND ts >= :from AND ts <= :to""")
                .param("id", covariateId)
                .param("from", utc(from))
                .param("to", utc(to))
                .query((rs, row) -> instant(rs, "ts"))
                .list());
    }

    void insertPoints(long covariateId, List<Point> points) {
        template.batchUpdate("INSERT INTO covariate_point (covariate_id, ts, val) VALUES (?, ?, ?)", points,
                BATCH_SIZE, (ps, p) -> {
                    ps.setLong(1, covariateId);
                    ps.setObject(2, utc(p.timestamp()));
                    ps.setDouble(3, p.value());
                });
    }

    void updatePoints(long covariateId, List<Point> points) {
        template.batchUpdate("UPDATE covariate_point SET val = ? WHERE covariate_id = ? AND ts = ?", points,
                BATCH_SIZE, (ps, p) -> {
                    ps.setDouble(1, p.value());
                    ps.setLong(2, covariateId);
                    ps.setObject(3, utc(p.timestamp()));
                });
    }

    /** Points in [from, to] (either bound may be null), oldest first. */
    List<Point> points(long covariateId, Instant from, Instant to) {
        return jdbc.sql("SELECT ts, val FROM covariate_point WHERE covariate_id = :id"
                        + " AND ts >= :from AND ts <= :to ORDER BY ts")
                .param("id", covariateId)
                .param("from", utc(from == null ? Instant.parse("0001-01-01T00:00:00Z") : from))
                .param("to", utc(to == null ? Instant.parse("9999-12-31T23:59:59Z") : to))
                .query((rs, row) -> new Point(instant(rs, "ts"), rs.getDouble("val")))
                .list();
    }

    private static CovariateSeries row(ResultSet rs, int row) throws SQLException {
        return new CovariateSeries(rs.getLong("id"), rs.getString("name"), CovariateKind.valueOf(rs.getString("kind")),
                rs.getObject("collection_id") != null, rs.getLong("point_count"), instant(rs, "first_ts"),
                instant(rs, "last_ts"), instant(rs, "created_at"));
    }
}
