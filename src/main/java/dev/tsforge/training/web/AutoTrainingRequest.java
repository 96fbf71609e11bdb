package dev.tsforge.training.web;

import dev.tsforge.model.WindowSpec;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.training.RunPlan;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** An AUTO training of one series, or of every member of a collection run. */
@Schema(description = "An AUTO training; omitted fields take their defaults")
record AutoTrainingRequest(
        @Schema(description = "Seconds the whole job may take: the statistical candidates first, then networks "
                + "while they and their refit still fit, each stopped at its share of the time",
                defaultValue = "" + AutoTrainingRequest.DEFAULT_BUDGET_SECONDS)
        @Min(10) @Max(3600)
        Integer budgetSeconds,
        @Schema(description = "Forecast horizon: the holdout and the validation length",
                defaultValue = "" + WindowSpec.DEFAULT_HORIZON)
        @Min(1) @Max(1000) Integer horizon,
        @Schema(description = "Random seed", defaultValue = "" + WindowSpec.DEFAULT_SEED) Long seed,
        @Schema(description = "Gap policy, as for a training", defaultValue = "SPLIT") GapPolicy gapPolicy) {

    /** Seconds an AUTO search may take when the request names none. */
    static final int DEFAULT_BUDGET_SECONDS = 300;

    static final AutoTrainingRequest DEFAULTS = new AutoTrainingRequest(null, null, null, null);

    /** The search, defaults filled in. */
    RunPlan.Auto toPlan() {
        return new RunPlan.Auto(horizon == null ? WindowSpec.DEFAULT_HORIZON : horizon,
                seed == null ? WindowSpec.DEFAULT_SEED : seed,
                gapPolicy == null ? WindowSpec.DEFAULT_GAP_POLICY : gapPolicy,
                budgetSeconds == null ? DEFAULT_BUDGET_SECONDS : budgetSeconds);
    }
}
