package dev.tsforge.model;

/** The data yields too few training windows for the requested lookback. */
public class InsufficientDataException extends RuntimeException {

    public InsufficientDataException(String message) {
        super(message);
    }
}
