package dev.tsforge.series;

/**
 * One row as the client sent it, before validation: where it came from (CSV line or JSON array index), the
 * timestamp text and the value text or number.
 */
public record RawPoint(String where, int position, String timestamp, String value) {

    public static RawPoint csvLine(long line, String timestamp, String value) {
        return new RawPoint("line", (int) line, timestamp, value);
    }

    public static RawPoint jsonIndex(int index, String timestamp, String value) {
        return new RawPoint("index", index, timestamp, value);
    }
}
