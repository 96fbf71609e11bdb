package dev.tsforge.retraining;

import dev.tsforge.background.PeriodicTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fires the SCHEDULE policies' cron ticks, every {@code tsforge.retraining.scheduler-interval}, on a thread of its
 * own. Each replica looks; the one that moves the policy's last tick forward (a compare-and-set in the database) fires
 * it, so a tick fires once however many replicas run. Not on JobRunr's recurring jobs, for the reason the ledger's
 * scheduled recordings are not: JobRunr's workers are the training slots, so a tick would wait behind an hour-long
 * training before it could even queue its own.
 */
@Component
class ScheduledRetraining extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRetraining.class);

    private final RetrainingRepository policies;
    private final RetrainingPolicies settings;
    private final Retrainer retrainer;
    private final RetrainingProperties properties;
    private final Clock clock;

    ScheduledRetraining(RetrainingRepository policies, RetrainingPolicies settings, Retrainer retrainer,
            RetrainingProperties properties, Clock clock) {
        super("retraining-schedule");
        this.policies = policies;
        this.settings = settings;
        this.retrainer = retrainer;
        this.properties = properties;
        this.clock = clock;
    }

    /** One round: every due tick this replica wins. */
    @Override
    protected void tick() {
        Instant now = clock.instant();
        for (RetrainingPolicy policy : policies.scheduled()) {
            Instant due = policy.dueTick(now);
            if (due != null && policies.claimTick(policy.id(), due)) {
                String reason = "schedule tick " + due + " (cron " + policy.cron() + ")";
                for (long seriesId : settings.targets(policy)) {
                    try {
                        retrainer.fire(policy, seriesId, due, reason);
                    } catch (RuntimeException e) {
                        log.warn("Scheduled retraining of series {} failed: {}", seriesId, e.toString());
                    }
                }
            }
        }
    }

    @Override
    protected Duration interval() {
        return properties.schedulerInterval();
    }
}
