package dev.tsforge.series;

import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads and writes the {@code timestamp,value} CSV that people export from spreadsheets and databases. */
public final class PointCsv {

    public static final String HEADER = "timestamp,value";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .get();

    private PointCsv() {
    }

    /**
     * Parses CSV text into raw rows. A BOM, CRLF line ends, quoted fields and blank lines are accepted; a missing
     * or different header and rows with other than two fields are refused with the line number.
     */
    public static List<RawPoint> parse(String text, int maxRows) {
        if (text == null || text.isBlank()) {
            throw invalid("The CSV body is empty; expected a '" + HEADER + "' header and rows.", 1);
        }
        String body = text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        List<RawPoint> rows = new ArrayList<>();
        int[] lineStarts = lineStarts(body);
        try (CSVParser parser = FORMAT.parse(new StringReader(body))) {
            boolean header = true;
            for (CSVRecord record : parser) {
                long line = lineOf(lineStarts, record.getCharacterPosition());
                if (header) {
                    checkHeader(record, line);
                    header = false;
                    continue;
                }
                if (record.size() != 2) {
                    throw invalid("Line " + line + " has " + record.size() + " field(s); expected 2 (" + HEADER + ").",
                            line);
                }
                if (rows.size() == maxRows) {
                    throw new ApiProblemException(ProblemType.TOO_MANY_POINTS,
                            "The batch has more than " + maxRows + " points; split it into smaller requests.",
                            Map.of("maxPoints", maxRows));
                }
                rows.add(RawPoint.csvLine(line, record.get(0), record.get(1)));
            }
            if (header) {
                throw invalid("The CSV body is empty; expected a '" + HEADER + "' header and rows.", 1);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // commons-csv reports broken quoting as an (unchecked) CSVException
            throw invalid("The CSV could not be parsed: " + rootMessage(e), -1);
        }
        return rows;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? "unreadable input" : root.getMessage();
    }

    private static int[] lineStarts(String body) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < body.length(); i++) {
            if (body.charAt(i) == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    /** 1-based line of a character offset. */
    private static long lineOf(int[] lineStarts, long position) {
        int found = Arrays.binarySearch(lineStarts, (int) position);
        return found >= 0 ? found + 1 : -found - 1;
    }

    private static void checkHeader(CSVRecord record, long line) {
        boolean ok = record.size() == 2
                && record.get(0).trim().equalsIgnoreCase("timestamp")
                && record.get(1).trim().equalsIgnoreCase("value");
        if (!ok) {
            throw invalid("The first line must be the header '" + HEADER + "', got '" + String.join(",", record.values())
                    + "'.", line);
        }
    }

    private static ApiProblemException invalid(String detail, long line) {
        return line > 0
                ? new ApiProblemException(ProblemType.INVALID_CSV, detail, Map.of("line", line))
                : new ApiProblemException(ProblemType.INVALID_CSV, detail);
    }

    /** Writes points as CSV with the header, timestamps in ISO-8601 UTC. */
    public static String format(List<Point> points) {
        StringBuilder out = new StringBuilder(points.size() * 32 + 32).append(HEADER).append('\n');
        for (Point point : points) {
            out.append(point.timestamp()).append(',').append(point.value()).append('\n');
        }
        return out.toString();
    }
}
