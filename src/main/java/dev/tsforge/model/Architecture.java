package dev.tsforge.model;

/** The recurrent cell of every hidden layer of a {@link NetworkSpec}. */
public enum Architecture {
    /** Elman RNN, {@code h_t = act(W_x x_t + W_h h_{t-1} + b)}: fast, short memory. */
    SIMPLE_RNN,
    /** Long short-term memory: input, forget and output gates keep information over long windows. */
    LSTM,
    /** Gated recurrent unit: update and reset gates, fewer parameters than an LSTM. */
    GRU
}
