package dev.tsforge.runtime;

import dev.tsforge.config.StartupRefusal;

/** The backend asked for cannot run here. */
public class BackendUnavailableException extends StartupRefusal {

    BackendUnavailableException(String message, String action, Throwable cause) {
        super(message, action, cause);
    }

    BackendUnavailableException(String message, String action) {
        super(message, action);
    }
}
