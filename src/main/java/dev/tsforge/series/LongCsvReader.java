package dev.tsforge.series;

import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Long-format CSV: a header naming the id, time and value columns (others are ignored), then one row per point. A BOM,
 * CRLF, quoted fields and blank lines are accepted.
 */
final class LongCsvReader implements LongFormatReader {

    private static final int BUFFER_CHARS = 1 << 16;
    // blank lines come through as one empty field and are skipped here, so that the parser's line count stays the
    // line of the record it just returned
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(false)
            .get();

    private final Charset charset;

    LongCsvReader(Charset charset) {
        this.charset = charset;
    }

    @Override
    public void read(InputStream body, BulkColumns columns, Handler handler) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, charset), BUFFER_CHARS);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        long line = 0;
        try (CSVParser parser = FORMAT.parse(reader)) {
            Iterator<CSVRecord> records = parser.iterator();
            int[] at = null;
            int width = 0;
            BulkRow row = new BulkRow();
            while (true) {
                // next() without hasNext(): hasNext() reads the record ahead, and the line count with it
                line = parser.getCurrentLineNumber() + 1;
                CSVRecord record;
                try {
                    record = records.next();
                } catch (NoSuchElementException end) {
                    break;
                }
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue;
                }
                if (at == null) {
                    at = header(record, columns, line);
                    width = record.size();
                    continue;
                }
                row.reset("line", line);
                if (record.size() != width) {
                    row.fault = "line has " + record.size() + " field(s); the header has " + width;
                    row.uniqueId = at[0] < record.size() ? record.get(at[0]) : null;
                } else {
                    row.uniqueId = record.get(at[0]);
                    row.timestamp = record.get(at[1]);
                    row.valueText = record.get(at[2]);
                }
                if (!handler.row(row)) {
                    return;
                }
            }
            if (at == null) {
                throw invalid("The CSV body is empty; expected a header with " + expected(columns) + " and rows.", 1);
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException broken) {
                throw invalid("The CSV could not be parsed near line " + line + ": " + broken.getMessage(), line);
            }
            // the body stream failed, e.g. past the size limit: the caller looks for that among the causes
            throw e.getCause();
        }
    }

    private static int[] header(CSVRecord record, BulkColumns columns, long line) {
        int[] at = {-1, -1, -1};
        String[] wanted = {columns.id(), columns.time(), columns.value()};
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).trim().toLowerCase(Locale.ROOT);
            for (int c = 0; c < wanted.length; c++) {
                if (at[c] < 0 && name.equals(wanted[c].toLowerCase(Locale.ROOT))) {
                    at[c] = i;
                }
            }
        }
        for (int c = 0; c < wanted.length; c++) {
            if (at[c] < 0) {
                throw invalid("The header has no column '" + wanted[c] + "'; expected " + expected(columns)
                        + " (other names with the query parameters idColumn, timeColumn, valueColumn), got '"
                        + String.join(",", record.values()) + "'.", line);
            }
        }
        return at;
    }

    private static String expected(BulkColumns columns) {
        return "'" + columns.id() + "', '" + columns.time() + "' and '" + columns.value() + "'";
    }

    private static ApiProblemException invalid(String detail, long line) {
        return new ApiProblemException(ProblemType.INVALID_CSV, detail, Map.of("line", line));
    }
}
