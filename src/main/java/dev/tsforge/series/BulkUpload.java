package dev.tsforge.series;

import java.sql.SQLException;
import java.time.Instant;
import java.util.function.IntConsumer;
import org.springframework.jdbc.UncategorizedSQLException;

/**
 * Checks each row of an upload as it is read and hands the good ones to the writer: a non-blank {@code unique_id},
 * a timestamp on the collection's grid (read in its zone when it has no offset), a finite value, no timestamp twice
 * for one series. After the first bad row nothing more is written (the transaction will be rolled back), but rows are
 * still checked, so the answer lists up to {@value BulkErrors#MAX_REPORTED} of them.
 */
final class BulkUpload implements LongFormatReader.Handler {

    private final Frequency grid;
    private final BulkMembers members;
    private final BulkPointWriter.Session session;
    /** Called with a member number new to the upload when the writer needs its series id at once. */
    private final IntConsumer newMember;
    private final BulkErrors errors = new BulkErrors();
    private long received;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;
    private boolean stopped;

    BulkUpload(Frequency grid, BulkMembers members, BulkPointWriter.Session session, IntConsumer newMember) {
        this.grid = grid;
        this.members = members;
        this.session = session;
        this.newMember = newMember;
    }

    @Override
    public boolean row(BulkRow row) {
        received++;
        String uniqueId = row.uniqueId;
        if (uniqueId == null || uniqueId.isBlank()) {
            return reject(row, "MISSING_ID", "unique_id is missing");
        }
        if (uniqueId.length() > CollectionService.MAX_UNIQUE_ID_LENGTH) {
            return reject(row, "BAD_ID", "unique_id is longer than " + CollectionService.MAX_UNIQUE_ID_LENGTH
                    + " characters");
        }
        if (row.fault != null) {
            return reject(row, "BAD_ROW", row.fault);
        }
        long second = row.timestamp == null ? FastTimestamps.INVALID
                : FastTimestamps.epochSecond(row.timestamp, grid.zone());
        if (second == FastTimestamps.INVALID) {
            return reject(row, "BAD_TIMESTAMP", "timestamp '" + row.timestamp + "' is not an ISO-8601 date-time "
                    + "(e.g. 2024-01-01T00:00:00Z; without an offset it is read in " + grid.zoneName() + ") or a date");
        }
        Instant timestamp = Instant.ofEpochSecond(second);
        if (timestamp.isBefore(PointBatchValidator.EARLIEST) || timestamp.isAfter(PointBatchValidator.LATEST)) {
            return reject(row, "OUT_OF_RANGE", "timestamp " + timestamp + " is outside the years 0001 to 9999");
        }
        long index = grid.index(timestamp);
        if (!grid.instantAt(index).equals(timestamp)) {
            return reject(row, "OFF_GRID", "timestamp " + timestamp + " is not on the " + grid.describe()
                    + " grid (nearest earlier: " + grid.instantAt(index) + ")");
        }
        double value;
        if (row.numeric) {
            value = row.number;
        } else if (row.valueText == null || row.valueText.isBlank()) {
            return reject(row, "MISSING_VALUE", "value is missing");
        } else {
            value = parseValue(row.valueText);
            if (Double.isNaN(value) && !isNaNText(row.valueText)) {
                return reject(row, "BAD_VALUE", "value '" + row.valueText + "' is not a number");
            }
        }
        if (!Double.isFinite(value)) {
            return reject(row, "NON_FINITE_VALUE", "value " + (row.numeric ? value : row.valueText) + " is not finite");
        }
        int member = members.number(uniqueId);
        if (!members.firstTime(member, index)) {
            return reject(row, "DUPLICATE_TIMESTAMP", "timestamp " + timestamp + " appears more than once for "
                    + "series '" + uniqueId + "' in this upload (this is a later one)");
        }
        if (errors.any()) {
            return true;
        }
        if (members.seriesId(member) == 0 && members.isNew(member)) {
            newMember.accept(member);
        }
        members.stored(member, second, value);
        first = Math.min(first, second);
        last = Math.max(last, second);
        try {
            session.add(member, second, value);
        } catch (SQLException e) {
            throw new UncategorizedSQLException("bulk upload", null, e);
        }
        return true;
    }

    private boolean reject(BulkRow row, String reason, String message) {
        errors.add(row, reason, message);
        stopped = errors.full();
        return !stopped;
    }

    /**
     * A plain decimal number, or NaN when the text is anything else: {@link Double#parseDouble} alone would also take
     * hexadecimal, a trailing {@code d} or {@code f}, and surrounding blanks.
     */
    static double parseValue(String text) {
        String trimmed = text.strip();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return special(trimmed);
            }
        }
        try {
            return Double.parseDouble(trimmed);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double special(String text) {
        return switch (text) {
            case "Infinity", "+Infinity", "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.NaN;
        };
    }

    private static boolean isNaNText(String text) {
        String trimmed = text.strip();
        return trimmed.equals("NaN") || trimmed.equals("nan");
    }

    BulkErrors errors() {
        return errors;
    }

    /** Whether reading stopped early at the last error reported. */
    boolean stopped() {
        return stopped;
    }

    long received() {
        return received;
    }

    Instant first() {
        return first == Long.MAX_VALUE ? null : Instant.ofEpochSecond(first);
    }

    Instant last() {
        return last == Long.MIN_VALUE ? null : Instant.ofEpochSecond(last);
    }
}
