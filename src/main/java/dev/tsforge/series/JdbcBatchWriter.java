package dev.tsforge.series;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Any other database (H2): points go straight into {@code series_point} in JDBC batches as they are read. A point
 * later than the last one its series had before the upload cannot be stored yet (the upload holds the series' lock)
 * and is inserted at once; any other is first updated by key, then inserted if the update found nothing. So appending
 * to a series costs one write per point, and the update counts tell inserts from updates, which H2's {@code MERGE}
 * does not.
 */
final class JdbcBatchWriter implements BulkPointWriter {

    private static final int BATCH = 5_000;
    private static final long NONE = Long.MIN_VALUE;

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
        private final PreparedStatement lastStored;
        private final Rows appends = new Rows();
        private final Rows others = new Rows();
        /** Per member, epoch second of the series' last point before the upload; NONE before it is looked up. */
        private long[] last = new long[0];
        private boolean[] looked = new boolean[0];
        private long inserted;
        private long updated;

        BatchSession(Connection connection, BulkMembers members) throws SQLException {
            this.members = members;
            this.update = connection.prepareStatement("UPDATE series_point SET val = ? WHERE series_id = ? AND ts = ?");
            this.insert = connection.prepareStatement("INSERT INTO series_point (series_id, ts, val) VALUES (?, ?, ?)");
            this.lastStored = connection.prepareStatement(
                    "SELECT ts FROM series_point WHERE series_id = ? ORDER BY ts DESC FETCH FIRST 1 ROWS ONLY");
        }

        @Override
        public void add(int member, long epochSecond, double value) throws SQLException {
            long seriesId = members.seriesId(member);
            Rows rows = epochSecond > last(member, seriesId) ? appends : others;
            rows.add(member, seriesId, epochSecond, value);
            if (rows.size == BATCH) {
                flush();
            }
        }

        private long last(int member, long seriesId) throws SQLException {
            if (member >= looked.length) {
                int size = Math.max(64, member * 2);
                last = Arrays.copyOf(last, size);
                looked = Arrays.copyOf(looked, size);
            }
            if (!looked[member]) {
                lastStored.setLong(1, seriesId);
                try (ResultSet found = lastStored.executeQuery()) {
                    last[member] = found.next() ? found.getObject(1, OffsetDateTime.class).toEpochSecond() : NONE;
                }
                looked[member] = true;
            }
            return last[member];
        }

        private void flush() throws SQLException {
            if (others.size > 0) {
                for (int i = 0; i < others.size; i++) {
                    update.setDouble(1, others.values[i]);
                    update.setLong(2, others.seriesIds[i]);
                    update.setObject(3, timestamp(others.seconds[i]));
                    update.addBatch();
                }
                int[] found = update.executeBatch();
                for (int i = 0; i < others.size; i++) {
                    if (found[i] == 0) {
                        appends.add(others.members[i], others.seriesIds[i], others.seconds[i], others.values[i]);
                    } else {
                        updated++;
                        members.replaced(others.members[i], 1);
                    }
                }
                others.size = 0;
            }
            if (appends.size > 0) {
                for (int i = 0; i < appends.size; i++) {
                    insert.setLong(1, appends.seriesIds[i]);
                    insert.setObject(2, timestamp(appends.seconds[i]));
                    insert.setDouble(3, appends.values[i]);
                    insert.addBatch();
                }
                insert.executeBatch();
                inserted += appends.size;
                appends.size = 0;
            }
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
                lastStored.close();
            } catch (SQLException ignored) {
                // closing statements of a transaction about to be rolled back
            }
        }
    }

    /** Points held for the next batch; room for two batches, as a flush may move updates that found nothing here. */
    private static final class Rows {
        final int[] members = new int[2 * BATCH];
        final long[] seriesIds = new long[2 * BATCH];
        final long[] seconds = new long[2 * BATCH];
        final double[] values = new double[2 * BATCH];
        int size;

        void add(int member, long seriesId, long second, double value) {
            members[size] = member;
            seriesIds[size] = seriesId;
            seconds[size] = second;
            values[size] = value;
            size++;
        }
    }
}
