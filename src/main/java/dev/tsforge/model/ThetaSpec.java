package dev.tsforge.model;

import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.series.GapPolicy;
import java.util.function.Function;

/**
 * The Theta method (the M4 competition's statistical benchmark) on the last {@code lookback} values: no network, and
 * nothing to learn beyond the series' season length, which it is given when fitted. It emits the whole horizon at
 * once. Only AUTO chooses it, when it forecasts the validation part better than every network it tried.
 */
public record ThetaSpec(WindowSpec window) implements ModelSpec {

    public static final String ARCHITECTURE = "THETA";

    public ThetaSpec {
        if (window.strategy() != OutputStrategy.DIRECT) {
            throw new IllegalArgumentException("the Theta method forecasts the whole horizon at once (DIRECT)");
        }
    }

    public ThetaSpec(int lookback, int horizon, GapPolicy gapPolicy, long seed) {
        this(new WindowSpec(lookback, horizon, OutputStrategy.DIRECT, gapPolicy, seed));
    }

    @Override
    public <T> T match(Function<NetworkSpec, T> network, Function<ThetaSpec, T> theta) {
        return theta.apply(this);
    }

    @Override
    public int epochs() {
        return 0;
    }

    @Override
    public String architectureName() {
        return ARCHITECTURE;
    }
}
