package dev.tsforge.training;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.logging.LogContext;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.series.GapFilling;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.series.PointStats;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.JobNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shared, bounded training queue (JobRunr, in the same database, so that any replica may run its jobs): admits
 * jobs of every kind into it, finds and cancels them. Trainings come through {@link TrainingService}; another
 * feature whose work runs on the queue (backtests) submits its jobs here and does the work through {@link JobWork}.
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
 *
 * <p>What the bound counts is requests: a job asked for on its own, or a whole collection run
 * ({@link CollectionRunService}), whose insert of one child per member runs under the same lock and so holds it a
 * little longer for a big collection. The children themselves are bounded by {@link ChildDispatcher}, which uses the
 * same lock.
 */
@Service
public class TrainingQueue {

    private static final Logger log = LoggerFactory.getLogger(TrainingQueue.class);

    /** Seconds a client is told to wait when the queue is full: about one short training. */
    static final int RETRY_AFTER_SECONDS = 30;

    private final TrainingJobRepository jobs;
    private final TrainingQueueRepository rows;
    private final SeriesService series;
    private final JobRequestScheduler scheduler;
    private final TsforgeProperties properties;
    private final Clock clock;
    private final TransactionTemplate admission;
    private final TrainingMetrics metrics;

    TrainingQueue(TrainingJobRepository jobs, TrainingQueueRepository rows, SeriesService series,
            JobRequestScheduler scheduler, TsforgeProperties properties, Clock clock,
            PlatformTransactionManager transactions, TrainingMetrics metrics) {
        this.jobs = jobs;
        this.rows = rows;
        this.series = series;
        this.scheduler = scheduler;
        this.properties = properties;
        this.clock = clock;
        this.admission = new TransactionTemplate(transactions);
        this.admission.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.metrics = metrics;
    }

    /**
     * Admits a job (see {@link #admit}) and hands it to JobRunr.
     *
     * @param required how many points the series needs; {@code needs} says what for, in the 422's detail
     * @param insert   inserts the job's row, QUEUED and of its kind, and returns its id; runs under the queue's lock
     * @return the new job's id
     */
    public long submit(long seriesId, ModelSpec spec, int required, String needs, LongSupplier insert) {
        return submit(seriesId, spec, new Requirement(required, needs), insert);
    }

    long submit(long seriesId, ModelSpec spec, Requirement required, LongSupplier insert) {
        return queued(admit(seriesId, spec, required, insert), "series " + seriesId, spec);
    }

    /**
     * Admits a job that works across many series (a collection's global model, a panel backtest): the limits (400)
     * and the queue's room (503), as for one series; its caller has checked the members.
     *
     * @param subject what it trains on, for the log
     * @return the new job's id
     */
    public long submitGlobal(String subject, ModelSpec spec, LongSupplier insert) {
        checkLimits(spec);
        return queued(admitted(insert), subject, spec);
    }

    /** Hands an admitted job to JobRunr. */
    private long queued(long jobId, String subject, ModelSpec spec) {
        LogContext.job(jobId);
        enqueue(jobId);
        log.info("Job {} queued for {} ({})", jobId, subject, spec.architectureName());
        return jobId;
    }

    /**
     * Ends a RUNNING job's work as cancelled when a cancel was asked for: for work that runs long between epochs
     * (many fits, or fits without epochs), whose listener alone would hear of the cancel late.
     */
    public void stopIfCancelled(long jobId) {
        if (jobs.cancelRequested(jobId)) {
            throw new JobCancelledException("cancelled by request");
        }
    }

    /** A job of the given kind; empty when there is none with this id, or it is of another kind. */
    public Optional<TrainingJob> find(long jobId, JobKind kind) {
        return jobs.find(jobId).filter(job -> job.kind() == kind);
    }

    /**
     * Checks the request and inserts its job with {@code insert} if the queue has room, in this order as clients
     * see it: limits (400), unknown series (404), too few points (422), full queue (503), gaps under REJECT (422).
     * The last two and the insert run under the queue's lock (see the class comment); the rest reads only the
     * series, before it.
     *
     * @return the new job's id
     */
    private long admit(long seriesId, ModelSpec spec, Requirement required, LongSupplier insert) {
        checkLimits(spec);
        Series target = series.get(seriesId);
        PointStats stats = series.stats(seriesId);
        if (!required.metBy(stats.count())) {
            throw required.tooShort(stats.count());
        }
        long missing = GapFilling.missing(stats, target.frequency());
        return admitted(() -> {
            if (spec.gapPolicy() == GapPolicy.REJECT && missing > 0) {
                throw gaps(missing);
            }
            return insert.getAsLong();
        });
    }

