package dev.tsforge.model.internal.statistical;

import dev.tsforge.model.History;
import dev.tsforge.model.Predictor;
import dev.tsforge.model.ThetaSpec;
import dev.tsforge.statistics.Gaps;
import dev.tsforge.statistics.Theta;
import java.util.Arrays;

/**
 * A {@link ThetaSpec Theta method} model: the Theta method fitted afresh on the last {@code lookback} values of each
 * history it is given (fewer when the history is shorter, down to {@link Theta#MIN_HISTORY}), so its seasonal indices
 * always line up with the history's own end. A value: it holds nothing but its three numbers, so it is safe to share.
 *
 * @param seasonalPeriod the series' season length, 1 for none
 */
record ThetaPredictor(int lookback, int outputSteps, int seasonalPeriod) implements Predictor {

    @Override
    public boolean runsInParallel() {
        return true;
    }

    @Override
    public int minimumHistory() {
        return Theta.MIN_HISTORY;
    }

    @Override
    public double[] forecast(History history, int horizon) {
        double[] window = window(history.values());
        return Theta.forecast(window, horizon, period(window));
    }

    /** {@link Theta#inSampleLoss} over the values a forecast from {@code history} would read. */
    double inSampleLoss(double[] history) {
        double[] window = window(history);
        return Theta.inSampleLoss(window, period(window));
    }

    /** The last {@code lookback} values, missing ones (NaN, MASK policy) filled linearly: Theta needs them all. */
    private double[] window(double[] history) {
        if (history.length < Theta.MIN_HISTORY) {
            throw new IllegalArgumentException("Need " + Theta.MIN_HISTORY + " values, got " + history.length);
        }
        return Gaps.fillLinear(Arrays.copyOfRange(history, Math.max(0, history.length - lookback), history.length));
    }

    /** A season longer than the window is none (Seasonality also wants three of them). */
    private int period(double[] window) {
        return seasonalPeriod < window.length ? seasonalPeriod : 1;
    }
}
