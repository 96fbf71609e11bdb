package dev.tsforge.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
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
     * Points the context's datasource, Flyway and JobRunr at a fresh schema. JobRunr looks for its tables in every
     * schema of the database: without its tables named with the schema it finds another test's (left by a parallel
     * build, or a run that was killed), creates none, and the context fails to start.
     */
    public static void register(DynamicPropertyRegistry registry, String schema) {
        registry.add("spring.datasource.url", () -> URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.default-schema", () -> schema);
        registry.add("jobrunr.database.table-prefix", () -> schema + ".");
    }

    /**
     * Like {@link #register}, as the command-line arguments of an application started by the test itself (a context
     * of its own, or a {@link ServiceProcess}). Its sessions carry the schema as their {@code application_name}, so
     * that {@code pg_stat_activity} tells them from everyone else's.
     */
    public static String[] arguments(String schema) {
        return new String[] {
                "--spring.datasource.url=" + URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema
                        + "&ApplicationName=" + schema,
                "--spring.datasource.username=" + USER, "--spring.datasource.password=" + PASSWORD,
                "--spring.flyway.schemas=" + schema, "--spring.flyway.default-schema=" + schema,
                "--jobrunr.database.table-prefix=" + schema + "."};
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
