package dev.tsforge.config;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Timestamps cross JDBC as {@code TIMESTAMP WITH TIME ZONE} in UTC: {@link OffsetDateTime} is the type both H2
 * and PostgreSQL map without consulting the JVM's zone.
 */
public final class JdbcTimes {

    private JdbcTimes() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
