import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The members' read of a collection forecast, before and after the series rows kept their point stats (V14), side by
 * side in one JVM on one H2 database, the two alternating: BEFORE scans every point of 1,000 members a query (each
 * member's last LOOKBACK for the window, all of them for its count and value range); AFTER reads from where the stored
 * last timestamp says the window starts (one range per member in one query). Both read the rows as the service does.
 *
 * <p>Run by bench/window-read.sh as a single-file program: {@code java -cp <h2 jar> bench/WindowRead.java JDBC_URL
 * COLLECTION LOOKBACK REPEATS}. Prints JSON lines: each way's runs and median in seconds for all members.
 */
public class WindowRead {

    public static void main(String[] args) throws SQLException {
        String url = args[0];
        String collection = args[1];
        int lookback = Integer.parseInt(args[2]);
        int repeats = Integer.parseInt(args[3]);
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            List<long[]> members = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT s.id FROM series s JOIN series_collection c ON c.id = s.collection_id
                    WHERE c.name = ? ORDER BY s.id""")) {
                query.setString(1, collection);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        members.add(new long[] {rs.getLong(1)});
                    }
                }
            }
            double[] before = new double[repeats];
            double[] after = new double[repeats];
            long[] rows = new long[2];
            for (int run = -1; run < repeats; run++) {   // run -1: the warm-up of both
                long started = System.nanoTime();
                rows[0] = readAll(connection, members, lookback, false);
                double b = (System.nanoTime() - started) / 1e9;
                started = System.nanoTime();
                rows[1] = readAll(connection, members, lookback, true);
                double a = (System.nanoTime() - started) / 1e9;
                if (run >= 0) {
                    before[run] = b;
                    after[run] = a;
                }
            }
            print("BEFORE (every point)", members.size(), rows[0], before);
            print("AFTER (the windows, V14 stats)", members.size(), rows[1], after);
        }
    }

    private static long readAll(Connection connection, List<long[]> members, int lookback, boolean windowsOnly)
            throws SQLException {
        long rows = 0;
        for (int from = 0; from < members.size(); from += 1_000) {
            List<long[]> chunk = members.subList(from, Math.min(members.size(), from + 1_000));
            StringBuilder in = new StringBuilder();
            for (long[] member : chunk) {
                in.append(in.isEmpty() ? "" : ",").append(member[0]);
            }
            String sql = "SELECT series_id, ts, val FROM series_point WHERE series_id IN (" + in + ")"
                    + (windowsOnly ? " AND ts >= ?" : "") + " ORDER BY series_id, ts";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                if (windowsOnly) {
                    // the members share their last timestamp (the service groups them by it): the window's start
                    OffsetDateTime last;
                    try (Statement stats = connection.createStatement(); ResultSet rs = stats.executeQuery(
                            "SELECT MIN(last_ts) FROM series WHERE id IN (" + in + ")")) {
                        rs.next();
                        last = rs.getObject(1, OffsetDateTime.class);
                    }
                    statement.setObject(1, last.minusHours(lookback - 1));
                }
                double sum = 0;
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(1);
                        rs.getObject(2, OffsetDateTime.class);
                        sum += Math.min(rs.getDouble(3), Double.MAX_VALUE);
                        rows++;
                    }
                }
                if (Double.isNaN(sum)) {
                    throw new IllegalStateException();
                }
            }
        }
        return rows;
    }

    private static void print(String way, int members, long rows, double[] seconds) {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        System.out.println(String.format(Locale.ROOT, "{\"way\": \"%s\", \"members\": %d, \"rows\": %d, "
                + "\"medianSeconds\": %.4f, \"runs\": %s}", way, members, rows, sorted[seconds.length / 2],
                Arrays.toString(seconds)));
    }
}
