package dev.tsforge.model;

import dev.tsforge.statistics.Gaps;
import dev.tsforge.statistics.Theta;
import java.util.Arrays;

/**
 * A {@link Architecture#THETA} model: the Theta method fitted afresh on the last {@code lookback} values of each
 * history it is given (fewer when the history is shorter, down to {@link Theta#MIN_HISTORY}), so its seasonal indices
 * always line up with the history's own end. Holds no state; safe to share.
 */
final class ThetaPredictor implements Predictor {

    private final int lookback;
    private final int outputSteps;
    private final int seasonalPeriod;

    ThetaPredictor(int lookback, int outputSteps, int seasonalPeriod) {
        this.lookback = lookback;
        this.outputSteps = outputSteps;
        this.seasonalPeriod = seasonalPeriod;
    }

    @Override
    public int lookback() {
        return lookback;
    }

    @Override
    public int outputSteps() {
        return outputSteps;
    }

    @Override
    public int minimumHistory() {
        return Theta.MIN_HISTORY;
    }

    int seasonalPeriod() {
        return seasonalPeriod;
    }

    /** Missing values (NaN, MASK policy) are filled linearly: Theta needs a complete history. */
    @Override
    public double[] forecast(double[] history, int horizon) {
        if (history.length < Theta.MIN_HISTORY) {
            throw new IllegalArgumentException("Need " + Theta.MIN_HISTORY + " values, got " + history.length);
        }
        double[] window = Gaps.fillLinear(Arrays.copyOfRange(history, Math.max(0, history.length - lookback),
                history.length));
        // a season longer than the window is none (Seasonality also wants three of them)
        int period = seasonalPeriod < window.length ? seasonalPeriod : 1;
        return Theta.forecast(window, horizon, period);
    }
}
