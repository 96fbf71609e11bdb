package dev.tsforge.retraining;

import java.time.Instant;

/**
 * What one trigger of a policy did for one series.
 *
 * @param tick   the cron tick of a SCHEDULE firing, else null
 * @param reason why it fired: the tick, the points counted, the drift evidence
 * @param jobId  the training job it started; null when skipped
 * @param detail why it was skipped; null when started
 */
public record Firing(long id, long policyId, long seriesId, RetrainingTrigger trigger, Instant tick, String reason,
        Outcome outcome, Long jobId, String detail, Instant firedAt) {

    public enum Outcome {
        STARTED, SKIPPED
    }
}
