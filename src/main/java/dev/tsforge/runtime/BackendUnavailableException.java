package dev.tsforge.runtime;

/** The backend asked for cannot run here; start-up stops with {@link #getMessage()} and {@link #action()}. */
public class BackendUnavailableException extends RuntimeException {

    private final String action;

    BackendUnavailableException(String message, String action, Throwable cause) {
        super(message, cause);
        this.action = action;
    }

    BackendUnavailableException(String message, String action) {
        this(message, action, null);
    }

    String action() {
        return action;
    }
}
