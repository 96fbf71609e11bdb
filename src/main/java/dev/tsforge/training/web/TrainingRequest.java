package dev.tsforge.training.web;

import dev.tsforge.model.CalendarFeature;
import dev.tsforge.model.Covariates;
import dev.tsforge.model.SeriesCovariate;
import dev.tsforge.model.StaticLabel;
import dev.tsforge.model.InvalidSpecException;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.GradientClipping;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.Optimizer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.Rollout;
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.model.web.SpecView.ArchitectureName;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.web.ApiProblemException;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * How to train. Every field is optional; a missing one takes the documented default (the README's "Training
 * spec" table). Bounds keep a request from tying up the node.
 */
@Schema(description = "Training spec; omitted fields take their defaults")
public record TrainingRequest(
        @Schema(description = "Recurrent cell", defaultValue = "LSTM") ArchitectureName architecture,
        @Schema(description = "Units per recurrent layer, stacked in order", defaultValue = "[32]", example = "[32]")
        @Size(min = 1, max = 4) List<@NotNull @Min(1) @Max(512) Integer> hiddenSizes,
        @Schema(description = "Wrap each recurrent layer in a bidirectional layer (forward and backward, concatenated;"
                + " SIMPLE_RNN and LSTM)",
                defaultValue = "false") Boolean bidirectional,
        @Schema(description = "Activation of the recurrent cells (GRU: always sigmoid gates, tanh candidate)",
                defaultValue = "TANH") CellActivation activation,
        @Schema(description = "Initial weights: XAVIER (for tanh) or HE (for ReLU)", defaultValue = "XAVIER")
        WeightInitScheme weightInit,
        @Schema(description = "Optimizer", defaultValue = "ADAM") Optimizer optimizer,
        @Schema(description = "Learning rate", defaultValue = "0.005", example = "0.005")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double learningRate,
        @Schema(description = "Windows per gradient step", defaultValue = "32") @Min(1) @Max(4096) Integer batchSize,
        @Schema(description = "Passes over the training windows (at most)", defaultValue = "50", example = "50")
        @Min(1) @Max(10_000) Integer epochs,
        @Schema(description = "Probability of dropping a recurrent layer's input in training", defaultValue = "0")
        @DecimalMin("0") @DecimalMax("0.9") Double dropout,
        @Schema(description = "L2 weight penalty", defaultValue = "0") @DecimalMin("0") @DecimalMax("1") Double l2,
        @Schema(description = "Gradient clipping: NONE, NORM (per-layer L2 norm) or VALUE (element-wise)",
                defaultValue = "VALUE") GradientClipping gradientClipping,
        @Schema(description = "Clipping threshold", defaultValue = "1.0")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000") Double gradientClipThreshold,
        @Schema(description = "Scaling of values before the network, fitted on training windows; LAST_VALUE makes each "
                + "window relative to its last value first (the network learns changes: trends and unseen levels); "
                + "WINDOW also divides each window by its own spread (series of any scale; a collection's default)",
                defaultValue = "STANDARDIZE") Normalization normalization,
        @Schema(description = "Past values one prediction reads", defaultValue = "" + WindowSpec.DEFAULT_LOOKBACK,
                example = "24")
        @Min(1) @Max(1000) Integer lookback,
        @Schema(description = "Steps the model is measured on (the held-out last points) and, for DIRECT, emits",
                defaultValue = "" + WindowSpec.DEFAULT_HORIZON, example = "12") @Min(1) @Max(1000) Integer horizon,
        @Schema(description = "RECURSIVE (one step, fed back) or DIRECT (all horizon steps at once)",
                defaultValue = "RECURSIVE") OutputStrategy strategy,
        @Schema(description = "How a RECURSIVE network rolls a forecast out: SLIDING (every step re-runs the network "
                + "over the last lookback values, as it was trained) or STATEFUL (the window runs once, then each "
                + "forecast value is one more step with the recurrent state kept: one step of work per forecast step "
                + "instead of lookback; a WINDOW network's fed-back values and outputs stay in the origin window's "
                + "units). STATEFUL needs STANDARDIZE, MIN_MAX or WINDOW, one-way layers and a gapPolicy other than "
                + "MASK; a warm start may change it", defaultValue = "SLIDING") Rollout rollout,
        @Schema(description = "Share of the most recent training windows used for validation loss",
                defaultValue = "0.1") @DecimalMin("0") @DecimalMax("0.5") Double validationFraction,
        @Schema(description = "Epochs without a better validation loss before stopping (0: never stop early)",
                defaultValue = "10") @Min(0) @Max(10_000) Integer earlyStoppingPatience,
        @Schema(description = "Random seed: the same seed, data and spec give the same model",
                defaultValue = "" + WindowSpec.DEFAULT_SEED)
        Long seed,
        @Schema(description = "Missing grid points: SPLIT (learn and forecast only across consecutive points), "
                + "REJECT (refuse a series with gaps), LINEAR (interpolate), FORWARD_FILL (repeat the last value), MASK "
                + "(windows span gaps; a missing value is masked, unknown to the network, never made up)",
                defaultValue = "SPLIT") GapPolicy gapPolicy,
        @Schema(description = "Warm start: continue from this model of the same series (its weights, optimizer state "
                + "and normaliser) on the series' current data. The network fields are then the parent's; only "
                + "learningRate, batchSize, epochs, validationFraction, earlyStoppingPatience, seed, gapPolicy (and horizon of a "
                + "RECURSIVE model) may differ.")
        Long warmStartFrom,
        @Schema(description = "Known-future inputs the network computes itself from each step's timestamp, in the "
                + "series' zone, for its windows and for the forecast horizon: calendar cycles and public holidays. "
                + "Forecasts, batches, collections and backtests need nothing more; an ad-hoc forecast sends "
                + "lastTimestamp. Stored covariate series join them by name (series). Not with MASK or a STATEFUL "
                + "roll-out") @Valid CovariateRequest covariates) {

    /** The covariates of a training request. */
    @Schema(description = "Calendar and holiday inputs")
    public record CovariateRequest(
            @Schema(description = "Calendar cycles, each as sine and cosine of the position in its cycle; each must "
                    + "vary along the series' grid (HOUR_OF_DAY needs a sub-daily series, DAY_OF_WEEK a daily or "
                    + "finer one)", example = "[\"DAY_OF_WEEK\", \"MONTH\"]")
            @Size(max = 4) List<@NotNull CalendarFeature> calendar,
            @Schema(description = "Public holidays of a country or region as Jollyday names them: whether a day is "
                    + "one, days to the next and since the last (up to 7); a daily or finer grid",
                    example = "DE") @Size(max = 40) String holidays,
            @Schema(description = "Stored covariate series by name (PUT /api/v1/series/{id}/covariates/{name}, or the "
                    + "collection's), each one more input after the computed ones, scaled from the training data. "
                    + "KNOWN_FUTURE ones are read at the step forecast, PAST_ONLY ones at their own time and only by "
                    + "a DIRECT network (a RECURSIVE spec naming one is a 400). Every point of the series must have "
                    + "their values (else a 422 naming the covariate and the first missing timestamps)",
                    example = "[\"temp\"]") @Size(max = 16) List<@NotNull String> series,
            @Schema(description = "A global model's static inputs: label keys of the collection's members, each "
                    + "one-hot over the values seen in training plus one slot for any other value or none (a member "
                    + "added later, a series sent with labels the training never saw). Global trainings only (a 400 "
                    + "for one series)", example = "[\"store\"]") @Size(max = 8) List<@NotNull String> labels) {

        /** Calendar and holidays only. */
        public CovariateRequest(List<CalendarFeature> calendar, String holidays) {
            this(calendar, holidays, null, null);
        }

        /** Without labels. */
        public CovariateRequest(List<CalendarFeature> calendar, String holidays, List<String> series) {
            this(calendar, holidays, series, null);
        }

        Covariates toCovariates() {
            // the kinds are the store's: the training service looks them up before the job is queued; the labels'
            // values are the training members'
            return new Covariates(calendar, holidays, series == null ? List.of()
                    : series.stream().map(name -> new SeriesCovariate(name, null)).toList(),
                    labels == null ? List.of() : labels.stream().map(StaticLabel::named).toList());
        }
    }

    public static final TrainingRequest DEFAULTS = new TrainingRequest(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /**
     * The spec, defaults filled in.
     *
     * @throws ApiProblemException for combinations the layers do not offer
     */
    public NetworkSpec toSpec() {
        return toSpec(null);
    }

    /**
     * The spec of a warm start from a parent with spec {@code parent} (see {@link NetworkSpec#continuing}), or of a
     * new network when {@code parent} is null.
     *
     * @throws ApiProblemException naming the field that cannot be honoured
     */
    NetworkSpec toSpec(ModelSpec parent) {
        if (parent == null && architecture != null && architecture.cell() == null) {
            throw ApiProblemException.invalidField("architecture", architecture + " is not a network to train: AUTO "
                    + "chooses a statistical method when it forecasts the validation origins better than the networks");
        }
        NetworkSpec.Overrides overrides = new NetworkSpec.Overrides(architecture == null ? null : architecture.cell(),
                hiddenSizes, bidirectional, activation, weightInit, optimizer, learningRate, batchSize, epochs,
                dropout, l2, gradientClipping, gradientClipThreshold, normalization, lookback, horizon, strategy,
                validationFraction, earlyStoppingPatience, seed, gapPolicy, rollout,
                covariates == null ? null : covariates.toCovariates());
        try {
            if (parent == null) {
                return NetworkSpec.requested(overrides);
            }
            if (architecture != null && architecture.cell() == null && parent instanceof NetworkSpec) {
                // a statistical method is never a network's cell: the same answer as any other cell the parent lacks
                throw new InvalidSpecException("architecture", "a warm start keeps the parent model's network; its "
                        + "architecture is " + parent.architectureName());
            }
            return NetworkSpec.continuing(parent, overrides);
        } catch (InvalidSpecException e) {
            throw ApiProblemException.invalidField(e.field(), e.getMessage());
        }
    }
}
