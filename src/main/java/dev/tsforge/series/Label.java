package dev.tsforge.series;

import java.util.regex.Pattern;

/** One string label of a series, {@code store=12}; as a filter written {@code store:12}. */
public record Label(String key, String value) {

    public static final int MAX_KEY_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 256;
    /** Keys are identifiers, so that they read the same in a query string, a CSV header and a feature name. */
    public static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");

    /**
     * Parses the filter form {@code key:value} (the value may itself hold colons).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Label parseFilter(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not key:value (e.g. store:12)");
        }
        return checked(text.substring(0, colon), text.substring(colon + 1));
    }

    /** @throws IllegalArgumentException when the key is not an identifier or either part is too long */
    public static Label checked(String key, String value) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("label key '" + key + "' must start with a letter or '_' and hold "
                    + "only letters, digits, '_', '.' and '-' (at most " + MAX_KEY_LENGTH + ")");
        }
        if (value == null || value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("label '" + key + "' needs a value of at most " + MAX_VALUE_LENGTH
                    + " characters");
        }
        return new Label(key, value);
    }

    /** The filter form, {@code key:value}. */
    public String toFilter() {
        return key + ":" + value;
    }
}
