package dev.tsforge.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A series' label a global network reads as an input: one-hot over the values its training members carried, plus one
 * slot for any other value (or none), so that a member added later, or a series sent with a value the training never
 * saw, still forecasts. Constant over a window: a label says what a series is, not what happens at a step.
 *
 * @param key    the label's key ({@code store})
 * @param values the values seen in training, sorted; empty in a spec not yet trained (a request names keys only)
 */
public record StaticLabel(String key, List<String> values) {

    /** The suffix of the slot for a value the training never saw, or a series without the key. */
    public static final String OTHER = "other";

    public StaticLabel {
        Objects.requireNonNull(key, "key");
        values = values == null ? List.of() : List.copyOf(values);
    }

    public static StaticLabel named(String key) {
        return new StaticLabel(key, List.of());
    }

    /**
     * The input columns, named by position rather than by value (values may hold any character, and columns are
     * written as one comma-separated list): {@code label.store.0}, …, {@code label.store.other}.
     */
    public List<String> columns() {
        List<String> columns = new ArrayList<>(values.size() + 1);
        for (int i = 0; i < values.size(); i++) {
            columns.add("label." + key + "." + i);
        }
        columns.add("label." + key + "." + OTHER);
        return columns;
    }

    /** The column (0-based, within this label's) that {@code value} sets: its slot, or the last for others. */
    public int slot(String value) {
        int index = value == null ? -1 : values.indexOf(value);
        return index < 0 ? values.size() : index;
    }
}
