package dev.tsforge.evaluation;

/** The series has too little recent, gap-free history to hold out and measure on. */
public class NotEnoughHistoryException extends RuntimeException {

    public NotEnoughHistoryException(String message) {
        super(message);
    }
}
