package dev.tsforge.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Whether live errors have risen from a model's reference errors: the ratio of live to reference MAE over the
 * accuracy window, and a one-sided CUSUM (Page 1954) over every scored step of errors in reference units, which
 * signals a sustained rise however slowly it builds. A series is flagged when both cross their thresholds: the ratio
 * alone flags a short unlucky run, the CUSUM alone a long-past change the window no longer shows.
 */
final class DriftCheck {

    private DriftCheck() {
    }

    /**
     * @param steps    the scored steps of one series under one model, oldest target first
     * @param previous the last evaluation, or null
     */
    static Drift evaluate(List<RecordedStep> steps, ModelReference reference, LedgerProperties.Drift settings,
            int windowDays, Drift previous, Instant now) {
        double cusum = 0;
        int counted = 0;
        for (RecordedStep step : steps) {
            double scale = reference.error(step.step());
            if (Double.isNaN(scale)) {
                continue;
            }
            cusum = Math.max(0, cusum + Math.abs(step.actual() - step.point()) / scale - 1 - settings.cusumAllowance());
            counted++;
        }
        Instant windowStart = steps.isEmpty() ? now
                : steps.get(steps.size() - 1).target().minus(Duration.ofDays(windowDays));
        double live = 0;
        double expected = 0;
        int inWindow = 0;
        for (RecordedStep step : steps) {
            double scale = reference.error(step.step());
            if (!Double.isNaN(scale) && !step.target().isBefore(windowStart)) {
                live += Math.abs(step.actual() - step.point());
                expected += scale;
                inWindow++;
            }
        }
        Double ratio = inWindow == 0 ? null : live / expected;
        boolean drifting = counted >= settings.minSteps() && ratio != null && ratio > settings.ratioThreshold()
                && cusum > settings.cusumThreshold();
        boolean wasDrifting = previous != null && previous.drifting();
        Instant flaggedAt = drifting && !wasDrifting ? now : previous == null ? null : previous.flaggedAt();
        return new Drift(drifting, ratio, cusum, counted, inWindow == 0 ? null : live / inWindow,
                inWindow == 0 ? null : expected / inWindow, flaggedAt, now);
    }
}
