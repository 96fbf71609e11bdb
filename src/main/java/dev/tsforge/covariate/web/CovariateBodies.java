package dev.tsforge.covariate.web;

import dev.tsforge.series.PointCsv;
import dev.tsforge.series.RawPoint;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.JsonErrors;
import dev.tsforge.web.ProblemType;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies of covariate points, read as the series' points are: JSON arrays of {@code {timestamp, value}} or CSV
 * {@code timestamp,value} for one covariate; {@code {name, timestamp, value}} or CSV {@code name,timestamp,value} for
 * several at once (long format). Bad rows are reported with their JSON index or CSV line, as points' are.
 */
final class CovariateBodies {

    static final String TEXT_CSV = "text/csv";
    static final String LONG_HEADER = "name,timestamp,value";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .get();

    private CovariateBodies() {
    }

    static List<RawPoint> points(byte[] body, MediaType contentType, JsonMapper json, int maxRows) {
        byte[] bytes = body == null ? new byte[0] : body;
        if (!isJson(contentType)) {
            return PointCsv.parse(new String(bytes, charset(contentType)), maxRows);
        }
        PointJson[] points = read(json, bytes, PointJson[].class);
        List<RawPoint> rows = new ArrayList<>(points.length);
        for (int i = 0; i < points.length; i++) {
            if (points[i] == null) {
                throw nullElement(i);
            }
            rows.add(RawPoint.jsonIndex(i, points[i].timestamp(), points[i].value()));
        }
        return rows;
    }

    /** Rows of several covariates, by name in the order they first appear. */
    static Map<String, List<RawPoint>> longRows(byte[] body, MediaType contentType, JsonMapper json, int maxRows) {
        byte[] bytes = body == null ? new byte[0] : body;
        Map<String, List<RawPoint>> byName = new LinkedHashMap<>();
        if (isJson(contentType)) {
            NamedPointJson[] points = read(json, bytes, NamedPointJson[].class);
            for (int i = 0; i < points.length; i++) {
                if (points[i] == null) {
                    throw nullElement(i);
                }
                byName.computeIfAbsent(name(points[i].name(), "index", i), n -> new ArrayList<>())
                        .add(RawPoint.jsonIndex(i, points[i].timestamp(), points[i].value()));
            }
            return byName;
        }
        String text = new String(bytes, charset(contentType));
        String stripped = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        int rows = 0;
        try (CSVParser parser = FORMAT.parse(new StringReader(stripped))) {
            boolean header = true;
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (header) {
                    if (record.size() != 3 || !String.join(",", record.values()).replace(" ", "")
                            .equalsIgnoreCase(LONG_HEADER)) {
                        throw invalidCsv("The first line must be the header '" + LONG_HEADER + "'", line);
                    }
                    header = false;
                    continue;
                }
                if (record.size() != 3) {
                    throw invalidCsv("Line " + line + " has " + record.size() + " field(s); expected 3 ("
                            + LONG_HEADER + ").", line);
                }
                if (++rows > maxRows) {
                    throw new ApiProblemException(ProblemType.TOO_MANY_POINTS, "The batch has more than " + maxRows
                            + " points; split it into smaller requests.", Map.of("maxPoints", maxRows));
                }
                byName.computeIfAbsent(name(record.get(0), "line", line), n -> new ArrayList<>())
                        .add(RawPoint.csvLine(line, record.get(1), record.get(2)));
            }
            if (header) {
                throw invalidCsv("The CSV body is empty; expected a '" + LONG_HEADER + "' header and rows.", 1);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new ApiProblemException(ProblemType.INVALID_CSV, "The CSV could not be parsed: " + e.getMessage());
        }
        return byName;
    }

    private static String name(String name, String where, long position) {
        if (name == null || name.isBlank()) {
            throw new ApiProblemException(ProblemType.INVALID_POINTS, "The covariate's name is missing at " + where
                    + " " + position + ".", Map.of(where, position));
        }
        return name.trim();
    }

    private static <T> T[] read(JsonMapper json, byte[] bytes, Class<T[]> type) {
        T[] points;
        try {
            points = json.readValue(bytes, type);
        } catch (JacksonException e) {
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, JsonErrors.describe(e));
        }
        if (points == null) {
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, "The request body must be a JSON array.");
        }
        return points;
    }

    private static ApiProblemException nullElement(int index) {
        return new ApiProblemException(ProblemType.INVALID_POINTS, "Element " + index + " is null.",
                Map.of("index", index));
    }

    private static ApiProblemException invalidCsv(String detail, long line) {
        return new ApiProblemException(ProblemType.INVALID_CSV, detail, Map.of("line", line));
    }

    private static boolean isJson(MediaType contentType) {
        return contentType.isCompatibleWith(MediaType.APPLICATION_JSON);
    }

    private static Charset charset(MediaType contentType) {
        return contentType.getCharset() == null ? StandardCharsets.UTF_8 : contentType.getCharset();
    }
}
