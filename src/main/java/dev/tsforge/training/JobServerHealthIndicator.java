package dev.tsforge.training;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * DOWN while this replica's training workers are stopped (after a database outage, until {@link JobServerWatchdog}
 * starts them again). Not part of readiness: forecasts are still served meanwhile.
 */
@Component("trainingWorkers")
class JobServerHealthIndicator implements HealthIndicator {

    private final JobServerWatchdog watchdog;

    JobServerHealthIndicator(JobServerWatchdog watchdog) {
        this.watchdog = watchdog;
    }

    @Override
    public Health health() {
        return watchdog.stopped() ? Health.down().withDetail("reason", "the job server stopped; restarting it as soon "
                + "as the database answers").build() : Health.up().build();
    }
}
