package dev.tsforge.series;

/** The body of a long-format upload. */
public enum BulkFormat {
    /** A header naming the id, time and value columns, then a row per point. */
    CSV,
    /** A JSON array of objects, or NDJSON (one object per line); told apart by the first character. */
    JSON
}
