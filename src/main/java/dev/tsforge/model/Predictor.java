package dev.tsforge.model;

/** A loaded network that forecasts. Implementations are safe to share between threads. */
public interface Predictor {

    /** How many past values one prediction reads. */
    int lookback();

    /** Values one forward pass emits: 1 for a recursive model, its horizon for a direct one. */
    int outputSteps();

    /**
     * Forecasts {@code horizon} steps after {@code history}: one forward pass gives {@link #outputSteps()} values,
     * which are appended to the input window for the next pass until the horizon is covered.
     *
     * @param history at least {@link #lookback()} values, oldest first; only the last {@code lookback} are used
     */
    double[] forecast(double[] history, int horizon);
}
