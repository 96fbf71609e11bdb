package dev.tsforge.training;

/** Thrown from the epoch listener to end a fit that a user cancelled. */
class JobCancelledException extends RuntimeException {

    JobCancelledException(String message) {
        super(message);
    }
}
