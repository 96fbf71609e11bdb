package dev.tsforge.training;

import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.series.CollectionService;
import dev.tsforge.series.GapFilling;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.series.PointStats;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesCollection;
import dev.tsforge.series.SeriesFilter;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Collection runs: one request that trains (or AUTO-searches) every selected member of a collection, as a parent
 * whose children are ordinary training jobs on the shared queue (see {@link ChildDispatcher} for how they are
 * bounded and where the short work runs). The run is one request to the queue's capacity; a member that cannot
 * train fails its own child, never the run.
 */
@Service
public class CollectionRunService {

    private static final Logger log = LoggerFactory.getLogger(CollectionRunService.class);

    private final CollectionRunRepository runs;
    private final TrainingJobRepository jobs;
    private final TrainingQueue queue;
    private final ChildDispatcher dispatcher;
    private final CollectionService collections;
    private final SeriesService series;
    private final TrainingCovariates covariateSeries;
    private final Clock clock;

    CollectionRunService(CollectionRunRepository runs, TrainingJobRepository jobs, TrainingQueue queue,
            ChildDispatcher dispatcher, CollectionService collections, SeriesService series,
            TrainingCovariates covariateSeries, Clock clock) {
        this.runs = runs;
        this.jobs = jobs;
        this.queue = queue;
        this.dispatcher = dispatcher;
        this.collections = collections;
        this.series = series;
        this.covariateSeries = covariateSeries;
        this.clock = clock;
    }

    /**
     * Starts a run over the collection's members that carry every label given ({@code key:value}). Refuses at once,
     * storing nothing: a malformed label or spec (400), covariate series that no selected member reads nor the
     * collection (400), an unknown collection (404), a selection without members (422), a full queue (503). Each member
     * reads its own covariate series of a name, else the collection's, as its single-series training would. A member
     * too short for the plan, with gaps under REJECT, or lacking a covariate the spec names gets a child that is
     * FAILED from the start, its error saying why.
     */
    public CollectionRun start(String collection, List<String> labels, RunPlan plan) {
        List<String> selection = labels == null ? List.of() : List.copyOf(labels);
        SeriesFilter filter = collections.filter(collection, selection);
        if (plan instanceof RunPlan.Train train) {
            queue.checkLimits(train.spec());
        }
        List<Series> members = collections.members(filter);
        long collectionId = filter.collectionId();
        Map<Long, TrainingCovariates.ForMember> covariates = covariates(plan, collectionId, collection, members);
        if (members.isEmpty()) {
            throw new ApiProblemException(ProblemType.EMPTY_SELECTION, "Collection '" + collection + "' has no member"
                    + (selection.isEmpty() ? "" : " with the labels " + selection) + " to train",
                    Map.of("collection", collection, "label", selection));
        }
        List<Child> children = members.stream().map(member -> child(member, plan, covariates.get(member.id())))
                .toList();
        Instant now = clock.instant();
        long runId = queue.admitted(() -> {
            long id = runs.insert(collectionId, plan, selection, now);
            for (Child child : children) {
                runs.insertChild(id, child.seriesId(), child.spec(), child.budgetSeconds(), child.failure(), now);
            }
            return id;
        });
        log.info("Collection run {} of '{}' ({}, {} members) started", runId, collection, plan.mode(),
                children.size());
        dispatcher.settle(runId);
        return get(runId);
    }

    /**
     * Each member's spec with the kinds of the covariate series it reads, by series id; none when the plan reads none.
     *
     * @throws ApiProblemException 400 for labels, calendar features that would not vary along the collection's grid,
     *                             and covariate series no member reads nor the collection
     */
    private Map<Long, TrainingCovariates.ForMember> covariates(RunPlan plan, long collectionId, String collection,
            List<Series> members) {
        if (!(plan instanceof RunPlan.Train train) || !(train.spec() instanceof NetworkSpec network)
                || members.isEmpty()) {
            return Map.of();
        }
        TrainingService.refuseLabels(network);
        // members share the collection's grid: one check holds for all
        TrainingService.checkCovariates(network, members.get(0).frequency());
        return network.covariates().series().isEmpty() ? Map.of()
                : covariateSeries.resolvedForMembers(collectionId, collection, members, network);
    }

    /** What one member's child will do, or why it cannot. */
    private record Child(long seriesId, ModelSpec spec, Integer budgetSeconds, String failure) {
    }

    /** @param covariates the member's spec with the kinds of the covariate series it reads; null when it reads none */
    private Child child(Series member, RunPlan plan, TrainingCovariates.ForMember covariates) {
        PointStats stats = series.stats(member.id());
        ModelSpec spec;
        Requirement required;
        Integer budget = null;
        if (plan instanceof RunPlan.Auto auto) {
            required = Requirement.auto(auto.horizon());
            // the child holds the first network candidate until its search has a winner, as a single AUTO job does
            int points = (int) Math.max(stats.count(), required.points());
            spec = AutoSearch.networks(member.seasonalPeriod(), auto.horizon(), points, auto.seed(),
                    auto.gapPolicy()).get(0);
            budget = auto.budgetSeconds();
        } else {
            spec = covariates == null ? ((RunPlan.Train) plan).spec() : covariates.spec();
            required = Requirement.of(spec);
        }
        String failure = null;
        if (covariates != null && covariates.failure() != null) {
            failure = covariates.failure();
        } else if (!required.metBy(stats.count())) {
            failure = required.tooShort(stats.count()).getMessage();
        } else if (spec.gapPolicy() == GapPolicy.REJECT) {
            long missing = GapFilling.missing(stats, member.frequency());
            failure = missing > 0 ? TrainingQueue.gaps(missing).getMessage() : null;
        }
        return new Child(member.id(), spec, budget, failure);
    }

    public CollectionRun get(long runId) {
        return runs.find(runId).orElseThrow(() -> ApiProblemException.notFound("collection run", runId));
    }

    /** The collection's runs, newest first. */
    public List<CollectionRun> ofCollection(String collection) {
        SeriesCollection found = collections.get(collection);
        return runs.ofCollection(found.id());
    }

    public CollectionRun.Progress progress(long runId) {
        return runs.progress(runId);
    }

    /** The summary table, one line per member, in member order. */
    public List<CollectionRun.Member> members(long runId) {
        return runs.members(runId);
    }

    /** The collection's name, for showing a run. */
    public String collectionName(CollectionRun run) {
        return collections.name(run.collectionId());
    }

    /**
     * Cancels every queued child at once and asks running ones to stop at the end of their epoch; the run is
     * CANCELLED once none is left running (at once when none was).
     *
     * @throws ApiProblemException 404 unknown run, 409 when it has already finished
     */
    public CollectionRun cancel(long runId) {
        CollectionRun run = get(runId);
        if (!runs.requestCancel(runId)) {
            CollectionRun.Status now = get(runId).status();
            throw new ApiProblemException(ProblemType.ILLEGAL_STATE, "Collection run " + runId + " is already "
                    + now + "; only a RUNNING run can be cancelled.", Map.of("status", now.name()));
        }
        List<Long> cancelled = new ArrayList<>();
        for (long child : runs.activeChildren(run.id())) {
            jobs.find(child).filter(queue::tryCancel).ifPresent(job -> cancelled.add(child));
        }
        log.info("Collection run {} cancelled: {} children cancelled or asked to stop", runId, cancelled.size());
        dispatcher.settle(runId);
        return get(runId);
    }
}
