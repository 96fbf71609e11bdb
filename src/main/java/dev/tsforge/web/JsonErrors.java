package dev.tsforge.web;

import java.util.Arrays;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Says where a JSON body broke, in the client's terms, without Java class names or a stack trace. */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static String describe(JacksonException error) {
        if (error instanceof InvalidFormatException invalid) {
            Class<?> target = invalid.getTargetType();
            String expected = target != null && target.isEnum()
                    ? "one of " + Arrays.toString(target.getEnumConstants())
                    : "a " + (target == null ? "value" : target.getSimpleName().toLowerCase(Locale.ROOT));
            return "Invalid value '" + invalid.getValue() + "' for " + jsonPath(invalid) + ": expected " + expected
                    + location(error) + ".";
        }
        if (error instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field " + jsonPath(unknown) + location(error) + "; known fields: "
                    + unknown.getKnownPropertyIds() + ".";
        }
        if (error instanceof MismatchedInputException mismatched) {
            return "Unexpected JSON for " + jsonPath(mismatched) + location(error)
                    + ": check the field's type in the API documentation.";
        }
        return "The request body is not valid JSON" + location(error) + ": " + firstLine(error.getOriginalMessage());
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** A JSONPath-like name for where the error is, e.g. {@code $[3].value} or {@code $.architecture}. */
    private static String jsonPath(DatabindException e) {
        StringBuilder path = new StringBuilder("$");
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append('.').append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
