package dev.tsforge.backtest.web;

import dev.tsforge.backtest.PanelMethod;
import dev.tsforge.training.web.TrainingRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A panel backtest: the network to fit globally and locally, the folds, and the references beside them. */
@Schema(description = "A backtest of one global network against local models of every member; omitted fields take "
        + "defaults", example = """
        {"spec": {"hiddenSizes": [32], "lookback": 24, "horizon": 12, "epochs": 30}, "folds": 3,
         "localNetworks": true, "references": ["SEASONAL_NAIVE", "ETS", "THETA"]}""")
record PanelBacktestRequest(
        @Schema(description = "The network fitted on all members at each origin (GLOBAL) and, with localNetworks, on "
                + "each member alone (LOCAL), as for POST /collections/{name}/trainings; omitted: the global "
                + "training defaults (normalization WINDOW)") @Valid TrainingRequest spec,
        @Schema(description = "Origins, `horizon` apart, the last ones of every member (at most 20)",
                defaultValue = "3") Integer folds,
        @Schema(description = "Steps forecast at each origin", defaultValue = "the spec's horizon") Integer horizon,
        @Schema(description = "Also fit the spec on each member alone at each origin (one fit per member and fold)",
                defaultValue = "true") Boolean localNetworks,
        @Schema(description = "References scored beside the networks, from NAIVE, SEASONAL_NAIVE, ETS, THETA and "
                + "AUTO (the service's AUTO search on each member alone, as an AUTO training would serve it: one "
                + "search per member and fold, each within autoBudgetSeconds); NAIVE2, the yardstick of OWA, is "
                + "always scored", defaultValue = "[\"SEASONAL_NAIVE\", \"ETS\", \"THETA\"]")
        @Size(max = 5) List<PanelMethod> references,
        @Schema(description = "With AUTO among the references: seconds each member's search may take at each fold "
                + "(10 to 3600); the job takes up to members × folds × this for AUTO", defaultValue = "30")
        Integer autoBudgetSeconds) {
}
