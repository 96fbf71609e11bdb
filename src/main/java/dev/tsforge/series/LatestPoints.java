package dev.tsforge.series;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;

/** Keeps the last {@code count} rows of each series of a scan ordered by series and time, oldest first. */
final class LatestPoints implements RowCallbackHandler {

    private final int count;
    private final Map<Long, List<Point>> done;
    private final OffsetDateTime[] times;
    private final double[] values;
    private long series = -1;
    private long rows;

    LatestPoints(int count, Map<Long, List<Point>> done) {
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
        }
        times[(int) (rows % count)] = rs.getObject(2, OffsetDateTime.class);
        values[(int) (rows % count)] = rs.getDouble(3);
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
        done.put(series, latest);
        series = -1;
    }
}
