package dev.tsforge.training;

import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.NetworkTrainer;
import dev.tsforge.series.PointStats;
import dev.tsforge.series.SeriesEvents;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;

/** Accepts training requests and hands them to the bounded training executor. */
@Service
public class TrainingService {

    /** Seconds a client is told to wait when the queue is full: about one short training. */
    static final int RETRY_AFTER_SECONDS = 30;

    private final TrainingJobRepository jobs;
    private final SeriesService series;
    private final TrainingRunner runner;
    private final TaskExecutor trainingExecutor;
    private final Clock clock;

    TrainingService(TrainingJobRepository jobs, SeriesService series, TrainingRunner runner,
            TaskExecutor trainingExecutor, Clock clock) {
        this.jobs = jobs;
        this.series = series;
        this.runner = runner;
        this.trainingExecutor = trainingExecutor;
        this.clock = clock;
    }

    /**
     * Queues a training of the series. Refuses at once what cannot work: an unknown series (404), one with too
     * few points for the lookback (422), a full queue (503).
     */
    public TrainingJob submit(long seriesId, NetworkSpec spec) {
        series.get(seriesId);
        PointStats stats = series.stats(seriesId);
        long required = (long) spec.lookback() + NetworkTrainer.MIN_WINDOWS;
        if (stats.count() < required) {
            throw new ApiProblemException(ProblemType.SERIES_TOO_SHORT, "The series has " + stats.count()
                    + " points; lookback " + spec.lookback() + " needs at least " + required + " (lookback + "
                    + NetworkTrainer.MIN_WINDOWS + " training windows)",
                    Map.of("pointCount", stats.count(), "requiredPoints", required));
        }
        long jobId = jobs.insert(seriesId, spec, clock.instant());
        try {
            trainingExecutor.execute(() -> runner.run(jobId));
        } catch (TaskRejectedException full) {
            jobs.delete(jobId);
            ApiProblemException problem = new ApiProblemException(ProblemType.QUEUE_FULL,
                    "The training queue is full; retry in " + RETRY_AFTER_SECONDS + " seconds.",
                    Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS));
            problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
            throw problem;
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

    /** A series cannot be deleted under a queued or running training (it would fail half-way). */
    @EventListener
    void vetoDeletionWhileTraining(SeriesEvents.DeletionRequested event) {
        if (jobs.hasActive(event.seriesId())) {
            throw new ApiProblemException(ProblemType.TRAINING_IN_PROGRESS, "Series " + event.seriesId()
                    + " has a queued or running training job; wait for it to finish before deleting the series.",
                    Map.of("seriesId", event.seriesId()));
        }
    }
}