    /**
     * Runs {@code insert} under the queue's lock if the queue has room for one more request (a job asked for on its
     * own, or a whole collection run: see {@link TrainingQueueRepository#countActive}), else answers 503.
     */
    long admitted(LongSupplier insert) {
        int capacity = properties.training().concurrency() + properties.training().queueCapacity();
        return admission.execute(transaction -> {
            rows.lock();
            if (rows.countActive() >= capacity) {
                throw queueFull(capacity);
            }
            return insert.getAsLong();
        });
    }

    /** Runs {@code work} in a short READ COMMITTED transaction under the queue's lock (see the class comment). */
    <T> T locked(Supplier<T> work) {
        return admission.execute(transaction -> {
            rows.lock();
            return work.get();
        });
    }

    static ApiProblemException gaps(long missing) {
        return new ApiProblemException(ProblemType.SERIES_HAS_GAPS, "The series misses " + missing
                + " grid point(s) and gapPolicy is REJECT; fill them, or train with SPLIT, LINEAR, "
                + "FORWARD_FILL or MASK", Map.of("missingPoints", missing));
    }

    /** The spec's size within the configured limits (400 naming the field otherwise). */
    void checkLimits(ModelSpec spec) {
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
            handToJobRunr(jobId);
        } catch (RuntimeException e) {
            jobs.delete(jobId);
            throw e;
        }
    }

    /** Gives a QUEUED job to JobRunr; its id is derived, so a second time is skipped by JobRunr ("already exists"). */
    void handToJobRunr(long jobId) {
        TrainingJobRequest request = new TrainingJobRequest(jobId);
        scheduler.enqueue(request.jobRunrId(), request);
    }

    /**
     * Has JobRunr run a QUEUED job again at {@code at}, as a new JobRunr job: the current run ends without holding its
     * worker. The id is derived from the time, so the same request twice is one JobRunr job.
     */
    void runAgainAt(long jobId, Instant at) {
        TrainingJobRequest request = new TrainingJobRequest(jobId);
        UUID id = UUID.nameUUIDFromBytes(("tsforge-training-job-" + jobId + "-at-" + at.toEpochMilli())
                .getBytes(StandardCharsets.UTF_8));
        scheduler.schedule(id, at, request);
    }

    /**
     * Cancels a QUEUED job at once, or asks a RUNNING one to stop at the end of its current epoch.
     *
     * @return false when the job had already finished
     */
    boolean tryCancel(TrainingJob job) {
        long jobId = job.id();
        if (job.status() == JobStatus.QUEUED && jobs.cancelQueued(jobId, clock.instant())) {
            // the runner would skip it anyway; deleting it keeps JobRunr's queue short
            try {
                scheduler.delete(new TrainingJobRequest(jobId).jobRunrId(), "cancelled");
            } catch (JobNotFoundException neverDispatched) {
                // a collection run's child still waiting for its turn (ChildDispatcher) is not in JobRunr yet
            }
            metrics.event(job, TrainingMetrics.Event.CANCELLED);
            return true;
        }
        return jobs.requestCancel(jobId);
    }

    /**
     * Cancels a queued job at once, or asks a running one to stop at the end of its current epoch.
     *
     * @throws ApiProblemException 404 when there is no such job of this kind, 409 when it has already finished
     */
    public void cancel(long jobId, JobKind kind) {
        String what = kind == JobKind.TRAINING ? "Training job" : "Backtest job";
        TrainingJob job = find(jobId, kind)
                .orElseThrow(() -> ApiProblemException.notFound(what.toLowerCase(Locale.ROOT), jobId));
        if (tryCancel(job)) {
            return;
        }
        JobStatus now = jobs.find(jobId).orElseThrow().status();
        throw new ApiProblemException(ProblemType.ILLEGAL_STATE, what + " " + jobId + " is already " + now
                + "; only QUEUED or RUNNING jobs can be cancelled.", Map.of("status", now.name()));
    }
}
