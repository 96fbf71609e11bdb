package dev.tsforge.series;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;

/** A series' newest points, oldest first, and the stats of all its points, as one key-ordered scan reads them. */
record RecentPoints(List<Point> latest, PointStats stats) {

    /** Keeps the last {@code count} rows of each series in a ring and its count, time and value range. */
    static final class Scan implements RowCallbackHandler {

        private final int count;
        private final Map<Long, RecentPoints> done;
        private final OffsetDateTime[] times;
        private final double[] values;
        private long series = -1;
        private long rows;
        private OffsetDateTime first;
        private double min;
        private double max;

        Scan(int count, Map<Long, RecentPoints> done) {
            this.count = count;
            this.done = done;
            this.times = new OffsetDateTime[count];
            this.values = new double[count];
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            long id = rs.getLong(1);
            if (id != series) {
                finish();
                series = id;
                rows = 0;
                min = Double.POSITIVE_INFINITY;
                max = Double.NEGATIVE_INFINITY;
            }
            OffsetDateTime ts = rs.getObject(2, OffsetDateTime.class);
            double value = rs.getDouble(3);
            if (rows == 0) {
                first = ts;
            }
            times[(int) (rows % count)] = ts;
            values[(int) (rows % count)] = value;
            min = Math.min(min, value);
            max = Math.max(max, value);
            rows++;
        }

        void finish() {
            if (series < 0) {
                return;
            }
            int kept = (int) Math.min(rows, count);
            List<Point> latest = new ArrayList<>(kept);
            for (long r = rows - kept; r < rows; r++) {
                latest.add(new Point(times[(int) (r % count)].toInstant(), values[(int) (r % count)]));
            }
            done.put(series, new RecentPoints(latest, new PointStats(rows, first.toInstant(),
                    latest.get(kept - 1).timestamp(), min, max)));
            series = -1;
        }
    }
}
