package dev.tsforge.model;

import java.util.List;

/** A loaded model that forecasts. Implementations are safe to share between threads. */
public interface Predictor {

    /** How many past values one prediction reads. */
    int lookback();

    /** The fewest past values a forecast can be made from: {@link #lookback()} for a network. */
    default int minimumHistory() {
        return lookback();
    }

    /**
     * Whether concurrent calls run in parallel. One that runs one pass at a time (a network's synchronized
     * {@code output()}) gains from having concurrent requests batched into one pass; one that runs in parallel does not.
     */
    default boolean runsInParallel() {
        return false;
    }

    /** Values one forward pass emits: 1 for a recursive model, its horizon for a direct one. */
    int outputSteps();

    /**
     * Checks, before a forecast, that {@code history} holds every covariate value a forecast of {@code horizon} steps
     * would read, so that a batch is never failed by one caller's missing values. Models without covariate series
     * read none.
     *
     * @throws MissingCovariatesException naming the covariates and the timestamps it lacks
     */
    default void requireCovariates(History history, int horizon) {
    }

    /**
     * Forecasts {@code horizon} steps after {@code history}: one forward pass gives {@link #outputSteps()} values,
     * which are appended to the input window for the next pass until the horizon is covered.
     *
     * @param history at least {@link #minimumHistory()} values, oldest first; a network reads the last
     *                {@code lookback} of them
     */
    double[] forecast(History history, int horizon);

    /**
     * {@link #forecast} for many histories at once: one forward pass per step for all of them, which costs far
     * less per history than one pass each (small recurrent networks are bound by per-call overhead).
     */
    default double[][] forecastAll(List<History> histories, int horizon) {
        double[][] forecasts = new double[histories.size()][];
        for (int i = 0; i < forecasts.length; i++) {
            forecasts[i] = forecast(histories.get(i), horizon);
        }
        return forecasts;
    }
}
