package dev.tsforge.training;

import dev.tsforge.evaluation.ValidationOrigins;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.util.Map;

/**
 * How many points a training needs, and what for, in the words of the 422 a request too long for its series gets
 * (and of the error a collection run's child records instead).
 */
record Requirement(int points, String needs) {

    /** A training of one spec: the holdout, the lookback, the output steps and the fewest windows. */
    static Requirement of(ModelSpec spec) {
        return new Requirement(spec.minimumPoints(), "a " + spec.horizon() + "-point holdout, lookback "
                + spec.lookback() + ", " + spec.outputSteps() + " output step(s) and " + ModelSpec.MIN_WINDOWS
                + " windows");
    }

    /** An AUTO search: the holdout, one validation window and the values before it (the statistical candidates). */
    static Requirement auto(int horizon) {
        return new Requirement(horizon + ValidationOrigins.minimumLength(horizon), "a " + horizon + "-point "
                + "holdout, a validation window of at least " + ValidationOrigins.shortestWindow(horizon)
                + " points before it and " + ValidationOrigins.MIN_FIT + " values before that");
    }

    boolean metBy(long pointCount) {
        return pointCount >= points;
    }

    ApiProblemException tooShort(long pointCount) {
        return new ApiProblemException(ProblemType.SERIES_TOO_SHORT, "The series has " + pointCount
                + " points; this needs at least " + points + ": " + needs,
                Map.of("pointCount", pointCount, "requiredPoints", points));
    }
}
