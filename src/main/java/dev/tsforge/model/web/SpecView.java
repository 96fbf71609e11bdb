package dev.tsforge.model.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tsforge.model.Architecture;
import dev.tsforge.model.CalendarFeature;
import dev.tsforge.model.Covariates;
import dev.tsforge.model.SeriesCovariate;
import dev.tsforge.model.StaticLabel;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.GradientClipping;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.Optimizer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.Rollout;
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.series.GapPolicy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A spec as the API shows it (models, training jobs): the flat shape it has always had. A statistical model shows the
 * network fields with the values AUTO used to fill them, so that clients reading {@code architecture} keep working,
 * and its {@code methods} (and {@code etsForm}, {@code arimaOrder}, {@code arimaLookback}), which a network leaves out.
 */
@Schema(name = "NetworkSpec")
public record SpecView(ArchitectureName architecture, List<Integer> hiddenSizes, boolean bidirectional,
        CellActivation activation, WeightInitScheme weightInit, Optimizer optimizer, double learningRate,
        int batchSize, int epochs, double dropout, double l2, GradientClipping gradientClipping,
        double gradientClipThreshold, Normalization normalization, int lookback, int horizon,
        OutputStrategy strategy, double validationFraction, int earlyStoppingPatience, long seed,
        GapPolicy gapPolicy,
        @Schema(description = "A statistical model's method, or the members of a combination (their median; the "
                + "mean of two); absent for a network")
        @JsonInclude(JsonInclude.Include.NON_NULL) List<StatisticalSpec.Method> methods,
        @Schema(description = "The exponential smoothing form when the methods include ETS: error, trend (d: damped), "
                + "season, as R's forecast::ets writes it", example = "MAdM")
        @JsonInclude(JsonInclude.Include.NON_NULL) String etsForm,
        @Schema(description = "The ARIMA order when the methods include ARIMA, as R's forecast package prints it; "
                + "for STL_ARIMA, the order on the values STL adjusted (absent: chosen at each forecast)",
                example = "ARIMA(0,1,1)(0,1,1)[12]")
        @JsonInclude(JsonInclude.Include.NON_NULL) String arimaOrder,
        @Schema(description = "The values ARIMA reads when it reads more than the other methods (their window is "
                + "lookback): AUTO lets it read the series' whole most recent run, up to 1000 values; absent when "
                + "every method reads lookback")
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer arimaLookback,
        @Schema(description = "How a RECURSIVE network rolls its forecasts out: SLIDING (the window re-run at every "
                + "step) or STATEFUL (run once, then one step per forecast value); absent for a statistical model")
        @JsonInclude(JsonInclude.Include.NON_NULL) Rollout rollout,
        @Schema(description = "The calendar and holiday inputs a network reads besides the value, and their columns "
                + "in the order it reads them; absent for a model without")
        @JsonInclude(JsonInclude.Include.NON_NULL) CovariatesView covariates) {

    /** A network's covariates as the API shows them. */
    public record CovariatesView(List<CalendarFeature> calendar,
            @JsonInclude(JsonInclude.Include.NON_NULL) String holidays,
            @Schema(description = "Stored covariate series by name, each KNOWN_FUTURE or PAST_ONLY; "
                    + "no kind in a collection run's spec, whose members each read their own (else the collection's); "
                    + "absent without")
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SeriesCovariate> series,
            @Schema(description = "A global network's static labels: each key with the values seen in training, each "
                    + "one input (one-hot), and one more for any other value or none; absent without")
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<StaticLabel> labels,
            List<String> columns) {

        static CovariatesView of(Covariates covariates) {
            return covariates.isEmpty() ? null
                    : new CovariatesView(covariates.calendar(), covariates.holidays(), covariates.series(),
                            covariates.labels(), covariates.columns());
        }
    }

    /**
     * The recurrent cells, and the statistical methods AUTO may serve (COMBINATION for several): the values
     * {@code architecture} takes in the API.
     */
    public enum ArchitectureName {
        SIMPLE_RNN, LSTM, GRU, THETA, NAIVE, SEASONAL_NAIVE, WEEKLY_NAIVE, ETS, STL_ETS, MSTL_ETS, ARIMA, STL_ARIMA,
        COMBINATION;

        static ArchitectureName of(Architecture cell) {
            return valueOf(cell.name());
        }

        /** The network cell; null for a statistical method. */
        public Architecture cell() {
            return switch (this) {
                case SIMPLE_RNN, LSTM, GRU -> Architecture.valueOf(name());
                default -> null;
            };
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
                w.strategy(), n.validationFraction(), n.earlyStoppingPatience(), w.seed(), w.gapPolicy(), null, null, null,
                null, n.rollout(), CovariatesView.of(n.covariates()));
    }

    private static SpecView of(StatisticalSpec s) {
        WindowSpec w = s.window();
        ArchitectureName name = s.isCombination() ? ArchitectureName.COMBINATION
                : ArchitectureName.valueOf(s.methods().get(0).name());
        return new SpecView(name, List.of(), false, CellActivation.TANH, WeightInitScheme.XAVIER,
                Optimizer.ADAM, 0.005, 32, 0, 0, 0, GradientClipping.VALUE, 1.0, Normalization.STANDARDIZE,
                w.lookback(), w.horizon(), w.strategy(), 0, 0, w.seed(), w.gapPolicy(), s.methods(), s.etsForm(),
                s.arimaOrder(), s.arimaLookback(), null, null);
    }
}
