package dev.tsforge.training;

import dev.tsforge.logging.LogContext;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(TrainingJobRequestHandler.class);

    private final TrainingRunner runner;
    private final GpuAdmission admission;
    private final ChildDispatcher children;

    TrainingJobRequestHandler(TrainingRunner runner, GpuAdmission admission, ChildDispatcher children) {
        this.runner = runner;
        this.admission = admission;
        this.children = children;
    }

    @Override
    @Job(name = "Training job %0", retries = RETRIES)
    public void run(TrainingJobRequest request) {
        // JobRunr's workers are pooled: the job's ids on every line of its run, and on no line of the next job's
        try (LogContext.Scope scope = LogContext.open()) {
            LogContext.job(request.trainingJobId());
            admission.run(request.trainingJobId(), () -> runner.run(request.trainingJobId()));
            afterRun(request.trainingJobId());
        }
    }

    /** A child's end lets the next one in at once; failing that, the dispatcher's next sweep does it. */
    private void afterRun(long jobId) {
        try {
            children.afterRun(jobId);
        } catch (RuntimeException e) {
            // the job itself is recorded; JobRunr must not run it again for this
            log.warn("Could not dispatch after job {}: {}", jobId, e.getMessage());
        }
    }
}
