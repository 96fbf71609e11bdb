package dev.tsforge.model;

/** The recurrent cell of every hidden layer, or {@link #THETA} for no network at all. */
public enum Architecture {
    /** Elman RNN, {@code h_t = act(W_x x_t + W_h h_{t-1} + b)}: fast, short memory. */
    SIMPLE_RNN,
    /** Long short-term memory: input, forget and output gates keep information over long windows. */
    LSTM,
    /** Gated recurrent unit: update and reset gates, fewer parameters than an LSTM (ND4J's fused op). */
    GRU,
    /**
     * No network: the Theta method (the M4 competition's statistical benchmark) on the last {@code lookback} values.
     * Only AUTO chooses it, when it forecasts better on validation than every network it tried.
     */
    THETA
}
