package dev.tsforge.training;

/** Ends a run on a replica that is shutting down, so that JobRunr schedules the job again elsewhere or later. */
class JobHandedBackException extends RuntimeException {

    JobHandedBackException(String message) {
        super(message);
    }
}
