package dev.tsforge.registry.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.HoldoutEvaluation.CovariateEffect;
import dev.tsforge.registry.ModelMember;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.registry.RegisteredModel;
import dev.tsforge.series.CollectionService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A collection's global models, and how each did on every member. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Models", description = "Trained models: spec, data, holdout accuracy vs baselines, champion, artifact")
class GlobalModelController {

    private final ModelRegistry registry;
    private final CollectionService collections;

    GlobalModelController(ModelRegistry registry, CollectionService collections) {
        this.registry = registry;
        this.collections = collections;
    }

    /**
     * A global model on one member's holdout.
     *
     * @param promoted         whether the champion gate made it the member's champion when it was registered, and
     *                         {@code reason} why or why not
     * @param covariateEffects of a model reading covariate series, what each did on this member's holdout
     */
    record MemberView(long seriesId, String uniqueId, int horizon, int seasonalPeriod, Accuracy model,
            Accuracy naive, Accuracy seasonalNaive, boolean beatsSeasonalNaive, boolean promoted, String reason,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CovariateEffect> covariateEffects) {

        static MemberView of(ModelMember member) {
            var e = member.evaluation();
            return new MemberView(member.seriesId(), member.uniqueId(), e.horizon(), e.seasonalPeriod(), e.model(),
                    e.naive(), e.seasonalNaive(), e.beatsSeasonalNaive(), member.promoted(), member.reason(),
                    e.covariateEffects());
        }
    }

    @GetMapping("/collections/{name}/models")
    @Operation(summary = "List the global models of a collection, newest first",
            description = "Each with its measures over the members (mean MASE and sMAPE beside naive, seasonal naive "
                    + "and Naive2, OWA) and how many members it is the champion of.")
    @ApiResponse(responseCode = "200", description = "The models")
    @ApiResponse(responseCode = "404", description = "Unknown collection")
    List<ModelView> ofCollection(@PathVariable String name) {
        long collectionId = collections.get(name).id();
        return registry.ofCollection(collectionId).stream()
                .map(model -> ModelView.of(new RegisteredModel(model, false), global(name, model, registry)))
                .toList();
    }

    @GetMapping("/models/{id}/members")
    @Operation(summary = "A global model on each member: holdout accuracy beside naive and seasonal naive, and "
            + "whether it became the member's champion, and why")
    @ApiResponse(responseCode = "200", description = "One entry per member it was measured on, by series id")
    @ApiResponse(responseCode = "404", description = "Unknown model")
    @ApiResponse(responseCode = "409", description = "A model of one series, which has no members")
    List<MemberView> members(@PathVariable long id) {
        return registry.members(id).stream().map(MemberView::of).toList();
    }

    static ModelView.GlobalView global(String collection, ModelVersion model, ModelRegistry registry) {
        ModelVersion.Panel panel = model.panel();
        return new ModelView.GlobalView(collection,
                panel.labelSelection() == null ? List.of() : List.of(panel.labelSelection().split("\n")),
                panel.evaluation().members(), panel.evaluation(), registry.championOf(model.id()));
    }
}
