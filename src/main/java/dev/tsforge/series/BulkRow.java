package dev.tsforge.series;

/**
 * One row of a long-format upload as read, before it is checked; the readers refill one instance row after row so
 * that millions of rows allocate no holder each.
 */
final class BulkRow {

    /** {@code line} (CSV, NDJSON) or {@code index} (JSON array): what {@link #position} counts. */
    String where;
    long position;
    String uniqueId;
    String timestamp;
    /** The value as text, or null when the JSON gave a number ({@link #number}) or nothing. */
    String valueText;
    double number;
    boolean numeric;
    /** A structural fault of the row (wrong field count), reported as the row's error. */
    String fault;

    void reset(String where, long position) {
        this.where = where;
        this.position = position;
        uniqueId = null;
        timestamp = null;
        valueText = null;
        number = 0;
        numeric = false;
        fault = null;
    }
}
