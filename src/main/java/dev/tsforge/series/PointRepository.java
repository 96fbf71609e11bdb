package dev.tsforge.series;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PointRepository {

    private static final int BATCH_SIZE = 1_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    PointRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    Set<Instant> existingTimestamps(long seriesId, Instant from, Instant to) {
        return new HashSet<>(jdbc.sql("""
                SELECT ts FROM series_point WHERE series_id = :id AND ts >= :from AND ts <= :to""")
                .param("id", seriesId)
                .param("from", utc(from))
                .param("to", utc(to))
                .query((rs, row) -> instant(rs, "ts"))
                .list());
    }

    void insert(long seriesId, List<Point> points) {
        template.batchUpdate("INSERT INTO series_point (series_id, ts, val) VALUES (?, ?, ?)", points, BATCH_SIZE,
                (ps, p) -> {
                    ps.setLong(1, seriesId);
                    ps.setObject(2, utc(p.timestamp()));
                    ps.setDouble(3, p.value());
                });
    }

    void update(long seriesId, List<Point> points) {
        template.batchUpdate("UPDATE series_point SET val = ? WHERE series_id = ? AND ts = ?", points, BATCH_SIZE,
                (ps, p) -> {
                    ps.setDouble(1, p.value());
                    ps.setLong(2, seriesId);
                    ps.setObject(3, utc(p.timestamp()));
                });
    }

    /** Points in [from, to] (either bound may be null), oldest first. */
    List<Point> range(long seriesId, Instant from, Instant to) {
        String sql = "SELECT ts, val FROM series_point WHERE series_id = :id"
                + (from == null ? "" : " AND ts >= :from")
                + (to == null ? "" : " AND ts <= :to")
                + " ORDER BY ts";
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("id", seriesId);
        if (from != null) {
            statement = statement.param("from", utc(from));
        }
        if (to != null) {
            statement = statement.param("to", utc(to));
        }
        return statement.query((rs, row) -> new Point(instant(rs, "ts"), rs.getDouble("val"))).list();
    }

    /** The newest {@code count} points, oldest first. */
    List<Point> latest(long seriesId, int count) {
        List<Point> newestFirst = jdbc.sql("""
                SELECT ts, val FROM series_point WHERE series_id = :id
                ORDER BY ts DESC FETCH FIRST :count ROWS ONLY""")
                .param("id", seriesId)
                .param("count", count)
                .query((rs, row) -> new Point(instant(rs, "ts"), rs.getDouble("val")))
                .list();
        List<Point> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    boolean any(long seriesId) {
        return exists(seriesId, "");
    }

    boolean anyNegative(long seriesId) {
        return exists(seriesId, " AND val < 0");
    }

    /** Whether the series has a point meeting {@code condition} (SQL, from this class only): reads one row at most. */
    private boolean exists(long seriesId, String condition) {
        return jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 AS one FROM series_point WHERE series_id = :id" + condition
                        + " FETCH FIRST 1 ROWS ONLY) found")
                .param("id", seriesId)
                .query(Long.class)
                .single() > 0;
    }

    /**
     * Each series' newest {@code count} points from {@code from} on, oldest first, in one query: a series' stored
     * {@link PointStats} tell where its window can start, so this reads the windows, not every point (on H2 an
     * index range per series in one statement; a query per series costs more than its rows). A series without points
     * there is absent.
     */
    Map<Long, List<Point>> latestSince(Collection<Long> seriesIds, Instant from, int count) {
        Map<Long, List<Point>> bySeries = new HashMap<>();
        LatestPoints scan = new LatestPoints(count, bySeries);
        // the ids written into the SQL (longs, nothing a client wrote): given an IN list of parameters, H2 scans the
        // whole table and tests each row against the list; given literals, it looks each id up in the key index
        StringBuilder in = new StringBuilder();
        for (Long id : seriesIds) {
            in.append(in.isEmpty() ? "" : ",").append(id.longValue());
        }
        template.query(con -> {
            var statement = con.prepareStatement("SELECT series_id, ts, val FROM series_point WHERE series_id IN ("
                    + in + ") AND ts >= ? ORDER BY series_id, ts");
            statement.setObject(1, utc(from));
            // PostgreSQL streams rows only with a fetch size (and autocommit off); otherwise it holds them all
            statement.setFetchSize(10_000);
            return statement;
        }, scan);
        scan.finish();
        return bySeries;
    }
}
