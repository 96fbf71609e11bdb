package dev.tsforge.model;

/** A spec whose fields do not go together, naming the field a request should change. */
public class InvalidSpecException extends IllegalArgumentException {

    private final String field;

    public InvalidSpecException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
