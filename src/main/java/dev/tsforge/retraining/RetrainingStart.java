package dev.tsforge.retraining;

/**
 * Where a retraining starts from. A statistical champion (ETS, Theta, ARIMA, a combination, as AUTO chooses) has no
 * weights to continue: both refit its method on the series' current data.
 */
public enum RetrainingStart {
    /** A network continues from the champion's weights, optimizer state and normaliser. */
    WARM,
    /** The champion's spec, seed included, fitted from new weights on the current data. */
    FRESH
}
