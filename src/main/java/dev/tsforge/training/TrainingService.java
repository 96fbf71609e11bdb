package dev.tsforge.training;

import dev.tsforge.model.InvalidSpecException;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.series.Frequency;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesEvents;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Accepts training requests into the shared training queue ({@link TrainingQueue}), reads them back, and cancels
 * them.
 */
@Service
public class TrainingService {

    private final TrainingJobRepository jobs;
    private final TrainingQueue queue;
    private final SeriesService series;
    private final TrainingCovariates covariateSeries;
    private final Clock clock;

    TrainingService(TrainingJobRepository jobs, TrainingQueue queue, SeriesService series,
            TrainingCovariates covariateSeries, Clock clock) {
        this.jobs = jobs;
        this.queue = queue;
        this.series = series;
        this.covariateSeries = covariateSeries;
        this.clock = clock;
    }

    /**
     * Queues a training of the series. Refuses at once what cannot work: an unknown series (404), one with too
     * few points for the holdout and the windows (422), a full queue (503); see {@link TrainingQueue#submit}.
     */
    public TrainingJob submit(long seriesId, ModelSpec spec) {
        return submit(seriesId, spec, null);
    }

    /**
     * Queues a training that continues from a model of the same series (warm start); the spec must describe the
     * parent's network (see {@code TrainingRequest}).
     *
     * @param parentModelId the model to continue from, or null to start from scratch
     */
    public TrainingJob submit(long seriesId, ModelSpec spec, Long parentModelId) {
        return submit(seriesId, spec, parentModelId, null);
    }

    /**
     * Queues an AUTO training: a search within {@code budgetSeconds} over the candidates of {@link AutoSearch},
     * for the template's horizon, seed and gap policy; the winner is registered like any model.
     */
    public TrainingJob submitAuto(long seriesId, int horizon, long seed, GapPolicy gapPolicy, int budgetSeconds) {
        Series target = series.get(seriesId);
        int points = (int) series.stats(seriesId).count();
        // the job holds the first network candidate until the search has a winner
        ModelSpec template = AutoSearch.networks(target.seasonalPeriod(), horizon, points, seed, gapPolicy).get(0);
        return enqueueNew(seriesId, template, null, budgetSeconds, Requirement.auto(horizon));
    }

    private TrainingJob submit(long seriesId, ModelSpec spec, Long parentModelId, Integer autoBudgetSeconds) {
        if (spec instanceof NetworkSpec network && !network.covariates().isEmpty()) {
            refuseLabels(network);
            checkCovariates(network, series.get(seriesId).frequency());
            if (!network.covariates().series().isEmpty()) {
                spec = covariateSeries.resolved(seriesId, network);
            }
        }
        return enqueueNew(seriesId, spec, parentModelId, autoBudgetSeconds, Requirement.of(spec));
    }

    /**
     * Labels are what tells one member of a global model's collection from another; one series' model has one of
     * each, which would be a constant input.
     *
     * @throws ApiProblemException 400 when {@code network} names labels
     */
    static void refuseLabels(NetworkSpec network) {
        if (!network.covariates().labels().isEmpty()) {
            throw ApiProblemException.invalidField("covariates.labels", "labels are inputs of a global model (POST "
                    + "/api/v1/collections/{name}/trainings), which tell its members apart; a model of one series "
                    + "would read the same value everywhere");
        }
    }

    /** @throws ApiProblemException 400 naming the field when the covariates would not vary along {@code grid} */
    static void checkCovariates(NetworkSpec network, Frequency grid) {
        try {
            network.covariates().checkGrid(grid);
        } catch (InvalidSpecException e) {
            throw ApiProblemException.invalidField(e.field(), e.getMessage());
        }
    }

    private TrainingJob enqueueNew(long seriesId, ModelSpec spec, Long parentModelId, Integer autoBudgetSeconds,
            Requirement required) {
        long jobId = queue.submit(seriesId, spec, required,
                () -> jobs.insert(seriesId, spec, parentModelId, autoBudgetSeconds, clock.instant()));
        return get(jobId);
    }

    public TrainingJob get(long jobId) {
        return queue.find(jobId, JobKind.TRAINING)
                .orElseThrow(() -> ApiProblemException.notFound("training job", jobId));
    }

    public List<TrainingJob> ofSeries(long seriesId) {
        series.get(seriesId);
        return jobs.ofSeries(seriesId);
    }

    public List<EpochLoss> losses(long jobId) {
        get(jobId);
        return jobs.losses(jobId);
    }

    /**
     * Cancels a queued job at once, or asks a running one to stop at the end of its current epoch.
     *
     * @throws ApiProblemException 409 when the job has already finished
     */
    public TrainingJob cancel(long jobId) {
        queue.cancel(jobId, JobKind.TRAINING);
        return get(jobId);
    }

    /** A series cannot be deleted under a queued or running training (it would fail half-way). */
    @EventListener
    void vetoDeletionWhileTraining(SeriesEvents.DeletionRequested event) {
        if (jobs.hasActive(event.seriesId())) {
            throw new ApiProblemException(ProblemType.TRAINING_IN_PROGRESS, "Series " + event.seriesId()
                    + " has a queued or running training job; cancel it or wait for it before deleting the series.",
                    Map.of("seriesId", event.seriesId()));
        }
    }
}
