package dev.tsforge.ledger;

import java.time.Instant;

/**
 * The drift evidence of a series under one model.
 *
 * @param ratio        live MAE over the reference MAE on the same steps in the accuracy window; null before any
 *                     step is scored
 * @param cusum        the one-sided CUSUM of errors in reference units over every scored step, oldest first
 * @param steps        scored steps the CUSUM read
 * @param referenceMae the reference error the model was registered with (its validation errors at rolling
 *                     origins, per step, averaged over the window's steps; the holdout MAE where it has none)
 * @param flaggedAt    when the flag was last raised, or null
 */
public record Drift(boolean drifting, Double ratio, double cusum, int steps, Double liveMae, Double referenceMae,
        Instant flaggedAt, Instant evaluatedAt) {
}
