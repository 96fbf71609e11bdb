package dev.tsforge.series;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Any other database (H2): points go straight into {@code series_point} in JDBC batches as they are read, each batch
 * as an update by key, then an insert of the rows the update did not find. The update counts tell inserts from
 * updates, which H2's {@code MERGE} does not.
 */
final class JdbcBatchWriter implements BulkPointWriter {

    private static final int BATCH = 5_000;

    @Override
    public boolean needsSeriesIds() {
        return true;
    }

    @Override
    public Session open(Connection connection, BulkMembers members) throws SQLException {
        return new BatchSession(connection, members);
    }

    private static final class BatchSession implements Session {

        private final BulkMembers members;
        private final PreparedStatement update;
        private final PreparedStatement insert;
        private final long[] seriesIds = new long[BATCH];
        private final long[] seconds = new long[BATCH];
        private final double[] values = new double[BATCH];
        private int held;
        private long inserted;
        private long updated;

        BatchSession(Connection connection, BulkMembers members) throws SQLException {
            this.members = members;
            this.update = connection.prepareStatement("UPDATE series_point SET val = ? WHERE series_id = ? AND ts = ?");
            this.insert = connection.prepareStatement("INSERT INTO series_point (series_id, ts, val) VALUES (?, ?, ?)");
        }

        @Override
        public void add(int member, long epochSecond, double value) throws SQLException {
            seriesIds[held] = members.seriesId(member);
            seconds[held] = epochSecond;
            values[held] = value;
            if (++held == BATCH) {
                flush();
            }
        }

        private void flush() throws SQLException {
            for (int i = 0; i < held; i++) {
                update.setDouble(1, values[i]);
                update.setLong(2, seriesIds[i]);
                update.setObject(3, timestamp(seconds[i]));
                update.addBatch();
            }
            int[] found = update.executeBatch();
            int missing = 0;
            for (int i = 0; i < held; i++) {
                if (found[i] == 0) {
                    insert.setLong(1, seriesIds[i]);
                    insert.setObject(2, timestamp(seconds[i]));
                    insert.setDouble(3, values[i]);
                    insert.addBatch();
                    missing++;
                }
            }
            if (missing > 0) {
                insert.executeBatch();
            }
            inserted += missing;
            updated += held - missing;
            held = 0;
        }

        private static OffsetDateTime timestamp(long epochSecond) {
            return Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC);
        }

        @Override
        public void endOfPoints() {
            // every point already has its series: the last batch is written by finish
        }

        @Override
        public Stored finish() throws SQLException {
            flush();
            close();
            return new Stored(inserted, updated);
        }

        @Override
        public void abort() {
            close();
        }

        private void close() {
            try {
                update.close();
                insert.close();
            } catch (SQLException ignored) {
                // closing statements of a transaction about to be rolled back
            }
        }
    }
}
