package dev.tsforge.registry;

import dev.tsforge.evaluation.HoldoutEvaluation;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.registry.Promotion.ChampionScore;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The trained models of every series and their {@code champion} alias, which serves forecasts that name only the
 * series.
 */
@Service
public class ModelRegistry {

    private final ModelRepository models;
    private final ModelVersions versions;
    private final SeriesService series;
    private final ModelStore store;
    private final ModelArtifacts artifacts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Counter manualPromotions;

    ModelRegistry(ModelRepository models, ModelVersions versions, SeriesService series, ModelStore store,
            ModelArtifacts artifacts, ApplicationEventPublisher events, Clock clock, MeterRegistry meters) {
        this.models = models;
        this.versions = versions;
        this.series = series;
        this.store = store;
        this.artifacts = artifacts;
        this.events = events;
        this.clock = clock;
        // the training queue counts the promotions it makes (trigger "training"), once their transaction committed
        this.manualPromotions = Counter.builder("tsforge.promotions").description("Models made champion of their series")
                .tag("trigger", "manual").register(meters);
    }

    /**
     * Records a model whose artifact is already written, keeps the artifact in the store, and decides whether the model
     * becomes the champion; runs in the caller's transaction, so that the registry and the store cannot disagree.
     *
     * @param champion the current champion's score on the new model's holdout, or null when there is none
     */
    public Registration register(ModelVersion model, ChampionScore champion) {
        series.lock(model.seriesId());
        Optional<Long> current = models.alias(model.seriesId(), ModelRepository.CHAMPION);
        Promotion promotion = decide(current, model.evaluation(), champion,
                model.spec() instanceof StatisticalSpec);
        long id = models.insert(model);
        artifacts.keep(id, model.artifact());
        if (promotion.promoted()) {
            models.setAlias(model.seriesId(), ModelRepository.CHAMPION, id, clock.instant());
            events.publishEvent(new RegistryEvents.ChampionChanged(model.seriesId(), id, current.orElse(null),
                    "training"));
        }
        return new Registration(id, promotion);
    }

    /**
     * Records a global model (see {@link #register}) and runs the champion gate of every member on the member's own
     * holdout: the model becomes the champion of the members where it beats seasonal naive and the member's current
     * champion, as a model of that series alone would. Members are locked in id order, so that two registrations
     * never wait for each other crosswise.
     */
    public GlobalRegistration registerGlobal(ModelVersion model, List<MemberScore> members) {
        long id = models.insert(model);
        artifacts.keep(id, model.artifact());
        List<ModelMember> recorded = new ArrayList<>();
        for (MemberScore member : members.stream().sorted(Comparator.comparingLong(MemberScore::seriesId)).toList()) {
            series.lock(member.seriesId());
            Optional<Long> current = models.alias(member.seriesId(), ModelRepository.CHAMPION);
            Promotion promotion = decide(current, member.evaluation(), member.champion(), false);
            ModelMember row = new ModelMember(member.seriesId(), null, member.evaluation(), promotion.promoted(),
                    promotion.reason());
            models.insertMember(id, row);
            if (promotion.promoted()) {
                models.setAlias(member.seriesId(), ModelRepository.CHAMPION, id, clock.instant());
                events.publishEvent(new RegistryEvents.ChampionChanged(member.seriesId(), id, current.orElse(null),
                        "global training"));
            }
            recorded.add(row);
        }
        return new GlobalRegistration(id, recorded);
    }

    /**
     * The gate, unless the series' champion ({@code current}, read under the series' lock) is no longer the one
     * {@code champion} scored: then a challenger.
     */
    private static Promotion decide(Optional<Long> current, HoldoutEvaluation evaluation, ChampionScore champion,
            boolean statistical) {
        if (!Objects.equals(current.orElse(null), champion == null ? null : champion.modelId())) {
            return new Promotion(false, "challenger: the champion changed while this model was evaluated; "
                    + "compare and promote by hand");
        }
        return Promotion.decide(evaluation, champion, statistical);
    }

    /**
     * A global model on one member's holdout, and the member's champion on the same holdout.
     *
     * @param champion null when the member has no champion
     */
    public record MemberScore(long seriesId, HoldoutEvaluation evaluation, ChampionScore champion) {
    }

    /** The id a global model got, and the gate's decision for each member. */
    public record GlobalRegistration(long modelId, List<ModelMember> members) {

        public long promoted() {
            return members.stream().filter(ModelMember::promoted).count();
        }
    }

