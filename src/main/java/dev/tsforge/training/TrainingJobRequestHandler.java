package dev.tsforge.training;

import dev.tsforge.logging.LogContext;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.stereotype.Component;

/**
 * Runs a training job on one of JobRunr's workers, on whichever replica claimed it. JobRunr retries only when a
 * run did not finish: a replica died (its heartbeat stopped) or shut down and handed the job back; a training that
 * fails on its own is recorded as FAILED by the runner and not retried. On a GPU, {@link GpuAdmission} may hold the
 * job back first, until there is memory for it.
 */
@Component
public class TrainingJobRequestHandler implements JobRequestHandler<TrainingJobRequest> {

    /** Enough for a job to survive several rolling restarts. */
    static final int RETRIES = 10;

    private final TrainingRunner runner;
    private final GpuAdmission admission;

    TrainingJobRequestHandler(TrainingRunner runner, GpuAdmission admission) {
        this.runner = runner;
        this.admission = admission;
    }

    @Override
    @Job(name = "Training job %0", retries = RETRIES)
    public void run(TrainingJobRequest request) {
        // JobRunr's workers are pooled: the job's ids on every line of its run, and on no line of the next job's
        try (LogContext.Scope scope = LogContext.open()) {
            LogContext.job(request.trainingJobId());
            admission.run(request.trainingJobId(), () -> runner.run(request.trainingJobId()));
        }
    }
}
