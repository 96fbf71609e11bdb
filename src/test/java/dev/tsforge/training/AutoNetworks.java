package dev.tsforge.training;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.series.GapPolicy;
import java.util.List;

/** The network specs AUTO tries, for harnesses outside the package: its epochs, normalisation, validation, patience. */
public final class AutoNetworks {

    private AutoNetworks() {
    }

    /** AUTO's network of this cell, width and lookback, forecasting {@code horizon} steps recursively. */
    public static NetworkSpec spec(Architecture architecture, int hidden, int lookback, int horizon) {
        long seed = NetworkSpec.requested(NetworkSpec.Overrides.NONE).seed();
        NetworkSpec template = AutoSearch.networks(1, horizon, 4 * lookback + horizon, seed, GapPolicy.SPLIT).get(0);
        return template.withLayers(architecture, List.of(hidden), false).withWindow(new WindowSpec(lookback, horizon,
                OutputStrategy.RECURSIVE, GapPolicy.SPLIT, template.seed()));
    }
}
