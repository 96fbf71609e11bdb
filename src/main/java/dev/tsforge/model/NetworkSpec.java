package dev.tsforge.model;

import java.util.List;

/**
 * What to build and how to fit it: recurrent layers of {@code hiddenSizes} units (stacked in order), reading
 * {@code lookback} past values to predict the next one (many-to-one), trained with Adam on mean squared error
 * of standardised values. Validated by the caller; this record only carries it.
 */
public record NetworkSpec(Architecture architecture, List<Integer> hiddenSizes, int lookback, int epochs,
        int batchSize, double learningRate, long seed) {

    public NetworkSpec {
        hiddenSizes = List.copyOf(hiddenSizes);
    }
}
