package dev.tsforge.covariate;

import dev.tsforge.model.MissingCovariatesException;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Covariate problems as the API reports them. */
public final class CovariateProblems {

    private CovariateProblems() {
    }

    /**
     * A 422 naming each covariate and its first missing timestamps, in the detail and as {@code missing}:
     * {@code {"temp": ["2024-03-01T00:00:00Z", ...]}}.
     */
    public static ApiProblemException missing(MissingCovariatesException e) {
        Map<String, List<String>> missing = new LinkedHashMap<>();
        e.missing().forEach((name, times) -> missing.put(name, times.stream().map(Instant::toString).toList()));
        return new ApiProblemException(ProblemType.MISSING_COVARIATES, e.getMessage() + ". Store them (POST "
                + ".../covariates/{name}/points) or send them with the request (covariates).",
                Map.of("missing", missing));
    }
}
