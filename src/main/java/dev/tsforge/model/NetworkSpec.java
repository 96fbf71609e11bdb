package dev.tsforge.model;

import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.GapPolicy;
import dev.tsforge.model.SpecOptions.GradientClipping;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.Optimizer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import java.util.List;

/**
 * Everything that defines a trained model: the network (recurrent layers of {@code hiddenSizes} units, stacked,
 * optionally bidirectional, then a linear output), how it is fitted, and the windows it learns from
 * ({@code lookback} values in; one value out for {@code RECURSIVE}, {@code horizon} values for {@code DIRECT}).
 * The last {@code horizon} points of the series are held out of training to measure the model. Validated by the
 * API; this record only carries it.
 *
 * @param dropout               probability of dropping a recurrent layer's input during training (0 = off)
 * @param validationFraction    share of the most recent training windows kept out of the fit to measure
 *                              validation loss (0 = none, which also turns early stopping off)
 * @param earlyStoppingPatience epochs without a better validation loss before training stops and the best epoch's
 *                              weights are kept (0 = off)
 * @param gapPolicy             how missing grid points are treated, in training and in forecasts
 */
public record NetworkSpec(Architecture architecture, List<Integer> hiddenSizes, boolean bidirectional,
        CellActivation activation, WeightInitScheme weightInit, Optimizer optimizer, double learningRate,
        int batchSize, int epochs, double dropout, double l2, GradientClipping gradientClipping,
        double gradientClipThreshold, Normalization normalization, int lookback, int horizon,
        OutputStrategy strategy, double validationFraction, int earlyStoppingPatience, long seed,
        GapPolicy gapPolicy) {

    public NetworkSpec {
        hiddenSizes = List.copyOf(hiddenSizes);
    }

    /** Values the network emits per window. */
    public int outputSteps() {
        return strategy == OutputStrategy.DIRECT ? horizon : 1;
    }

    /** Points a series needs: the holdout, plus enough for {@link NetworkTrainer#MIN_WINDOWS} windows. */
    public int minimumPoints() {
        return horizon + lookback + outputSteps() - 1 + NetworkTrainer.MIN_WINDOWS;
    }
}
