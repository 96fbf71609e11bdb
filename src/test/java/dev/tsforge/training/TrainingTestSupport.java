package dev.tsforge.training;

import java.util.function.Predicate;

/** Waiting on jobs, for tests in other packages. */
public final class TrainingTestSupport {

    private TrainingTestSupport() {
    }

    public static TrainingJob await(TrainingService training, long jobId, Predicate<TrainingJob> condition)
            throws InterruptedException {
        return TrainingShutdownTests.await(training, jobId, condition);
    }
}
