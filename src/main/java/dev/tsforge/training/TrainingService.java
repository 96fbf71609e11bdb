package dev.tsforge.training;

import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SpecOptions.GapPolicy;
import dev.tsforge.series.GapFilling;
import dev.tsforge.series.PointStats;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesEvents;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import dev.tsforge.config.TsforgeProperties;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;

/**
 * Accepts training requests into the shared, bounded queue (JobRunr, in the same database, so that any replica
 * may run them), and cancels them.
 */
@Service
public class TrainingService {

    /** Seconds a client is told to wait when the queue is full: about one short training. */
    static final int RETRY_AFTER_SECONDS = 30;

    private final TrainingJobRepository jobs;
    private final SeriesService series;
    private final JobRequestScheduler scheduler;
    private final TsforgeProperties properties;
    private final Clock clock;

    TrainingService(TrainingJobRepository jobs, SeriesService series, JobRequestScheduler scheduler,
            TsforgeProperties properties, Clock clock) {
        this.jobs = jobs;
        this.series = series;
        this.scheduler = scheduler;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Queues a training of the series. Refuses at once what cannot work: an unknown series (404), one with too
     * few points for the holdout and the windows (422), a full queue (503).
     */
    public TrainingJob submit(long seriesId, NetworkSpec spec) {
        return submit(seriesId, spec, null);
    }

    /**
     * Queues a training that continues from a model of the same series (warm start); the spec must describe the
     * parent's network (see {@code TrainingRequest}).
     *
     * @param parentModelId the model to continue from, or null to start from scratch
     */
    public TrainingJob submit(long seriesId, NetworkSpec spec, Long parentModelId) {
        return submit(seriesId, spec, parentModelId, null);
    }

    /**
     * Queues an AUTO training: a search within {@code budgetSeconds} over the candidates of {@link AutoSearch},
     * for the template's horizon, seed and gap policy; the winner is registered like any model.
     */
    public TrainingJob submitAuto(long seriesId, int horizon, long seed, GapPolicy gapPolicy, int budgetSeconds) {
        Series target = series.get(seriesId);
        NetworkSpec template = AutoSearch.candidates(target.seasonalPeriod(), horizon,
                (int) series.stats(seriesId).count(), seed, gapPolicy).get(0);
        return submit(seriesId, template, null, budgetSeconds);
    }

    private TrainingJob submit(long seriesId, NetworkSpec spec, Long parentModelId, Integer autoBudgetSeconds) {
        series.get(seriesId);
        PointStats stats = series.stats(seriesId);
        int required = spec.minimumPoints();
        if (stats.count() < required) {
            throw new ApiProblemException(ProblemType.SERIES_TOO_SHORT, "The series has " + stats.count()
                    + " points; this spec needs at least " + required + ": a " + spec.horizon() + "-point holdout, "
                    + "lookback " + spec.lookback() + ", " + spec.outputSteps() + " output step(s) and 8 windows",
                    Map.of("pointCount", stats.count(), "requiredPoints", required));
        }
        int capacity = properties.training().concurrency() + properties.training().queueCapacity();
        if (jobs.countActive() >= capacity) {
            ApiProblemException problem = new ApiProblemException(ProblemType.QUEUE_FULL, "The training queue is "
                    + "full (" + capacity + " jobs queued or running); retry in " + RETRY_AFTER_SECONDS + " seconds.",
                    Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS, "capacity", capacity));
            problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
            throw problem;
        }
        long missing = GapFilling.missing(stats, series.get(seriesId).frequency());
        if (spec.gapPolicy() == GapPolicy.REJECT && missing > 0) {
            throw new ApiProblemException(ProblemType.SERIES_HAS_GAPS, "The series misses " + missing
                    + " grid point(s) and gapPolicy is REJECT; fill them, or train with SPLIT, LINEAR or FORWARD_FILL",
                    Map.of("missingPoints", missing));
        }
        long jobId = jobs.insert(seriesId, spec, parentModelId, autoBudgetSeconds, clock.instant());
        try {
            TrainingJobRequest request = new TrainingJobRequest(jobId);
            scheduler.enqueue(request.jobRunrId(), request);
        } catch (RuntimeException e) {
            jobs.delete(jobId);
            throw e;
        }
        return get(jobId);
    }

    public TrainingJob get(long jobId) {
        return jobs.find(jobId).orElseThrow(() -> ApiProblemException.notFound("training job", jobId));
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
        TrainingJob job = get(jobId);
        if (job.status() == JobStatus.QUEUED && jobs.cancelQueued(jobId, clock.instant())) {
            // the runner would skip it anyway; deleting it keeps JobRunr's queue short
            scheduler.delete(new TrainingJobRequest(jobId).jobRunrId(), "cancelled");
            return get(jobId);
        }
        if (jobs.requestCancel(jobId)) {
            return get(jobId);
        }
        TrainingJob now = get(jobId);
        throw new ApiProblemException(ProblemType.ILLEGAL_STATE, "Training job " + jobId + " is already "
                + now.status() + "; only QUEUED or RUNNING jobs can be cancelled.",
                Map.of("status", now.status().name()));
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
