package dev.tsforge.model;

/**
 * What a finished training produced besides the artifact.
 *
 * @param windows        training examples (lookback windows with their next value)
 * @param finalLoss      training loss of the last epoch
 * @param trainingMillis wall time of the fit
 * @param engine         library and backend that trained it, for provenance
 */
public record TrainingOutcome(int windows, double finalLoss, long trainingMillis, String engine) {
}
