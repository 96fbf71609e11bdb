package dev.tsforge.training;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Jobs live in an in-process queue, so a job QUEUED or RUNNING when the process stopped will never finish:
 * at start-up they become FAILED with a message saying so, instead of showing RUNNING forever.
 * (Several replicas sharing one database need a persistent job queue instead; see the README.)
 */
@Component
class InterruptedJobRecovery {

    static final String MESSAGE = "interrupted: the service stopped before the job finished; submit it again";
    private static final Logger log = LoggerFactory.getLogger(InterruptedJobRecovery.class);

    private final TrainingJobRepository jobs;
    private final Clock clock;

    InterruptedJobRecovery(TrainingJobRepository jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void failInterruptedJobs() {
        int failed = jobs.failAllActive(MESSAGE, clock.instant());
        if (failed > 0) {
            log.warn("Marked {} training job(s) left QUEUED or RUNNING by a previous run as FAILED", failed);
        }
    }
}
