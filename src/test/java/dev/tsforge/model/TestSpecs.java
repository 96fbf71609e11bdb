package dev.tsforge.model;

import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.GradientClipping;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.Optimizer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import dev.tsforge.series.GapPolicy;
import java.util.List;

/** Small, fast specs for tests, varied one field at a time. */
public final class TestSpecs {

    private TestSpecs() {
    }

    /** LSTM(8), lookback 10, horizon 5, 5 epochs, no validation, Adam 0.01, seed 7. */
    public static NetworkSpec small(Architecture architecture) {
        return new NetworkSpec(architecture, List.of(8), false, CellActivation.TANH, WeightInitScheme.XAVIER,
                Optimizer.ADAM, 0.01, 16, 5, 0, 0, GradientClipping.VALUE, 1.0, Normalization.STANDARDIZE, 0, 0,
                new WindowSpec(10, 5, OutputStrategy.RECURSIVE, GapPolicy.SPLIT, 7));
    }

    public static NetworkSpec withEpochs(NetworkSpec s, int epochs) {
        return s.withEpochs(epochs);
    }

    public static NetworkSpec withHidden(NetworkSpec s, List<Integer> hidden, boolean bidirectional) {
        return s.withLayers(s.architecture(), hidden, bidirectional);
    }

    public static NetworkSpec withStrategy(NetworkSpec s, OutputStrategy strategy, int horizon) {
        return s.withWindow(s.window().withStrategy(strategy).withHorizon(horizon));
    }

    public static NetworkSpec withFitting(NetworkSpec s, CellActivation activation, WeightInitScheme init,
            Optimizer optimizer, double learningRate, double dropout, double l2, GradientClipping clipping,
            Normalization normalization) {
        return new NetworkSpec(s.architecture(), s.hiddenSizes(), s.bidirectional(), activation, init, optimizer,
                learningRate, s.batchSize(), s.epochs(), dropout, l2, clipping, s.gradientClipThreshold(),
                normalization, s.validationFraction(), s.earlyStoppingPatience(), s.window());
    }

    public static NetworkSpec withGapPolicy(NetworkSpec s, GapPolicy policy) {
        return s.withWindow(s.window().withGapPolicy(policy));
    }

    public static NetworkSpec withValidation(NetworkSpec s, double fraction, int patience) {
        return s.withValidation(fraction, patience);
    }
}
