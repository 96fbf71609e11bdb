package dev.tsforge.series;

/**
 * The names of the three fields of a long-format upload: the CSV header's columns or the JSON objects' keys.
 * Nixtla's names are the default, so their data frames' {@code to_csv()} uploads as it is.
 */
public record BulkColumns(String id, String time, String value) {

    public static final BulkColumns NIXTLA = new BulkColumns("unique_id", "ds", "y");

    /** The defaults for any name left null or blank. */
    public static BulkColumns of(String id, String time, String value) {
        return new BulkColumns(orDefault(id, NIXTLA.id), orDefault(time, NIXTLA.time), orDefault(value, NIXTLA.value));
    }

    private static String orDefault(String name, String fallback) {
        return name == null || name.isBlank() ? fallback : name.trim();
    }
}
