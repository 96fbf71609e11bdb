import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the database itself can do with bench/bulk.sh's uploads, without HTTP, parsing or checks: the same table shape
 * as series_point (primary key kept, default durability), filled with the same number of points, then each run as one
 * transaction that updates a tenth of the run's points (the newest stored ones) and appends the rest. PostgreSQL
 * generates the rows itself ({@code generate_series}, one UPDATE and one INSERT ... SELECT); H2 gets them in JDBC
 * batches of the statements the service sends, keyed updates then inserts, because its INSERT ... SELECT from
 * {@code SYSTEM_RANGE} is several times slower than batches. The service cannot store points faster than this;
 * bulk.sh prints its own rate as a share of it.
 *
 * <p>Run by bulk.sh as a single-file program: {@code java -cp <driver jars> bench/BulkCeiling.java h2|postgres URL
 * SERIES EXISTING POINTS RUNS}. Prints one line per run and the median, in points per second.
 */
public class BulkCeiling {

    public static void main(String[] args) throws SQLException {
        boolean h2 = args[0].equals("h2");
        String url = args[1];
        int series = Integer.parseInt(args[2]);
        int existing = Integer.parseInt(args[3]) / series;
        int points = Integer.parseInt(args[4]) / series;
        int runs = Integer.parseInt(args[5]);
        int updates = points / 10;
        try (Connection connection = DriverManager.getConnection(url, h2 ? "sa" : "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE ceiling_point (series_id BIGINT NOT NULL, ts TIMESTAMP WITH TIME ZONE "
                    + "NOT NULL, val DOUBLE PRECISION NOT NULL, PRIMARY KEY (series_id, ts))");
            connection.setAutoCommit(false);
            append(connection, h2, series, 0, existing);
            connection.commit();
            List<Double> rates = new ArrayList<>();
            long stored = existing;
            for (int run = 1; run <= runs; run++) {
                long started = System.nanoTime();
                long updated = update(connection, h2, series, stored - updates, updates);
                long appended = append(connection, h2, series, stored, points - updates);
                connection.commit();
                double seconds = (System.nanoTime() - started) / 1e9;
                double rate = (updated + appended) / seconds;
                rates.add(rate);
                System.out.printf("ceiling run %d: %d updated + %d appended in %.2f s, %.0f points/s%n", run, updated,
                        appended, seconds, rate);
                stored += points - updates;
            }
            Collections.sort(rates);
            int n = rates.size();
            double median = n % 2 == 1 ? rates.get(n / 2) : (rates.get(n / 2 - 1) + rates.get(n / 2)) / 2;
            System.out.printf("ceiling median: %.0f points/s%n", median);
            statement.execute("DROP TABLE ceiling_point");
            connection.commit();
        }
    }

    /** Stores hours {@code from} to {@code from + count - 1} after 2020-01-01 for every series. */
    private static long append(Connection connection, boolean h2, int series, long from, long count)
            throws SQLException {
        if (!h2) {
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("INSERT INTO ceiling_point (series_id, ts, val) SELECT s, "
                        + "TIMESTAMPTZ '2020-01-01 00:00:00+00' + make_interval(hours => i::int), "
                        + "((s * 31 + i) % 1000) / 10.0 FROM generate_series(1, " + series + ") s, generate_series("
                        + from + ", " + (from + count - 1) + ") i");
            }
        }
        return batches(connection, "INSERT INTO ceiling_point (series_id, ts, val) VALUES (?, ?, ?)", series, from,
                count, 1, 2, 3);
    }

    /** Gives hours {@code from} to {@code from + count - 1}, stored already, a new value in every series. */
    private static long update(Connection connection, boolean h2, int series, long from, long count)
            throws SQLException {
        if (!h2) {
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("UPDATE ceiling_point SET val = val + 1 WHERE ts >= "
                        + "TIMESTAMPTZ '2020-01-01 00:00:00+00' + make_interval(hours => " + from + ")");
            }
        }
        return batches(connection, "UPDATE ceiling_point SET val = ? WHERE series_id = ? AND ts = ?", series, from,
                count, 2, 3, 1);
    }

    /** Runs {@code sql} in batches of 5,000 (the service's), binding series, timestamp and value at the given places. */
    private static long batches(Connection connection, String sql, int series, long from, long count, int seriesAt,
            int tsAt, int valueAt) throws SQLException {
        OffsetDateTime start = OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        long rows = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int s = 1; s <= series; s++) {
                for (long i = from; i < from + count; i++) {
                    statement.setLong(seriesAt, s);
                    statement.setObject(tsAt, start.plusHours(i));
                    statement.setDouble(valueAt, ((s * 31 + i) % 1000) / 10.0);
                    statement.addBatch();
                    if (++rows % 5_000 == 0) {
                        statement.executeBatch();
                    }
                }
            }
            statement.executeBatch();
        }
        return rows;
    }
}
