package dev.tsforge.security;

import static dev.tsforge.config.JdbcTimes.instant;
import static dev.tsforge.config.JdbcTimes.utc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

    private static final String COLUMNS = "id, name, role, key_prefix, created_at, revoked_at";

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String name, Role role, String hash, String prefix, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO api_key (name, role, key_hash, key_prefix, created_at)
                VALUES (:name, :role, :hash, :prefix, :now)""")
                .param("name", name)
                .param("role", role.name())
                .param("hash", hash)
                .param("prefix", prefix)
                .param("now", utc(now))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /** The active (not revoked) key with this hash. */
    Optional<ApiKey> findActive(String hash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE key_hash = :hash AND revoked_at IS NULL")
                .param("hash", hash)
                .query((rs, row) -> map(rs))
                .optional();
    }

    Optional<ApiKey> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> map(rs))
                .optional();
    }

    List<ApiKey> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_key ORDER BY id").query((rs, row) -> map(rs)).list();
    }

    boolean revoke(long id, Instant now) {
        return jdbc.sql("UPDATE api_key SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .param("now", utc(now))
                .param("id", id)
                .update() == 1;
    }

    private static ApiKey map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ApiKey(rs.getLong("id"), rs.getString("name"), Role.valueOf(rs.getString("role")),
                rs.getString("key_prefix"), instant(rs, "created_at"), instant(rs, "revoked_at"));
    }
}
