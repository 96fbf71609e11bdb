package dev.tsforge.training;

import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.series.CollectionService;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.series.Label;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesCollection;
import dev.tsforge.series.SeriesFilter;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Accepts the training of one network across the members of a collection (a global model) into the shared
 * training queue; the job then lives as every training does (QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED,
 * epochs, losses, cancel) under {@code /training-jobs/{id}}.
 */
@Service
public class GlobalTrainingService {

    /**
     * A global model's default scaling: each window relative to its last value and divided by its own spread, so
     * that members of any level and scale look alike to the one network (README, "Many series").
     */
    public static final Normalization DEFAULT_NORMALIZATION = Normalization.WINDOW;

    private final CollectionService collections;
    private final SeriesService series;
    private final TrainingQueue queue;
    private final TrainingJobRepository jobs;
    private final GlobalCovariates globalCovariates;
    private final Clock clock;

    GlobalTrainingService(CollectionService collections, SeriesService series, TrainingQueue queue,
            TrainingJobRepository jobs, GlobalCovariates globalCovariates, Clock clock) {
        this.globalCovariates = globalCovariates;
        this.collections = collections;
        this.series = series;
        this.queue = queue;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * Queues the training. Refuses at once what cannot work: an unknown collection (404), a malformed label filter
     * or MASK (400: a masked window is cut from one series' whole grid), covariate series no member reads or label
     * keys no member carries (400, {@link GlobalCovariates}), no member selected or none with enough
     * points for its holdout and windows (422), a full queue (503).
     *
     * @param labelFilters {@code key:value} filters the members must all carry; empty for every member
     */
    public TrainingJob submit(String collectionName, List<String> labelFilters, NetworkSpec spec) {
        SeriesFilter filter = collections.filter(collectionName, labelFilters);
        SeriesCollection collection = collections.get(collectionName);
        if (spec.gapPolicy() == GapPolicy.MASK) {
            throw ApiProblemException.invalidField("gapPolicy", "MASK is for one series (its windows are cut from "
                    + "the whole grid); a global model trains with SPLIT, REJECT, LINEAR or FORWARD_FILL");
        }
        List<Series> members = collections.members(filter);
        if (members.isEmpty()) {
            throw new ApiProblemException(ProblemType.NO_MEMBERS, "Collection " + collectionName + " has no member"
                    + (filter.labels().isEmpty() ? "" : " with the labels " + labelFilters) + " to train on.",
                    Map.of("collection", collectionName));
        }
        NetworkSpec resolved = spec.covariates().isEmpty() ? spec
                : globalCovariates.resolved(collection, members, spec);
        int required = spec.minimumPoints();
        long usable = members.stream().filter(member -> series.stats(member.id()).count() >= required).count();
        if (usable == 0) {
            throw new ApiProblemException(ProblemType.SERIES_TOO_SHORT, "None of the " + members.size()
                    + " selected members has the " + required + " points a " + spec.horizon() + "-point holdout, "
                    + "lookback " + spec.lookback() + " and " + NetworkSpec.MIN_WINDOWS + " windows need.",
                    Map.of("members", members.size(), "requiredPoints", required));
        }
        String stored = LabelSelection.format(filter.labels().stream().map(Label::toFilter).toList());
        long jobId = queue.submitGlobal("collection " + collectionName + " (" + usable + " members)", resolved,
                () -> jobs.insertGlobal(collection.id(), stored, resolved, clock.instant()));
        return queue.find(jobId, JobKind.TRAINING).orElseThrow();
    }

    /** The collection's global trainings, newest first. */
    public List<TrainingJob> ofCollection(String collectionName) {
        return jobs.ofCollection(collections.get(collectionName).id());
    }

    /** A collection's name by id; null once it is deleted. */
    public String collectionName(long collectionId) {
        return collections.name(collectionId);
    }
}
