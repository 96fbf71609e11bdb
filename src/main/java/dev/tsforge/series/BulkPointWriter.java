package dev.tsforge.series;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the checked points of one upload go, each database its fastest way, on the connection of the caller's
 * transaction: nothing is visible to others before its commit, and a rollback leaves nothing.
 */
interface BulkPointWriter {

    /** True when each point needs its series' id as it is added, so that a new member's series is created at once. */
    boolean needsSeriesIds();

    Session open(Connection connection, BulkMembers members) throws SQLException;

    /** Counts of the points stored. */
    record Stored(long inserted, long updated) {
    }

    interface Session {

        void add(int member, long epochSecond, double value) throws SQLException;

        /** No more points: after this the connection takes other statements (new members' series) again. */
        void endOfPoints() throws SQLException;

        /** Stores what is still held and counts; once, after every member has its series id. */
        Stored finish() throws SQLException;

        /** Gives up after a failure (the transaction is rolled back after). */
        void abort();
    }
}
