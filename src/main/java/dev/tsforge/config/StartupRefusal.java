package dev.tsforge.config;

/**
 * A setting or an environment the service cannot start with: start-up stops with {@link #getMessage()} (what is
 * wrong) and {@link #action()} (what to do), in Spring Boot's short failure report rather than a stack trace.
 */
public class StartupRefusal extends RuntimeException {

    private final String action;

    public StartupRefusal(String message, String action, Throwable cause) {
        super(message, cause);
        this.action = action;
    }

    public StartupRefusal(String message, String action) {
        this(message, action, null);
    }

    public String action() {
        return action;
    }
}
