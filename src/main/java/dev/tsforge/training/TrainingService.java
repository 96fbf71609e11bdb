package dev.tsforge.training;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.series.GapFilling;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.series.PointStats;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesEvents;
import dev.tsforge.series.SeriesService;
import dev.tsforge.statistics.Theta;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts training requests into the shared, bounded queue (JobRunr, in the same database, so that any replica
 * may run them), and cancels them.
 *
 * <p>The bound holds across replicas: the count of active jobs and the insert of a new one happen in one short
 * READ COMMITTED transaction that first locks the one row of {@code training_queue_lock} ({@code SELECT ... FOR
 * UPDATE}, V4). A count without the lock races (two submissions both see room and both insert), and so does a single
 * {@code INSERT ... SELECT ... WHERE (SELECT count(*) ...) < cap}, whose count sees neither's uncommitted row. A
 * locked row is plain SQL that H2 and PostgreSQL both honour, where advisory locks would need a second, H2-only
 * path. READ COMMITTED is asked for, not assumed: each statement then reads what the previous lock holder committed,
 * where under REPEATABLE READ the count would read the snapshot taken before the wait for the lock. The lock is
 * held for three short statements, so submissions wait milliseconds for each other (H2 gives up after its lock
 * timeout, 2 s by default). JobRunr is told outside the transaction, once the row is committed; if that fails, the
 * row is deleted again and the error passed on.
 */
@Service
public class TrainingService {

    /** Seconds a client is told to wait when the queue is full: about one short training. */
    static final int RETRY_AFTER_SECONDS = 30;

    private final TrainingJobRepository jobs;
    private final BacktestJobRepository backtests;
    private final SeriesService series;
    private final JobRequestScheduler scheduler;
    private final TsforgeProperties properties;
    private final Clock clock;
    private final TransactionTemplate admission;

