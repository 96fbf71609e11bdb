package dev.tsforge.backtest;

import dev.tsforge.evaluation.Backtest;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.training.TrainingCovariates;
import dev.tsforge.training.JobKind;
import dev.tsforge.training.TrainingJob;
import dev.tsforge.training.TrainingQueue;
import dev.tsforge.web.ApiProblemException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Refitting backtests as jobs on the training queue: submits them, reads them back, cancels them. The queue admits
 * and cancels them as it does trainings; {@link BacktestJobRunner} does their work.
 */
@Service
public class BacktestJobService {

    private final TrainingQueue queue;
    private final BacktestJobRepository backtests;
    private final Clock clock;
    private final TrainingCovariates covariates;

    BacktestJobService(TrainingQueue queue, BacktestJobRepository backtests, Clock clock,
            TrainingCovariates covariates) {
        this.covariates = covariates;
        this.queue = queue;
        this.backtests = backtests;
        this.clock = clock;
    }

    /**
     * Queues a backtest that trains {@code spec} anew on the history before each fold's origin. Refuses at once an
     * unknown series (404), too few points for the first fold's training and the folds (422), a full queue (503).
     */
    public BacktestJob submit(long seriesId, ModelSpec requested, BacktestSettings settings) {
        // covariate series as a training takes them: kinds looked up, values checked
        ModelSpec spec = requested instanceof NetworkSpec network && !network.covariates().series().isEmpty()
                ? covariates.resolved(seriesId, network) : requested;
        // each fold holds out the spec's horizon from its history, as training does
        int required = settings.requiredPoints(spec.minimumPoints());
        long jobId = queue.submit(seriesId, spec, required, "lookback " + spec.lookback() + ", " + spec.outputSteps()
                + " output step(s) and " + ModelSpec.MIN_WINDOWS + " windows before the first of " + settings.folds()
                + " folds of " + settings.horizon() + " steps, " + settings.step() + " apart",
                () -> backtests.insert(seriesId, spec, settings, clock.instant()));
        return job(jobId);
    }

    public BacktestJob job(long jobId) {
        return find(jobId).orElseThrow(() -> ApiProblemException.notFound("backtest job", jobId));
    }

    /** Cancels a backtest job like a training (see {@link TrainingQueue#cancel}). */
    public BacktestJob cancel(long jobId) {
        queue.cancel(jobId, JobKind.BACKTEST);
        return job(jobId);
    }

    private Optional<BacktestJob> find(long jobId) {
        return queue.find(jobId, JobKind.BACKTEST).map(job -> {
            BacktestJobRepository.Stored stored = backtests.stored(jobId);
            return of(job, stored.settings(), stored.result());
        });
    }

    private static BacktestJob of(TrainingJob job, BacktestSettings settings, Backtest result) {
        return new BacktestJob(job.id(), job.seriesId(), job.status(), job.spec(), settings, job.epoch(),
                job.cancelRequested(), job.errorMessage(), job.runnerInstance(), job.createdAt(), job.startedAt(),
                job.finishedAt(), result, job.waitingFor());
    }
}
