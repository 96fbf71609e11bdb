package dev.tsforge.series;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class CollectionRepository {

    private static final String COLUMNS = "id, name, frequency, grid_anchor, business_days, time_zone, description, "
            + "created_at, updated_at";

    private final JdbcClient jdbc;

    CollectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String name, Frequency grid, String description, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO series_collection (name, frequency, grid_anchor, business_days, time_zone, description,
                    created_at, updated_at)
                VALUES (:name, :frequency, :anchor, :businessDays, :zone, :description, :now, :now)""")
                .param("name", name)
                .param("frequency", grid.toString())
                .param("anchor", grid.anchor())
                .param("businessDays", grid.businessDays())
                .param("zone", grid.zoneName())
                .param("description", description)
                .param("now", utc(now))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    Optional<SeriesCollection> find(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM series_collection WHERE name = :name")
                .param("name", name)
                .query(CollectionRepository::map)
                .optional();
    }

    Optional<SeriesCollection> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM series_collection WHERE id = :id")
                .param("id", id)
                .query(CollectionRepository::map)
                .optional();
    }

    /** Locks the collection row until the transaction ends: uploads into one collection run one at a time. */
    Optional<SeriesCollection> findForUpdate(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM series_collection WHERE name = :name FOR UPDATE")
                .param("name", name)
                .query(CollectionRepository::map)
                .optional();
    }

    List<SeriesCollection> page(int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM series_collection ORDER BY id OFFSET :offset ROWS "
                        + "FETCH NEXT :limit ROWS ONLY")
                .param("offset", offset)
                .param("limit", limit)
                .query(CollectionRepository::map)
                .list();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM series_collection").query(Long.class).single();
    }

    long memberCount(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM series WHERE collection_id = :id").param("id", id).query(Long.class)
                .single();
    }

    void touch(long id, Instant now) {
        jdbc.sql("UPDATE series_collection SET updated_at = :now WHERE id = :id")
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM series_collection WHERE id = :id").param("id", id).update();
    }

    private static SeriesCollection map(ResultSet rs, int row) throws SQLException {
        Frequency grid = Frequency.of(rs.getString("frequency"), rs.getString("grid_anchor"),
                rs.getBoolean("business_days"), ZoneId.of(rs.getString("time_zone")));
        return new SeriesCollection(rs.getLong("id"), rs.getString("name"), grid, rs.getString("description"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