    TrainingService(TrainingJobRepository jobs, BacktestJobRepository backtests, SeriesService series, JobRequestScheduler scheduler,
            TsforgeProperties properties, Clock clock, PlatformTransactionManager transactions) {
        this.jobs = jobs;
        this.backtests = backtests;
        this.series = series;
        this.scheduler = scheduler;
        this.properties = properties;
        this.clock = clock;
        this.admission = new TransactionTemplate(transactions);
        this.admission.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    /**
     * Queues a training of the series. Refuses at once what cannot work: an unknown series (404), one with too
     * few points for the holdout and the windows (422), a full queue (503).
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
        // the smallest network's needs decide whether the series is long enough; Theta needs less
        ModelSpec template = AutoSearch.candidates(target.seasonalPeriod(), horizon, points, points, seed, gapPolicy)
                .stream().filter(NetworkSpec.class::isInstance).findFirst().orElseThrow();
        // the holdout, the validation part and Theta's few values before it: no network may fit, Theta always does
        int required = Math.max(template.minimumPoints(), 2 * horizon + Theta.MIN_HISTORY);
        return enqueueNew(seriesId, template, null, budgetSeconds, required, "a " + horizon + "-point holdout, a "
                + horizon + "-point validation part before it, and the smallest candidate's " + template.lookback()
                + "-point window and " + ModelSpec.MIN_WINDOWS + " windows");
    }

    private TrainingJob submit(long seriesId, ModelSpec spec, Long parentModelId, Integer autoBudgetSeconds) {
        return enqueueNew(seriesId, spec, parentModelId, autoBudgetSeconds, spec.minimumPoints(), "a " + spec.horizon()
                + "-point holdout, lookback " + spec.lookback() + ", " + spec.outputSteps()
                + " output step(s) and " + ModelSpec.MIN_WINDOWS + " windows");
    }

    private TrainingJob enqueueNew(long seriesId, ModelSpec spec, Long parentModelId, Integer autoBudgetSeconds,
            int required, String needs) {
        long jobId = admit(seriesId, spec, required, needs,
                () -> jobs.insert(seriesId, spec, parentModelId, autoBudgetSeconds, clock.instant()));
        enqueue(jobId);
        return get(jobId);
    }

    /**
     * Queues a backtest that trains {@code spec} anew on the history before each fold's origin. Refuses at once an
     * unknown series (404), too few points for the first fold's training and the folds (422), a full queue (503).
     */
    public BacktestJob submitBacktest(long seriesId, ModelSpec spec, BacktestSettings settings) {
        int required = settings.requiredPoints(spec.minimumPoints() - spec.horizon());
        long jobId = admit(seriesId, spec, required, "lookback " + spec.lookback() + ", " + spec.outputSteps()
                + " output step(s) and " + ModelSpec.MIN_WINDOWS + " windows before the first of " + settings.folds() + " folds of "
                + settings.horizon() + " steps, " + settings.step() + " apart",
                () -> backtests.insert(seriesId, spec, settings, clock.instant()));
        enqueue(jobId);
        return backtestJob(jobId);
    }

    public BacktestJob backtestJob(long jobId) {
        return backtests.find(jobId).orElseThrow(() -> ApiProblemException.notFound("backtest job", jobId));
    }

    /** Cancels a backtest job like a training (see {@link #cancel}). */
    public BacktestJob cancelBacktest(long jobId) {
        backtestJob(jobId);
        cancel(jobId, JobKind.BACKTEST);
        return backtestJob(jobId);
    }

    /**
     * Checks the request and inserts its job with {@code insert} if the queue has room, in this order as clients
     * see it: limits (400), unknown series (404), too few points (422), full queue (503), gaps under REJECT (422).
     * The last two and the insert run under the queue's lock (see the class comment); the rest reads only the
     * series, before it.
     *
     * @return the new job's id
     */
    private long admit(long seriesId, ModelSpec spec, int required, String needs, LongSupplier insert) {
        TsforgeProperties.Limits limits = properties.limits();
        if (spec.epochs() > limits.maxEpochs()) {
            throw ApiProblemException.invalidField("epochs", "at most " + limits.maxEpochs()
                    + " (tsforge.limits.max-epochs)");
        }
        int units = spec instanceof NetworkSpec network ? network.recurrentUnits() : 0;
        if (units > limits.maxHiddenUnits()) {
            throw ApiProblemException.invalidField("hiddenSizes", units + " recurrent units in all; at most "
                    + limits.maxHiddenUnits() + " (tsforge.limits.max-hidden-units)");
        }
        Series target = series.get(seriesId);
        PointStats stats = series.stats(seriesId);
        if (stats.count() < required) {
            throw new ApiProblemException(ProblemType.SERIES_TOO_SHORT, "The series has " + stats.count()
                    + " points; this needs at least " + required + ": " + needs,
                    Map.of("pointCount", stats.count(), "requiredPoints", required));
        }
        int capacity = properties.training().concurrency() + properties.training().queueCapacity();
        long missing = GapFilling.missing(stats, target.frequency());
        return admission.execute(transaction -> {
            jobs.lockQueue();
            if (jobs.countActive() >= capacity) {
                throw queueFull(capacity);
            }
            if (spec.gapPolicy() == GapPolicy.REJECT && missing > 0) {
                throw new ApiProblemException(ProblemType.SERIES_HAS_GAPS, "The series misses " + missing
                        + " grid point(s) and gapPolicy is REJECT; fill them, or train with SPLIT, LINEAR, "
                        + "FORWARD_FILL or MASK", Map.of("missingPoints", missing));
            }
            return insert.getAsLong();
        });
    }

    private static ApiProblemException queueFull(int capacity) {
        ApiProblemException problem = new ApiProblemException(ProblemType.QUEUE_FULL, "The training queue is "
                + "full (" + capacity + " jobs queued or running); retry in " + RETRY_AFTER_SECONDS + " seconds.",
                Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS, "capacity", capacity));
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        return problem;
    }

    private void enqueue(long jobId) {
        try {
            TrainingJobRequest request = new TrainingJobRequest(jobId);
            scheduler.enqueue(request.jobRunrId(), request);
        } catch (RuntimeException e) {
            jobs.delete(jobId);
            throw e;
        }
    }

    public TrainingJob get(long jobId) {
        return jobs.find(jobId).filter(job -> job.kind() == JobKind.TRAINING)
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
        get(jobId);
        cancel(jobId, JobKind.TRAINING);
        return get(jobId);
    }

    private void cancel(long jobId, JobKind kind) {
        TrainingJob job = jobs.find(jobId).orElseThrow();
        if (job.status() == JobStatus.QUEUED && jobs.cancelQueued(jobId, clock.instant())) {
            // the runner would skip it anyway; deleting it keeps JobRunr's queue short
            scheduler.delete(new TrainingJobRequest(jobId).jobRunrId(), "cancelled");
            return;
        }
        if (jobs.requestCancel(jobId)) {
            return;
        }
        JobStatus now = jobs.find(jobId).orElseThrow().status();
        String what = kind == JobKind.TRAINING ? "Training job " : "Backtest job ";
        throw new ApiProblemException(ProblemType.ILLEGAL_STATE, what + jobId + " is already " + now
                + "; only QUEUED or RUNNING jobs can be cancelled.", Map.of("status", now.name()));
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
