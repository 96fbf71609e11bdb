package dev.tsforge.ledger;

import java.util.ArrayList;
import java.util.List;

/** A recorded interval of one step at one level; bounds null where the forecast had none. */
public record Bound(double level, Double lower, Double upper) {

    /** Whether the actual value lies inside; null when the interval is missing. */
    Boolean covers(double actual) {
        return lower == null || upper == null ? null : lower <= actual && actual <= upper;
    }

    /**
     * The bounds as {@code ledger_step} kept them until V20: {@code level:lower:upper;...}, a bound empty where
     * missing.
     */
    static List<Bound> decode(String text) {
        List<Bound> bounds = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return bounds;
        }
        for (String part : text.split(";")) {
            String[] fields = part.split(":", -1);
            bounds.add(new Bound(Double.parseDouble(fields[0]), number(fields[1]), number(fields[2])));
        }
        return bounds;
    }

    private static Double number(String text) {
        return text.isEmpty() ? null : Double.valueOf(text);
    }
}
