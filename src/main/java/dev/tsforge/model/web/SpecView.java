package dev.tsforge.model.web;

import dev.tsforge.model.Architecture;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.GradientClipping;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.Optimizer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import dev.tsforge.model.ThetaSpec;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.series.GapPolicy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A spec as the API shows it (models, training jobs): the flat shape it has always had. A Theta model shows the
 * network fields with the values AUTO used to fill them, so that clients reading {@code architecture} keep working.
 */
@Schema(name = "NetworkSpec")
public record SpecView(ArchitectureName architecture, List<Integer> hiddenSizes, boolean bidirectional,
        CellActivation activation, WeightInitScheme weightInit, Optimizer optimizer, double learningRate,
        int batchSize, int epochs, double dropout, double l2, GradientClipping gradientClipping,
        double gradientClipThreshold, Normalization normalization, int lookback, int horizon,
        OutputStrategy strategy, double validationFraction, int earlyStoppingPatience, long seed,
        GapPolicy gapPolicy) {

    /** The recurrent cells, and THETA for the Theta method: the values {@code architecture} takes in the API. */
    public enum ArchitectureName {
        SIMPLE_RNN, LSTM, GRU, THETA;

        static ArchitectureName of(Architecture cell) {
            return valueOf(cell.name());
        }

        /** The network cell; null for THETA. */
        public Architecture cell() {
            return this == THETA ? null : Architecture.valueOf(name());
        }
    }

    public static SpecView of(ModelSpec spec) {
        return spec.match(SpecView::of, SpecView::of);
    }

    private static SpecView of(NetworkSpec n) {
        WindowSpec w = n.window();
        return new SpecView(ArchitectureName.of(n.architecture()), n.hiddenSizes(), n.bidirectional(), n.activation(),
                n.weightInit(), n.optimizer(), n.learningRate(), n.batchSize(), n.epochs(), n.dropout(), n.l2(),
                n.gradientClipping(), n.gradientClipThreshold(), n.normalization(), w.lookback(), w.horizon(),
                w.strategy(), n.validationFraction(), n.earlyStoppingPatience(), w.seed(), w.gapPolicy());
    }

    private static SpecView of(ThetaSpec t) {
        WindowSpec w = t.window();
        return new SpecView(ArchitectureName.THETA, List.of(), false, CellActivation.TANH, WeightInitScheme.XAVIER,
                Optimizer.ADAM, 0.005, 32, 0, 0, 0, GradientClipping.VALUE, 1.0, Normalization.STANDARDIZE,
                w.lookback(), w.horizon(), w.strategy(), 0, 0, w.seed(), w.gapPolicy());
    }
}
