package dev.tsforge.series;

import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The invalid rows of an upload: the first {@value #MAX_REPORTED}, each with its line (or index), series, reason and
 * message. Reading stops at the last one reported, so a broken gigabyte is not read to its end to be refused.
 */
final class BulkErrors {

    static final int MAX_REPORTED = PointBatchValidator.MAX_REPORTED;

    private final List<Map<String, Object>> errors = new ArrayList<>();

    void add(BulkRow row, String reason, String message) {
        if (errors.size() < MAX_REPORTED) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put(row.where, row.position);
            error.put("uniqueId", row.uniqueId);
            error.put("reason", reason);
            error.put("message", message);
            errors.add(error);
        }
    }

    boolean any() {
        return !errors.isEmpty();
    }

    boolean full() {
        return errors.size() >= MAX_REPORTED;
    }

    /** @param complete whether the whole body was read, so that {@code errorCount} is every invalid row */
    void throwIfAny(boolean complete) {
        if (errors.isEmpty()) {
            return;
        }
        Map<String, Object> first = errors.get(0);
        String where = first.keySet().iterator().next();
        throw new ApiProblemException(ProblemType.INVALID_POINTS, errors.size() + (complete ? "" : " or more")
                + " invalid point(s); nothing was stored. First: " + where + " " + first.get(where) + " (series '"
                + first.get("uniqueId") + "'): " + first.get("message"),
                Map.of("errorCount", errors.size(), "complete", complete, "errors", errors));
    }
}
