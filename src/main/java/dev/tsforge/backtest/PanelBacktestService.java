package dev.tsforge.backtest;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.series.CollectionService;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.series.Label;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesCollection;
import dev.tsforge.series.SeriesFilter;
import dev.tsforge.series.SeriesService;
import dev.tsforge.training.GlobalCovariates;
import dev.tsforge.training.JobKind;
import dev.tsforge.training.LabelSelection;
import dev.tsforge.training.TrainingJob;
import dev.tsforge.training.TrainingQueue;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Panel backtests (a collection's global network against local models of every member) as jobs on the training
 * queue: submits them, reads them back, cancels them. {@link PanelBacktestRunner} does their work.
 */
@Service
public class PanelBacktestService {

    /** Members one panel backtest takes: its result (a row per member) is stored as one JSON value. */
    public static final int MAX_MEMBERS = 1000;
    /** Origins when a request names none: three, as few as give a mean that one odd fold does not decide. */
    public static final int DEFAULT_FOLDS = 3;
    /**
     * AUTO's budget per member and fold when a request names none: a tenth of an AUTO training's default, because a
     * panel backtest runs one search per member and fold (the statistical candidates take well under a second; the
     * budget decides how many networks AUTO tries).
     */
    public static final int DEFAULT_AUTO_BUDGET_SECONDS = 30;
    /** The bounds of an AUTO training's budget. */
    public static final int MIN_AUTO_BUDGET_SECONDS = 10;
    public static final int MAX_AUTO_BUDGET_SECONDS = 3600;

    private final TrainingQueue queue;
    private final PanelBacktestRepository backtests;
    private final CollectionService collections;
    private final SeriesService series;
    private final TsforgeProperties properties;
    private final GlobalCovariates covariates;
    private final Clock clock;

    PanelBacktestService(TrainingQueue queue, PanelBacktestRepository backtests, CollectionService collections,
            SeriesService series, TsforgeProperties properties, GlobalCovariates covariates, Clock clock) {
        this.covariates = covariates;
        this.queue = queue;
        this.backtests = backtests;
        this.collections = collections;
        this.series = series;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Checked settings with defaults filled in: {@code folds} 3, {@code horizon} the spec's, local networks on, the
     * references {@link PanelMethod#DEFAULT_REFERENCES}, AUTO's budget {@link #DEFAULT_AUTO_BUDGET_SECONDS} per member
     * and fold when AUTO is asked for.
     *
     * @throws ApiProblemException 400 naming the setting out of bounds, or a budget without AUTO
     */
    public PanelBacktestSettings settings(Integer folds, Integer horizon, Boolean localNetworks,
            List<PanelMethod> references, Integer autoBudgetSeconds, int specHorizon) {
        int f = folds == null ? DEFAULT_FOLDS : folds;
        int h = horizon == null ? specHorizon : horizon;
        if (f < 1 || f > BacktestService.MAX_REFIT_FOLDS) {
            throw ApiProblemException.invalidField("folds", "between 1 and " + BacktestService.MAX_REFIT_FOLDS
                    + ", got " + f);
        }
        if (h < 1 || h > properties.limits().maxHorizon()) {
            throw ApiProblemException.invalidField("horizon", "between 1 and " + properties.limits().maxHorizon()
                    + ", got " + h);
        }
        List<PanelMethod> chosen = references == null ? PanelMethod.DEFAULT_REFERENCES : references;
        for (PanelMethod method : chosen) {
            if (method == null || !PanelMethod.REFERENCES.contains(method)) {
                throw ApiProblemException.invalidField("references", "one or more of " + PanelMethod.REFERENCES
                        + " (the networks and NAIVE2 are always scored), got " + method);
            }
        }
        Integer budget = null;
        if (chosen.contains(PanelMethod.AUTO)) {
            budget = autoBudgetSeconds == null ? DEFAULT_AUTO_BUDGET_SECONDS : autoBudgetSeconds;
            if (budget < MIN_AUTO_BUDGET_SECONDS || budget > MAX_AUTO_BUDGET_SECONDS) {
                throw ApiProblemException.invalidField("autoBudgetSeconds", "between " + MIN_AUTO_BUDGET_SECONDS
                        + " and " + MAX_AUTO_BUDGET_SECONDS + " seconds per member and fold, got " + budget);
            }
        } else if (autoBudgetSeconds != null) {
            throw ApiProblemException.invalidField("autoBudgetSeconds", "is AUTO's budget: add AUTO to references, "
                    + "or leave it out");
        }
        return new PanelBacktestSettings(f, h, localNetworks == null || localNetworks,
                chosen.stream().distinct().toList(), budget);
    }

    /**
     * Queues a panel backtest of {@code spec} on the members of a collection that carry every label filter. Refuses
     * at once an unknown collection (404), a malformed label, MASK, covariates or labels a training of the collection
     * would refuse ({@link GlobalCovariates#resolved}) or more than {@link #MAX_MEMBERS} members (400), no member or
     * none with enough points (422), a full queue (503).
     */
    public PanelBacktestJob submit(String collectionName, List<String> labelFilters, NetworkSpec spec,
            PanelBacktestSettings settings) {
        SeriesFilter filter = collections.filter(collectionName, labelFilters);
        SeriesCollection collection = collections.get(collectionName);
        if (spec.gapPolicy() == GapPolicy.MASK) {
            throw ApiProblemException.invalidField("gapPolicy", "MASK is for one series; a panel backtest fits a "
                    + "global network, which trains with SPLIT, REJECT, LINEAR or FORWARD_FILL");
        }
        List<Series> members = collections.members(filter);
        if (members.isEmpty()) {
            throw new ApiProblemException(ProblemType.NO_MEMBERS, "Collection " + collectionName + " has no member"
                    + (filter.labels().isEmpty() ? "" : " with the labels " + labelFilters) + " to backtest.",
                    Map.of("collection", collectionName));
        }
        if (members.size() > MAX_MEMBERS) {
            throw new ApiProblemException(ProblemType.INVALID_PARAMETER, "Parameter 'label': the selection has "
                    + members.size() + " members; a panel backtest takes at most " + MAX_MEMBERS
                    + " (select fewer with label=key:value)", Map.of("parameter", "label"));
        }
        // what a training of the collection accepts, checked the same way
        NetworkSpec resolved = spec.covariates().isEmpty() ? spec : covariates.resolved(collection, members, spec);
        int required = settings.requiredPoints(spec.minimumPoints());
        long usable = members.stream().filter(member -> series.stats(member.id()).count() >= required).count();
        if (usable == 0) {
            throw new ApiProblemException(ProblemType.SERIES_TOO_SHORT, "None of the " + members.size()
                    + " selected members has the " + required + " points that " + settings.folds() + " folds of "
                    + settings.horizon() + " steps after a training history (lookback " + spec.lookback()
                    + ", horizon " + spec.horizon() + ", " + NetworkSpec.MIN_WINDOWS + " windows) need.",
                    Map.of("members", members.size(), "requiredPoints", required));
        }
        String stored = LabelSelection.format(filter.labels().stream().map(Label::toFilter).toList());
        long jobId = queue.submitGlobal("panel backtest of collection " + collectionName + " (" + usable
                + " members)", resolved, () -> backtests.insert(collection.id(), stored, resolved, settings,
                        settings.fits((int) usable), clock.instant()));
        return job(jobId);
    }

    public PanelBacktestJob job(long jobId) {
        return find(jobId).orElseThrow(() -> ApiProblemException.notFound("panel backtest job", jobId));
    }

    /** Cancels a panel backtest job like a training (see {@link TrainingQueue#cancel}). */
    public PanelBacktestJob cancel(long jobId) {
        queue.cancel(jobId, JobKind.PANEL_BACKTEST);
        return job(jobId);
    }

    private Optional<PanelBacktestJob> find(long jobId) {
        return queue.find(jobId, JobKind.PANEL_BACKTEST).map(job -> {
            PanelBacktestRepository.Stored stored = backtests.stored(jobId);
            return of(job, stored);
        });
    }

    private PanelBacktestJob of(TrainingJob job, PanelBacktestRepository.Stored stored) {
        String name = collections.name(job.collectionId());
        return new PanelBacktestJob(job.id(), name, LabelSelection.parse(job.labelSelection()), job.status(),
                job.spec(), stored.settings(), job.epoch(), stored.fitsTotal(), job.cancelRequested(),
                job.errorMessage(), job.createdAt(), job.startedAt(), job.finishedAt(), stored.result());
    }
}
