package dev.tsforge.series;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL: the points stream into a temporary staging table by {@code COPY ... FROM STDIN} in binary form while the
 * body is still being read, then move into {@code series_point}: those after their series' last stored point by a
 * plain {@code INSERT ... SELECT}, the others by one {@code INSERT ... SELECT ... ON CONFLICT DO UPDATE}. The staging rows name their series by member number, because a COPY in progress admits no
 * other statement on its connection, so new members get their series only after it; a small second table maps
 * numbers to ids. Both tables are dropped at the end of the transaction, committed or not.
 */
final class PostgresBulkWriter implements BulkPointWriter {

    /** PostgreSQL's binary timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** Three fields: int4 member, timestamptz, float8, each with its length word. */
    private static final int ROW_BYTES = 2 + (4 + 4) + (4 + 8) + (4 + 8);
    private static final int BUFFER_BYTES = 1 << 16;
    private static final int MEMBER_BATCH = 1_000;

    @Override
    public boolean needsSeriesIds() {
        return false;
    }

    @Override
    public Session open(Connection connection, BulkMembers members) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TEMPORARY TABLE bulk_point (member INT NOT NULL, ts TIMESTAMP WITH TIME ZONE NOT NULL,
                        val DOUBLE PRECISION NOT NULL) ON COMMIT DROP""");
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY bulk_point (member, ts, val) FROM STDIN (FORMAT binary)");
        return new CopySession(connection, members, copy);
    }

    private static final class CopySession implements Session {

        private final Connection connection;
        private final BulkMembers members;
        private final CopyIn copy;
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        private long staged;

        CopySession(Connection connection, BulkMembers members, CopyIn copy) {
            this.connection = connection;
            this.members = members;
            this.copy = copy;
            buffer.put(SIGNATURE).putInt(0).putInt(0);
        }

        @Override
        public void add(int member, long epochSecond, double value) throws SQLException {
            if (buffer.remaining() < ROW_BYTES) {
                flush();
            }
            buffer.putShort((short) 3)
                    .putInt(4).putInt(member)
                    .putInt(8).putLong((epochSecond - POSTGRES_EPOCH_SECOND) * 1_000_000L)
                    .putInt(8).putDouble(value);
        }

        private void flush() throws SQLException {
            copy.writeToCopy(buffer.array(), 0, buffer.position());
            buffer.clear();
        }

        @Override
        public void endOfPoints() throws SQLException {
            if (buffer.remaining() < 2) {
                flush();
            }
            buffer.putShort((short) -1);
            flush();
            staged = copy.endCopy();
        }

        @Override
        public Stored finish() throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("""
                        CREATE TEMPORARY TABLE bulk_member (member INT PRIMARY KEY, series_id BIGINT NOT NULL,
                            last_ts TIMESTAMP WITH TIME ZONE) ON COMMIT DROP""");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bulk_member (member, series_id) VALUES (?, ?)")) {
                for (int member = 0; member < members.size(); member++) {
                    insert.setInt(1, member);
                    insert.setLong(2, members.seriesId(member));
                    insert.addBatch();
                    if ((member + 1) % MEMBER_BATCH == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            try (Statement statement = connection.createStatement()) {
                // each series' last stored point, one index probe each (the upload holds the series' locks)
                statement.execute("""
                        UPDATE bulk_member m SET last_ts = (SELECT MAX(p.ts) FROM series_point p
                            WHERE p.series_id = m.series_id)""");
                // without statistics the planner guesses the staging table's size from its pages, but not the
                // members': a hash join needs to know the small side is small
                statement.execute("ANALYZE bulk_member");
                // a point later than its series' last stored one is new: a plain insert, without the conflict
                // check and speculative insertion of an upsert; appending to series is the usual upload
                statement.executeUpdate("""
                        INSERT INTO series_point (series_id, ts, val)
                        SELECT m.series_id, p.ts, p.val FROM bulk_point p JOIN bulk_member m ON m.member = p.member
                        WHERE m.last_ts IS NULL OR p.ts > m.last_ts""");
                // xmax is 0 on a row version this statement inserted and set on one it updated (the old version's
                // locker): PostgreSQL's usual way to tell inserts from updates in one upsert; the updates counted per
                // member keep the series' point counts
                long updated = 0;
                try (ResultSet counts = statement.executeQuery("""
                        WITH upserted AS (
                            INSERT INTO series_point (series_id, ts, val)
                            SELECT m.series_id, p.ts, p.val FROM bulk_point p JOIN bulk_member m ON m.member = p.member
                            WHERE p.ts <= m.last_ts
                            ON CONFLICT (series_id, ts) DO UPDATE SET val = EXCLUDED.val
                            RETURNING series_id, (xmax = 0) AS inserted)
                        SELECT m.member, COUNT(*) FROM upserted u JOIN bulk_member m ON m.series_id = u.series_id
                        WHERE NOT u.inserted GROUP BY m.member""")) {
                    while (counts.next()) {
                        members.replaced(counts.getInt(1), counts.getLong(2));
                        updated += counts.getLong(2);
                    }
                }
                return new Stored(staged - updated, updated);
            }
        }

        @Override
        public void abort() {
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException ignored) {
                // the rollback that follows ends the COPY with the transaction
            }
        }
    }
}
