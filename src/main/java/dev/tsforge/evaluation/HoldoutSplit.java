package dev.tsforge.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps the last {@code horizon} points of a series out of training, to measure the model where it will be used:
 * forecasting the next {@code horizon} steps from the history right before them.
 *
 * @param trainingRuns the gap-free runs the network may learn from (the last one without the holdout)
 * @param history      the values right before the holdout (the last run's training part), which the model and
 *                     the baselines forecast from
 * @param holdout      the last {@code horizon} values
 */
public record HoldoutSplit(List<double[]> trainingRuns, double[] history, double[] holdout) {

    /** The last gap-free run whole: its training part followed by the holdout. */
    public double[] lastRun() {
        double[] run = Arrays.copyOf(history, history.length + holdout.length);
        System.arraycopy(holdout, 0, run, history.length, holdout.length);
        return run;
    }

    /** @throws NotEnoughHistoryException when the last gap-free run is shorter than holdout plus lookback */
    public static HoldoutSplit of(List<double[]> runs, int horizon, int lookback) {
        double[] last = runs.isEmpty() ? new double[0] : runs.get(runs.size() - 1);
        if (last.length < horizon + lookback) {
            throw new NotEnoughHistoryException("The most recent gap-free run of the series has " + last.length
                    + " points; the " + horizon + "-point holdout and one " + lookback + "-point input window before "
                    + "it need " + (horizon + lookback));
        }
        double[] history = Arrays.copyOf(last, last.length - horizon);
        List<double[]> training = new ArrayList<>(runs.subList(0, runs.size() - 1));
        training.add(history);
        return new HoldoutSplit(training, history, Arrays.copyOfRange(last, last.length - horizon, last.length));
    }
}
