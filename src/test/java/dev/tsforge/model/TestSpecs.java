package dev.tsforge.model;

import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.GapPolicy;
import dev.tsforge.model.SpecOptions.GradientClipping;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.Optimizer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import java.util.List;

/** Small, fast specs for tests, varied one field at a time. */
public final class TestSpecs {

    private TestSpecs() {
    }

    /** LSTM(8), lookback 10, horizon 5, 5 epochs, no validation, Adam 0.01, seed 7. */
    public static NetworkSpec small(Architecture architecture) {
        return new NetworkSpec(architecture, List.of(8), false, CellActivation.TANH, WeightInitScheme.XAVIER,
                Optimizer.ADAM, 0.01, 16, 5, 0, 0, GradientClipping.VALUE, 1.0, Normalization.STANDARDIZE, 10, 5,
                OutputStrategy.RECURSIVE, 0, 0, 7, GapPolicy.SPLIT);
    }

    public static NetworkSpec withEpochs(NetworkSpec s, int epochs) {
        return new NetworkSpec(s.architecture(), s.hiddenSizes(), s.bidirectional(), s.activation(), s.weightInit(),
                s.optimizer(), s.learningRate(), s.batchSize(), epochs, s.dropout(), s.l2(), s.gradientClipping(),
                s.gradientClipThreshold(), s.normalization(), s.lookback(), s.horizon(), s.strategy(),
                s.validationFraction(), s.earlyStoppingPatience(), s.seed(), s.gapPolicy());
    }

    public static NetworkSpec withHidden(NetworkSpec s, List<Integer> hidden, boolean bidirectional) {
        return new NetworkSpec(s.architecture(), hidden, bidirectional, s.activation(), s.weightInit(),
                s.optimizer(), s.learningRate(), s.batchSize(), s.epochs(), s.dropout(), s.l2(), s.gradientClipping(),
                s.gradientClipThreshold(), s.normalization(), s.lookback(), s.horizon(), s.strategy(),
                s.validationFraction(), s.earlyStoppingPatience(), s.seed(), s.gapPolicy());
    }

    public static NetworkSpec withStrategy(NetworkSpec s, OutputStrategy strategy, int horizon) {
        return new NetworkSpec(s.architecture(), s.hiddenSizes(), s.bidirectional(), s.activation(), s.weightInit(),
                s.optimizer(), s.learningRate(), s.batchSize(), s.epochs(), s.dropout(), s.l2(), s.gradientClipping(),
                s.gradientClipThreshold(), s.normalization(), s.lookback(), horizon, strategy,
                s.validationFraction(), s.earlyStoppingPatience(), s.seed(), s.gapPolicy());
    }

    public static NetworkSpec withFitting(NetworkSpec s, CellActivation activation, WeightInitScheme init,
            Optimizer optimizer, double learningRate, double dropout, double l2, GradientClipping clipping,
            Normalization normalization) {
        return new NetworkSpec(s.architecture(), s.hiddenSizes(), s.bidirectional(), activation, init, optimizer,
                learningRate, s.batchSize(), s.epochs(), dropout, l2, clipping, s.gradientClipThreshold(),
                normalization, s.lookback(), s.horizon(), s.strategy(), s.validationFraction(),
                s.earlyStoppingPatience(), s.seed(), s.gapPolicy());
    }

    public static NetworkSpec withGapPolicy(NetworkSpec s, GapPolicy policy) {
        return new NetworkSpec(s.architecture(), s.hiddenSizes(), s.bidirectional(), s.activation(), s.weightInit(),
                s.optimizer(), s.learningRate(), s.batchSize(), s.epochs(), s.dropout(), s.l2(), s.gradientClipping(),
                s.gradientClipThreshold(), s.normalization(), s.lookback(), s.horizon(), s.strategy(),
                s.validationFraction(), s.earlyStoppingPatience(), s.seed(), policy);
    }

    public static NetworkSpec withValidation(NetworkSpec s, double fraction, int patience) {
        return new NetworkSpec(s.architecture(), s.hiddenSizes(), s.bidirectional(), s.activation(), s.weightInit(),
                s.optimizer(), s.learningRate(), s.batchSize(), s.epochs(), s.dropout(), s.l2(), s.gradientClipping(),
                s.gradientClipThreshold(), s.normalization(), s.lookback(), s.horizon(), s.strategy(), fraction,
                patience, s.seed(), s.gapPolicy());
    }
}
