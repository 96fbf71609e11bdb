package dev.tsforge.series;

import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Long-format JSON, read token by token: one array of objects ({@code [{"unique_id": "H1", "ds": "...", "y": 1.5},
 * ...]}, positions are array indexes) or NDJSON, one object per line (positions are lines). Keys other than the
 * three are ignored; the id may be a string or a number, the value a number, a numeric string or null.
 */
final class LongJsonReader implements LongFormatReader {

    private final JsonMapper json;

    LongJsonReader(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void read(InputStream body, BulkColumns columns, Handler handler) throws IOException {
        try (JsonParser parser = json.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw malformed("The body is empty; expected a JSON array of objects or NDJSON.", 1);
            }
            boolean array = first == JsonToken.START_ARRAY;
            BulkRow row = new BulkRow();
            long index = 0;
            JsonToken token = array ? parser.nextToken() : first;
            while (token != null && token != JsonToken.END_ARRAY) {
                long line = parser.currentTokenLocation().getLineNr();
                if (token != JsonToken.START_OBJECT) {
                    throw malformed("Expected an object {\"" + columns.id() + "\": ..., \"" + columns.time()
                            + "\": ..., \"" + columns.value() + "\": ...} at line " + line + ", got " + token + ".",
                            line);
                }
                row.reset(array ? "index" : "line", array ? index : line);
                readObject(parser, columns, row);
                if (!handler.row(row)) {
                    return;
                }
                index++;
                token = parser.nextToken();
            }
            if (array && parser.nextToken() != null) {
                throw malformed("Content after the closing ']' of the array.",
                        parser.currentTokenLocation().getLineNr());
            }
        } catch (JacksonIOException e) {
            // the body stream failed, e.g. past the size limit: the caller looks for that among the causes
            throw e.getCause() != null ? e.getCause() : new IOException(e.getMessage(), e);
        } catch (JacksonException e) {
            long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw malformed("The JSON could not be parsed at line " + line + ": " + e.getOriginalMessage(), line);
        }
    }

    private static void readObject(JsonParser parser, BulkColumns columns, BulkRow row) {
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            if (name.equals(columns.id())) {
                row.uniqueId = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getString() : null;
            } else if (name.equals(columns.time())) {
                row.timestamp = value == JsonToken.VALUE_STRING ? parser.getString() : null;
                if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                    row.fault = "'" + columns.time() + "' must be a string";
                    parser.skipChildren();
                }
            } else if (name.equals(columns.value())) {
                if (value.isNumeric()) {
                    row.number = parser.getDoubleValue();
                    row.numeric = true;
                } else if (value == JsonToken.VALUE_STRING) {
                    row.valueText = parser.getString();
                } else if (value != JsonToken.VALUE_NULL) {
                    row.fault = "'" + columns.value() + "' must be a number";
                    parser.skipChildren();
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    private static ApiProblemException malformed(String detail, long line) {
        return new ApiProblemException(ProblemType.MALFORMED_REQUEST, detail, Map.of("line", line));
    }
}
