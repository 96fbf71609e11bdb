package dev.tsforge.series;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class SeriesRepository {

    private static final String COLUMNS = "id, name, frequency, grid_anchor, business_days, time_zone, grid_source, "
            + "description, unit, seasonal_period, non_negative, has_negative, created_at, updated_at, collection_id, unique_id, "
            + "point_count, first_ts, last_ts, min_val, max_val";

    private static final int STATS_BATCH = 1_000;
    /**
     * Widens the row's {@link PointStats} by what a write added and marks it updated. The ranges only widen: a write
     * never removes a point, and a replaced value stays in the range the series has had (V14).
     */
    private static final String ADD_POINTS = """
            UPDATE series SET point_count = point_count + ?, first_ts = LEAST(COALESCE(first_ts, ?), ?),
                last_ts = GREATEST(COALESCE(last_ts, ?), ?), min_val = LEAST(COALESCE(min_val, ?), ?),
                max_val = GREATEST(COALESCE(max_val, ?), ?), updated_at = ? WHERE id = ?""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    SeriesRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    long insert(String name, Frequency frequency, Series.GridSource gridSource, String description, String unit,
            Integer seasonalPeriod, Boolean nonNegative, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO series (name, frequency, grid_anchor, business_days, time_zone, grid_source, description,
                    unit, seasonal_period, non_negative, has_negative, created_at, updated_at)
                VALUES (:name, :frequency, :anchor, :businessDays, :zone, :gridSource, :description, :unit,
                    :seasonalPeriod, :nonNegative, FALSE, :now, :now)""")
                .param("name", name)
                .param("frequency", frequency.toString())
                .param("anchor", frequency.anchor())
                .param("businessDays", frequency.businessDays())
                .param("zone", frequency.zoneName())
                .param("gridSource", gridSource.name())
                .param("description", description)
                .param("unit", unit)
                .param("seasonalPeriod", seasonalPeriod)
                .param("nonNegative", nonNegative)
                .param("now", utc(now))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    void updateGrid(long id, Frequency frequency, Series.GridSource gridSource) {
        jdbc.sql("""
                UPDATE series SET frequency = :frequency, grid_anchor = :anchor, business_days = :businessDays,
                    time_zone = :zone, grid_source = :gridSource WHERE id = :id""")
                .param("frequency", frequency.toString())
                .param("anchor", frequency.anchor())
                .param("businessDays", frequency.businessDays())
                .param("zone", frequency.zoneName())
                .param("gridSource", gridSource.name())
                .param("id", id)
                .update();
    }

    void updateAttributes(long id, String description, String unit, Integer seasonalPeriod, Boolean nonNegative,
            Instant now) {
        jdbc.sql("""
                UPDATE series SET description = :description, unit = :unit, seasonal_period = :seasonalPeriod,
                    non_negative = :nonNegative, updated_at = :now WHERE id = :id""")
                .param("description", description)
                .param("unit", unit)
                .param("seasonalPeriod", seasonalPeriod)
                .param("nonNegative", nonNegative)
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    void setHasNegative(long id, boolean hasNegative) {
        jdbc.sql("UPDATE series SET has_negative = :hasNegative WHERE id = :id")
                .param("hasNegative", hasNegative)
                .param("id", id)
                .update();
    }

    Optional<Series> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM series WHERE id = :id")
                .param("id", id)
                .query(SeriesRepository::map)
                .optional();
    }

    /** Locks the series row for the rest of the transaction, so that ingests into one series run one at a time. */
    Optional<Series> findForUpdate(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM series WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(SeriesRepository::map)
                .optional();
    }

    boolean nameExists(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM series WHERE name = :name")
                .param("name", name)
                .query(Long.class)
                .single() > 0;
    }

    List<Series> page(SeriesFilter filter, int offset, int limit) {
        return filtered("SELECT " + COLUMNS + " FROM series", filter, " ORDER BY id OFFSET :offset ROWS FETCH NEXT "
                + ":limit ROWS ONLY")
                .param("offset", offset)
                .param("limit", limit)
                .query(SeriesRepository::map)
                .list();
    }

    long count(SeriesFilter filter) {
        return filtered("SELECT COUNT(*) FROM series", filter, "").query(Long.class).single();
    }

    /** Every series the filter selects, in id order. */
    List<Series> list(SeriesFilter filter) {
        return filtered("SELECT " + COLUMNS + " FROM series", filter, " ORDER BY id").query(SeriesRepository::map)
                .list();
    }

    /** The ids of the series the filter selects, in id order. */
    List<Long> ids(SeriesFilter filter) {
        return filtered("SELECT id FROM series", filter, " ORDER BY id").query(Long.class).list();
    }

    /** {@code select} with the filter's conditions: one EXISTS per label, each an index lookup on key and value. */
    private JdbcClient.StatementSpec filtered(String select, SeriesFilter filter, String tail) {
        StringBuilder sql = new StringBuilder(select);
        String joiner = " WHERE ";
        if (filter.collectionId() != null) {
            sql.append(joiner).append("collection_id = :collectionId");
            joiner = " AND ";
        }
        for (int i = 0; i < filter.labels().size(); i++) {
            sql.append(joiner).append("EXISTS (SELECT 1 FROM series_label l WHERE l.series_id = series.id AND ")
                    .append("l.label_key = :key").append(i).append(" AND l.label_value = :value").append(i).append(')');
            joiner = " AND ";
        }
        JdbcClient.StatementSpec statement = jdbc.sql(sql.append(tail).toString());
        if (filter.collectionId() != null) {
            statement = statement.param("collectionId", filter.collectionId());
        }
        for (int i = 0; i < filter.labels().size(); i++) {
            statement = statement.param("key" + i, filter.labels().get(i).key())
                    .param("value" + i, filter.labels().get(i).value());
        }
        return statement;
    }

    /** A member of a collection, on the collection's grid, as declared there. */
    long insertMember(SeriesCollection collection, String uniqueId, Instant now) {
        Frequency grid = collection.frequency();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO series (name, frequency, grid_anchor, business_days, time_zone, grid_source, has_negative,
                    created_at, updated_at, collection_id, unique_id)
                VALUES (:name, :frequency, :anchor, :businessDays, :zone, 'DECLARED', FALSE, :now, :now, :collection,
                    :uniqueId)""")
                .param("name", collection.memberName(uniqueId))
                .param("frequency", grid.toString())
                .param("anchor", grid.anchor())
                .param("businessDays", grid.businessDays())
                .param("zone", grid.zoneName())
                .param("now", utc(now))
                .param("collection", collection.id())
                .param("uniqueId", uniqueId)
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /** The members of a collection by {@code unique_id}, locked until the transaction ends. */
    List<Member> membersForUpdate(long collectionId) {
        return jdbc.sql("SELECT id, unique_id, has_negative FROM series WHERE collection_id = :id FOR UPDATE")
                .param("id", collectionId)
                .query((rs, row) -> new Member(rs.getLong("id"), rs.getString("unique_id"),
                        rs.getBoolean("has_negative")))
                .list();
    }

    record Member(long id, String uniqueId, boolean hasNegative) {
    }

    /**
     * What one write stored into a series: its new points (not counting replaced values) and the time and value range
     * of every point it wrote.
     */
    record AddedPoints(long seriesId, long inserted, Instant first, Instant last, double min, double max) {
    }

    /** Keeps the series' {@link PointStats} after a write, in the write's transaction, and marks it updated. */
    void addPoints(AddedPoints added, Instant now) {
        addPoints(List.of(added), now);
    }

    /** {@link #addPoints(AddedPoints, Instant)} for many series, in JDBC batches. */
    void addPoints(List<AddedPoints> added, Instant now) {
        var timestamp = utc(now);
        template.batchUpdate(ADD_POINTS, added, STATS_BATCH, (ps, a) -> {
            ps.setLong(1, a.inserted());
            ps.setObject(2, utc(a.first()));
            ps.setObject(3, utc(a.first()));
            ps.setObject(4, utc(a.last()));
            ps.setObject(5, utc(a.last()));
            ps.setDouble(6, a.min());
            ps.setDouble(7, a.min());
            ps.setDouble(8, a.max());
            ps.setDouble(9, a.max());
            ps.setObject(10, timestamp);
            ps.setLong(11, a.seriesId());
        });
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM series WHERE id = :id").param("id", id).update() > 0;
    }

    private static Series map(ResultSet rs, int row) throws SQLException {
        Frequency frequency = Frequency.of(rs.getString("frequency"), rs.getString("grid_anchor"),
                rs.getBoolean("business_days"), ZoneId.of(rs.getString("time_zone")));
        return new Series(rs.getLong("id"), rs.getString("name"), frequency, rs.getString("description"),
                rs.getString("unit"), rs.getObject("seasonal_period", Integer.class),
                Series.GridSource.valueOf(rs.getString("grid_source")), rs.getObject("non_negative", Boolean.class),
                rs.getBoolean("has_negative"), instant(rs, "created_at"), instant(rs, "updated_at"),
                rs.getObject("collection_id", Long.class), rs.getString("unique_id"),
                new PointStats(rs.getLong("point_count"), instant(rs, "first_ts"), instant(rs, "last_ts"),
                        rs.getObject("min_val", Double.class), rs.getObject("max_val", Double.class)));
    }
}