    /** A collection's global models, newest first. */
    public List<ModelVersion> ofCollection(long collectionId) {
        return models.ofCollection(collectionId);
    }

    /**
     * A global model's measures on each member's holdout and the gate's decisions.
     *
     * @throws ApiProblemException 404 unknown model, 409 for a model of one series
     */
    public List<ModelMember> members(long modelId) {
        ModelVersion model = find(modelId);
        if (!model.global()) {
            throw new ApiProblemException(ProblemType.ILLEGAL_STATE, "Model " + modelId + " is a model of series "
                    + model.seriesId() + ", not of a collection; it has no members.", Map.of("modelId", modelId));
        }
        return models.members(modelId);
    }

    /** How many series have this model as their champion (a global model may be the champion of several). */
    public long championOf(long modelId) {
        return models.championOf(modelId);
    }

    /** Records an imported model, always as a challenger: only its user can tell it is good for this series. */
    @Transactional
    long registerImported(ModelVersion model) {
        long id = models.insert(model);
        artifacts.keep(id, model.artifact());
        return id;
    }

    /** The id a model got and whether it was promoted. */
    public record Registration(long modelId, Promotion promotion) {
    }

    public RegisteredModel get(long id) {
        ModelVersion model = find(id);
        return new RegisteredModel(model, isChampion(model));
    }

    /** A model without its champion flag: one query less, for forecasts and other hot paths. */
    public ModelVersion version(long id) {
        return find(id);
    }

    private ModelVersion find(long id) {
        return versions.find(id).orElseThrow(() -> ApiProblemException.notFound("model", id));
    }

    private boolean isChampion(ModelVersion model) {
        if (model.global()) {
            return false;
        }
        return models.alias(model.seriesId(), ModelRepository.CHAMPION).map(c -> c == model.id()).orElse(false);
    }

    public Optional<ModelVersion> champion(long seriesId) {
        return models.alias(seriesId, ModelRepository.CHAMPION).flatMap(versions::find);
    }

    /**
     * The series' champion.
     *
     * @throws ApiProblemException 409 {@code no-model}, saying whether the series has no model at all or which
     *                             model to promote
     */
    public ModelVersion requireChampion(long seriesId) {
        return champion(seriesId).orElseThrow(() -> {
            List<ModelVersion> all = models.ofSeries(seriesId);
            if (all.isEmpty()) {
                return new ApiProblemException(ProblemType.NO_MODEL, "Series " + seriesId
                        + " has no trained model yet; POST a training first.", Map.of("seriesId", seriesId));
            }
            long newest = all.get(0).id();
            return new ApiProblemException(ProblemType.NO_MODEL, "Series " + seriesId + " has no champion: no "
                    + "model has beaten seasonal naive on its holdout (newest: model " + newest + "). Use a modelId, "
                    + "or promote one with POST /api/v1/models/" + newest + "/promote.",
                    Map.of("seriesId", seriesId, "newestModelId", newest));
        });
    }

    public List<RegisteredModel> ofSeries(long seriesId) {
        Long champion = models.alias(seriesId, ModelRepository.CHAMPION).orElse(null);
        return models.ofSeries(seriesId).stream()
                .map(model -> new RegisteredModel(model, Objects.equals(champion, model.id())))
                .toList();
    }

    /** Makes a model its series' champion by hand, whatever its holdout said. */
    @Transactional
    public RegisteredModel promote(long id) {
        ModelVersion model = find(id);
        if (model.global()) {
            throw new ApiProblemException(ProblemType.ILLEGAL_STATE, "Model " + id + " is a global model of a "
                    + "collection: it is made champion member by member, by each member's holdout (GET /api/v1/models/"
                    + id + "/members says where and why).", Map.of("modelId", id));
        }
        series.lock(model.seriesId());
        Long previous = models.alias(model.seriesId(), ModelRepository.CHAMPION).orElse(null);
        models.setAlias(model.seriesId(), ModelRepository.CHAMPION, id, clock.instant());
        manualPromotions.increment();
        if (!Objects.equals(previous, id)) {
            events.publishEvent(new RegistryEvents.ChampionChanged(model.seriesId(), id, previous, "manual"));
        }
        return new RegisteredModel(model, true);
    }

    /** Deletes a model and, after the commit, its files; a deleted champion leaves the series without one. */
    @Transactional
    public void delete(long id) {
        ModelVersion model = find(id);
        models.delete(id);
        versions.forget(id);
        store.deleteAfterCommit(model.artifact().name());
        events.publishEvent(new RegistryEvents.ModelDeleted(id, model.seriesId()));
    }
}
