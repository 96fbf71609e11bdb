package dev.tsforge.forecasting;

/** How a forecast's intervals at one level were made, best first: the first that the model's data allows is used. */
public enum IntervalMethod {
    /** Split-conformal per step: the errors the model made at that step from rolling origins it was not fitted on. */
    CONFORMAL,
    /**
     * Conformal per step where the step's errors suffice for the level; elsewhere the errors of all steps pooled,
     * scaled by the square root of the step: for levels and steps the per-step errors are too few for (short series,
     * 95 %, steps beyond the calibrated horizon).
     */
    CONFORMAL_POOLED,
    /**
     * Normal intervals from the in-sample errors of seasonal naive on the forecast's own input values, widened by
     * the square root of the seasons ahead: for a model without calibration (imported, trained before intervals
     * existed) and for a fallback forecast, whose errors the model's calibration does not describe.
     */
    SEASONAL_NAIVE_RESIDUALS
}
