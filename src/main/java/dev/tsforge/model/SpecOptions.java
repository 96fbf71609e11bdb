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
     * output of 0 is the naive forecast.
     */
    public enum Normalization { STANDARDIZE, MIN_MAX, LAST_VALUE }

    /**
     * How multi-step forecasts are made: {@code RECURSIVE} predicts one step and feeds it back (many-to-one);
     * {@code DIRECT} emits all {@code horizon} steps at once (many-to-many).
     */
    public enum OutputStrategy { RECURSIVE, DIRECT }

    /**
     * What training and forecasting do with missing grid points. {@code SPLIT}: learn only from windows inside
     * runs of consecutive points, and forecast only from a complete window (nothing is made up);
     * {@code REJECT}: refuse a series with any missing point; {@code LINEAR}: fill missing points by linear
     * interpolation between their neighbours; {@code FORWARD_FILL}: repeat the last observed value;
     * {@code MASK}: windows may span gaps, and a missing point is masked (DL4J mask arrays): it is not a made-up value
     * but unknown, the recurrent state restarts after it, and a missing target does not count in the loss.
     */
    public enum GapPolicy { SPLIT, REJECT, LINEAR, FORWARD_FILL, MASK }
}
