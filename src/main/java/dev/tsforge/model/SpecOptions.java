package dev.tsforge.model;

/** The named choices of a {@link NetworkSpec}, each a closed set that the API validates. */
public final class SpecOptions {

    private SpecOptions() {
    }

    /** Activation of the recurrent cells. */
    public enum CellActivation { TANH, RELU }

    /** Initial weights: Xavier/Glorot suits tanh, He suits ReLU. */
    public enum WeightInitScheme { XAVIER, HE }

    public enum Optimizer { ADAM, SGD, RMSPROP }

    /** Gradient clipping: none, by the L2 norm of each layer's gradient, or element-wise by absolute value. */
    public enum GradientClipping { NONE, NORM, VALUE }

    /**
     * How values are scaled before they reach the network; the scaler is fitted on training windows only.
     * {@code LAST_VALUE}: each window is first made relative to its last input value (inputs and targets minus it),
     * then standardised, so the network learns changes: a level it never saw in training is no problem, and an
     * output of 0 is the naive forecast. {@code WINDOW}: as LAST_VALUE, and each window is also divided by its own
     * spread (the standard deviation of its inputs) before the global standardisation, and its forecast multiplied
     * back: series of any scale look alike to the network, which is what one network over many series needs.
     */
    public enum Normalization { STANDARDIZE, MIN_MAX, LAST_VALUE, WINDOW;

        /** Whether each window is made relative to its last input value. */
        public boolean anchored() {
            return this == LAST_VALUE || this == WINDOW;
        }
    }

    /**
     * How multi-step forecasts are made: {@code RECURSIVE} predicts one step and feeds it back (many-to-one);
     * {@code DIRECT} emits all {@code horizon} steps at once (many-to-many).
     */
    public enum OutputStrategy { RECURSIVE, DIRECT }

    /**
     * How a {@code RECURSIVE} network rolls a forecast out. {@code SLIDING}: every step runs the network over the last
     * {@code lookback} values, forecasts fed back included, from a zero state: what it was trained on, at
     * {@code lookback} steps of work per forecast step. {@code STATEFUL}: the window runs once, then each forecast
     * value is fed as one more step while the recurrent layers keep their state, as PyTorch users roll out: one step
     * of work per forecast step, but the network sees a longer sequence than it was trained on. A {@code WINDOW}
     * network rolls out stateful in the origin window's units: the values fed back are relative to that window's last
     * value and divided by its spread, and the outputs un-scaled with the same two numbers. {@code LAST_VALUE}
     * networks roll out sliding (each window re-anchored).
     */
    public enum Rollout { SLIDING, STATEFUL }
}
