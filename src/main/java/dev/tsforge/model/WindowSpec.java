package dev.tsforge.model;

import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.series.GapPolicy;

/**
 * How every kind of model reads a series: {@code lookback} values in; one value out for {@code RECURSIVE},
 * {@code horizon} values for {@code DIRECT}. The last {@code horizon} points of the series are held out of training to
 * measure the model.
 *
 * @param gapPolicy how missing grid points are treated, in training and in forecasts
 * @param seed      the same seed, data and spec give the same model
 */
public record WindowSpec(int lookback, int horizon, OutputStrategy strategy, GapPolicy gapPolicy, long seed) {

    public static final int DEFAULT_LOOKBACK = 24;
    public static final int DEFAULT_HORIZON = 12;
    public static final OutputStrategy DEFAULT_STRATEGY = OutputStrategy.RECURSIVE;
    public static final GapPolicy DEFAULT_GAP_POLICY = GapPolicy.SPLIT;
    public static final long DEFAULT_SEED = 42;

    public static final WindowSpec DEFAULTS = new WindowSpec(DEFAULT_LOOKBACK, DEFAULT_HORIZON, DEFAULT_STRATEGY,
            DEFAULT_GAP_POLICY, DEFAULT_SEED);

    /** Values one window's output holds. */
    public int outputSteps() {
        return strategy == OutputStrategy.DIRECT ? horizon : 1;
    }

    /** Points a series needs: the holdout, plus enough for {@link ModelSpec#MIN_WINDOWS} windows. */
    public int minimumPoints() {
        return horizon + lookback + outputSteps() - 1 + ModelSpec.MIN_WINDOWS;
    }

    public WindowSpec withLookback(int value) {
        return new WindowSpec(value, horizon, strategy, gapPolicy, seed);
    }

    public WindowSpec withHorizon(int value) {
        return new WindowSpec(lookback, value, strategy, gapPolicy, seed);
    }

    public WindowSpec withStrategy(OutputStrategy value) {
        return new WindowSpec(lookback, horizon, value, gapPolicy, seed);
    }

    public WindowSpec withGapPolicy(GapPolicy value) {
        return new WindowSpec(lookback, horizon, strategy, value, seed);
    }

    public WindowSpec withSeed(long value) {
        return new WindowSpec(lookback, horizon, strategy, gapPolicy, value);
    }
}
