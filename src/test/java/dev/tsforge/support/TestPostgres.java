package dev.tsforge.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL the tests use: {@code 127.0.0.1:5432}, database {@code test}, user {@code postgres} (trust auth),
 * unless {@code TSFORGE_TEST_PG_URL}/{@code _USER}/{@code _PASSWORD} say otherwise. Each test class works in a
 * schema of its own, created by Flyway and dropped afterwards.
 */
public final class TestPostgres {

    public static final String URL = env("TSFORGE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("TSFORGE_TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("TSFORGE_TEST_PG_PASSWORD", "");

    private TestPostgres() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(3);
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    public static String newSchema() {
        return "tsforge_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    /**
     * What points an application at a fresh schema: its datasource, Flyway and JobRunr. JobRunr looks for its tables in
     * every schema of the database: without its tables named with the schema it finds another test's (left by a
     * parallel build, or a run that was killed), creates none, and the context fails to start. Sessions carry the
     * schema as their {@code application_name}, so that {@code pg_stat_activity} tells them from everyone else's.
     */
    public static Map<String, String> properties(String schema) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url",
                URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&ApplicationName=" + schema);
        properties.put("spring.datasource.username", USER);
        properties.put("spring.datasource.password", PASSWORD);
        properties.put("spring.flyway.schemas", schema);
        properties.put("spring.flyway.default-schema", schema);
        properties.put("jobrunr.database.table-prefix", schema + ".");
        return properties;
    }

    /** {@link #properties} for a context of a test class ({@link PostgresSchema} does it for a whole class). */
    public static void register(DynamicPropertyRegistry registry, String schema) {
        properties(schema).forEach((name, value) -> registry.add(name, () -> value));
    }

    /**
     * {@link #properties} as the command-line arguments of an application started by the test itself (a context of
     * its own, or a {@link ServiceProcess}).
     */
    public static String[] arguments(String schema) {
        return properties(schema).entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
    }

    /** The server's host and port, from {@link #URL}. */
    public static java.net.URI server() {
        return java.net.URI.create(URL.substring("jdbc:".length()));
    }

    /** Like {@link #register}, through a proxy on a local port instead of straight to the server. */
    public static void registerVia(DynamicPropertyRegistry registry, String schema, int proxyPort) {
        register(registry, schema);
        java.net.URI server = server();
        String url = URL.replace(server.getHost() + ":" + server.getPort(), "127.0.0.1:" + proxyPort);
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    public static void dropSchema(String schema) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
