package dev.tsforge.training;

/** Thrown from the epoch listener once a job has run past {@code tsforge.limits.max-training-seconds}. */
class JobTimeLimitException extends IllegalStateException {

    JobTimeLimitException(String message) {
        super(message);
    }
}
