package dev.tsforge.training;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * DOWN while this replica's training workers are stopped (after a database outage) or run without taking jobs (their
 * startup tasks failed), until {@link JobServerWatchdog} starts them again. Not part of readiness: forecasts are
 * still served meanwhile.
 */
@Component("trainingWorkers")
class JobServerHealthIndicator implements HealthIndicator {

    private final JobServerWatchdog watchdog;

    JobServerHealthIndicator(JobServerWatchdog watchdog) {
        this.watchdog = watchdog;
    }

    @Override
    public Health health() {
        if (watchdog.stopped()) {
            return Health.down().withDetail("reason", "the job server stopped; restarting it as soon as the database "
                    + "answers").build();
        }
        if (watchdog.takesNoJobs()) {
            return Health.down().withDetail("reason", "the job server runs but takes no jobs: JobRunr's data "
                    + "version was never written (its startup tasks failed on the master); the master's server is "
                    + "started again once the database answers").build();
        }
        return Health.up().build();
    }
}
