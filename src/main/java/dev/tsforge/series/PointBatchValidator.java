package dev.tsforge.series;

import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a whole ingest batch before anything is written: every timestamp parses and lies on the series'
 * grid, every value is a finite number, no timestamp appears twice. Reports up to {@value #MAX_REPORTED} errors
 * with their CSV line or JSON index, so a client can fix a file in one go.
 */
public final class PointBatchValidator {

    static final int MAX_REPORTED = 20;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private PointBatchValidator() {
    }

    /** ISO 8601's four-digit years: a negative or five-digit year is a mistake, not data. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public static List<Point> validate(List<RawPoint> rows, Frequency frequency) {
        List<Point> points = new ArrayList<>(rows.size());
        List<Map<String, Object>> errors = new ArrayList<>();
        int errorCount = 0;
        Map<Instant, RawPoint> seen = new HashMap<>(rows.size() * 2);
        for (RawPoint row : rows) {
            String problem = null;
            String reason = null;
            Instant timestamp = parseTimestamp(row.timestamp(), frequency.zone());
            Double value = parseValue(row.value());
            if (timestamp == null) {
                reason = "BAD_TIMESTAMP";
                problem = "timestamp '" + row.timestamp() + "' is not an ISO-8601 date-time (e.g. "
                        + "2024-01-01T00:00:00Z; without an offset it is read in " + frequency.zoneName() + ") or a date";
            } else if (timestamp.isBefore(EARLIEST) || timestamp.isAfter(LATEST)) {
                reason = "OUT_OF_RANGE";
                problem = "timestamp " + timestamp + " is outside the years 0001 to 9999";
            } else if (!frequency.isOnGrid(timestamp)) {
                reason = "OFF_GRID";
                problem = "timestamp " + timestamp + " is not on the " + frequency.describe() + " grid (nearest earlier: "
                        + safeFloor(frequency, timestamp) + ")";
            } else if (seen.containsKey(timestamp)) {
                RawPoint first = seen.get(timestamp);
                reason = "DUPLICATE_TIMESTAMP";
                problem = "timestamp " + timestamp + " already appears at " + first.where() + " " + first.position();
            } else if (row.value() == null || row.value().isBlank()) {
                reason = "MISSING_VALUE";
                problem = "value is missing";
            } else if (value == null) {
                reason = "BAD_VALUE";
                problem = "value '" + row.value() + "' is not a number";
            } else if (!Double.isFinite(value)) {
                reason = "NON_FINITE_VALUE";
                problem = "value " + row.value() + " is not finite";
            }
            if (problem != null) {
                errorCount++;
                if (errors.size() < MAX_REPORTED) {
                    Map<String, Object> error = new LinkedHashMap<>();
                    error.put(row.where(), row.position());
                    error.put("reason", reason);
                    error.put("message", problem);
                    errors.add(error);
                }
                continue;
            }
            seen.put(timestamp, row);
            points.add(new Point(timestamp, value));
        }
        if (errorCount > 0) {
            Map<String, Object> first = errors.get(0);
            throw new ApiProblemException(ProblemType.INVALID_POINTS,
                    errorCount + " invalid point(s); nothing was stored. First: " + first.keySet().iterator().next()
                            + " " + first.values().iterator().next() + ": " + first.get("message"),
                    Map.of("errorCount", errorCount, "errors", errors));
        }
        return points;
    }

    private static String safeFloor(Frequency frequency, Instant t) {
        try {
            return frequency.instantAt(frequency.index(t)).toString();
        } catch (IllegalArgumentException e) {
            return "none";
        }
    }

    /**
     * A date-time with an offset, or a date (midnight UTC); null otherwise. Strict: where no series gives a zone
     * (a forecast's {@code lastTimestamp}, a chart's bounds) a date-time without an offset is refused, not guessed.
     */
    public static Instant parseTimestamp(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /**
     * A timestamp with an offset, or a date-time or date without one read in {@code zone} (as pandas writes them:
     * {@code 2024-01-05}, {@code 2024-01-05T00:00:00}, {@code 2024-01-05 00:00:00}); null when it does not parse.
     * A local time that a DST change skips moves forward by the gap; one that occurs twice is its earlier instant.
     */
    public static Instant parseTimestamp(String text, ZoneId zone) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        // pandas and SQL clients separate date and time with a space, which ISO-8601 parsers refuse
        if (trimmed.length() > 10 && trimmed.charAt(10) == ' ') {
            trimmed = trimmed.substring(0, 10) + 'T' + trimmed.substring(11).trim();
        }
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(trimmed).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(trimmed).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException notADate) {
                    return null;
                }
            }
        }
    }

    /** A value as a double, or null when it is not a number. NaN and Infinity parse, and are then refused. */
    private static Double parseValue(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        if (DECIMAL.matcher(trimmed).matches()) {
            return Double.parseDouble(trimmed);
        }
        return switch (trimmed) {
            case "NaN", "nan" -> Double.NaN;
            case "Infinity", "+Infinity", "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }
}
