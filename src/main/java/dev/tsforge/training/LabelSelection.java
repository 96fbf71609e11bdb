package dev.tsforge.training;

import java.util.List;

/**
 * How a job stores the {@code label=key:value} filters that chose a collection's members: one filter a line, as the
 * request gave them (a key is an identifier; a value may hold colons or commas, and a line break in a label value
 * is not something a filter can be written with in a query string anyway).
 */
public final class LabelSelection {

    private LabelSelection() {
    }

    /** @return null for no filter (every member) */
    public static String format(List<String> filters) {
        return filters == null || filters.isEmpty() ? null : String.join("\n", filters);
    }

    public static List<String> parse(String stored) {
        return stored == null ? List.of() : List.of(stored.split("\n"));
    }
}
