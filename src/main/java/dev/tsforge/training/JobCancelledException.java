package dev.tsforge.training;

/** Thrown from the epoch listener to end a fit that was cancelled by a user or by shutdown. */
class JobCancelledException extends RuntimeException {

    private final boolean byUser;

    JobCancelledException(String message, boolean byUser) {
        super(message);
        this.byUser = byUser;
    }

    boolean byUser() {
        return byUser;
    }
}
