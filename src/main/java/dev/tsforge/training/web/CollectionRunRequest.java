package dev.tsforge.training.web;

import dev.tsforge.training.CollectionRun;
import dev.tsforge.training.RunPlan;
import dev.tsforge.web.ApiProblemException;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A collection run: what every selected member's child does, and which members. */
@Schema(description = "Train (TRAIN) or AUTO-search (AUTO) every selected member of the collection", example = """
        {"mode": "TRAIN", "spec": {"architecture": "LSTM", "hiddenSizes": [16], "lookback": 24, "horizon": 12,
         "epochs": 30}, "label": ["region:north"]}""")
record CollectionRunRequest(
        @Schema(description = "TRAIN: every member trains `spec`; AUTO: every member runs an AUTO search") @NotNull
        CollectionRun.Mode mode,
        @Schema(description = "TRAIN only: the training spec, as for POST /series/{id}/trainings (no warmStartFrom, "
                + "no labels); each member reads its own covariate series of a name, else the collection's; a member "
                + "with neither fails its child; omitted: every default")
        @Valid TrainingRequest spec,
        @Schema(description = "AUTO only: horizon, budget (per member), seed and gap policy, as for POST "
                + "/series/{id}/auto-trainings; omitted: every default")
        @Valid AutoTrainingRequest auto,
        @Schema(description = "Only members with this label, written key:value (e.g. store:12), as GET "
                + "/series?collection=&label= selects; several: all must match; omitted: every member")
        @Size(max = 32) List<@NotNull String> label) {

    /**
     * The plan, defaults filled in.
     *
     * @throws ApiProblemException 400 naming the field that does not belong to the mode or cannot be honoured
     */
    RunPlan toPlan() {
        if (mode == CollectionRun.Mode.AUTO) {
            if (spec != null) {
                throw ApiProblemException.invalidField("spec", "only with mode TRAIN; AUTO takes `auto`");
            }
            return (auto == null ? AutoTrainingRequest.DEFAULTS : auto).toPlan();
        }
        if (auto != null) {
            throw ApiProblemException.invalidField("auto", "only with mode AUTO; TRAIN takes `spec`");
        }
        TrainingRequest train = spec == null ? TrainingRequest.DEFAULTS : spec;
        if (train.warmStartFrom() != null) {
            throw ApiProblemException.invalidField("spec.warmStartFrom", "a warm start continues one series' model; "
                    + "a collection run trains every member afresh");
        }
        return new RunPlan.Train(train.toSpec());
    }
}
