package dev.tsforge.model;

/**
 * What a finished training produced besides the artifact.
 *
 * @param predictor          the trained network, ready to forecast (the same weights the artifact holds)
 * @param windows            training windows (validation windows not included)
 * @param validationWindows  windows held out for validation loss
 * @param epochsRun          epochs actually run (fewer than asked when stopped early)
 * @param bestEpoch          the epoch whose weights were kept
 * @param trainingLoss       training loss of the kept epoch
 * @param validationLoss     validation loss of the kept epoch, or null without validation
 * @param stopReason         why training ended, in words
 * @param trainingMillis     wall time of the fit
 * @param engine             library and backend that trained it, for provenance
 */
public record TrainingOutcome(Predictor predictor, int windows, int validationWindows, int epochsRun, int bestEpoch,
        double trainingLoss, Double validationLoss, String stopReason, long trainingMillis, String engine) {
}
