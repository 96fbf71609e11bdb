package dev.tsforge.model;

/**
 * How much device memory a network's training takes, from its spec alone, so that a job can be held back before it
 * starts rather than fail in the middle with CUDA out of memory. An estimate with a margin, not an accounting of
 * ND4J's allocator: what it leaves out (ND4J's caches, cuDNN's algorithm workspaces) is what the margin is for.
 *
 * @param parameterBytes  the weights: per recurrent layer and direction gates × units × (inputs + units + 1), then
 *                        the output layer
 * @param gradientBytes   one gradient per weight
 * @param optimizerBytes  the updater's state: two values per weight for Adam, one for RMSProp, none for SGD
 * @param activationBytes what backpropagation through time keeps for one minibatch: per layer, direction and time
 *                        step the gates' pre-activations, cell and hidden state, and as much again for their gradients
 * @param dataBytes       the training windows and their targets, on the device for the whole fit
 * @param workspaceBytes  {@link #MARGIN} of all the above, and at least {@link #MIN_WORKSPACE_BYTES}: DL4J's
 *                        workspaces keep their largest size, cuBLAS and cuDNN take scratch space
 */
public record TrainingMemory(long parameterBytes, long gradientBytes, long optimizerBytes, long activationBytes,
        long dataBytes, long workspaceBytes) {

    /** Networks are built in 32-bit floats ({@code NetworkFactory}). */
    static final int FLOAT_BYTES = 4;
    /** The windows are built from {@code double[]}, and ND4J keeps them as doubles. */
    static final int WINDOW_VALUE_BYTES = 8;
    static final double MARGIN = 0.5;
    static final long MIN_WORKSPACE_BYTES = 64L << 20;

    /** The sum: what a job must find free before it starts. */
    public long totalBytes() {
        return parameterBytes + gradientBytes + optimizerBytes + activationBytes + dataBytes + workspaceBytes;
    }

    /**
     * @param windows the training windows the fit will see (the series' points less lookback and horizon is close)
     */
    public static TrainingMemory of(NetworkSpec spec, long windows) {
        int gates = switch (spec.architecture()) {
            case SIMPLE_RNN -> 1;
            case GRU -> 3;
            case LSTM -> 4;
        };
        int directions = spec.bidirectional() ? 2 : 1;
        int batch = Math.toIntExact(Math.min(spec.batchSize(), Math.max(windows, 1)));
        int lookback = spec.window().lookback();
        long parameters = 0;
        long activations = 0;
        long inputs = 1;
        for (int units : spec.hiddenSizes()) {
            parameters += (long) directions * gates * units * (inputs + units + 1);
            // pre-activations of the gates, the cell and the hidden state, per step; the same again as gradients
            activations += 2L * directions * batch * lookback * units * (gates + 2);
            inputs = (long) directions * units;
        }
        int outputs = spec.window().outputSteps();
        parameters += inputs * outputs + outputs;
        activations += 2L * batch * lookback * (1 + outputs);
        int updaterValues = switch (spec.optimizer()) {
            case ADAM -> 2;
            case RMSPROP -> 1;
            case SGD -> 0;
        };
        long parameterBytes = parameters * FLOAT_BYTES;
        long activationBytes = activations * FLOAT_BYTES;
        long dataBytes = Math.max(windows, 0) * (lookback + outputs) * (long) WINDOW_VALUE_BYTES;
        long sum = 2 * parameterBytes + updaterValues * parameterBytes + activationBytes + dataBytes;
        return new TrainingMemory(parameterBytes, parameterBytes, updaterValues * parameterBytes, activationBytes,
                dataBytes, Math.max(MIN_WORKSPACE_BYTES, (long) (MARGIN * sum)));
    }
}
