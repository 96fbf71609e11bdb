package dev.tsforge.model;

/** A loaded network that forecasts. Implementations are safe to share between threads. */
public interface Predictor {

    /** How many past values one prediction reads. */
    int lookback();

    /**
     * Recursive one-step-ahead rollout: predicts the next value from the last {@link #lookback()} values,
     * appends it, and repeats {@code horizon} times.
     *
     * @param history at least {@link #lookback()} values, oldest first; only the last {@code lookback} are used
     */
    double[] forecast(double[] history, int horizon);
}
