package dev.tsforge.training;

import dev.tsforge.covariate.CovariateProblems;
import dev.tsforge.covariate.CovariateService;
import dev.tsforge.model.CovariateKind;
import dev.tsforge.model.CovariateValues;
import dev.tsforge.model.MissingCovariatesException;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SeriesCovariate;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.series.Point;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The stored covariate series a training reads: their kinds looked up and checked when the job is submitted, and
 * their values over the training data when it runs.
 */
@Component
public class TrainingCovariates {

    private final CovariateService covariates;
    private final SeriesService series;

    TrainingCovariates(CovariateService covariates, SeriesService series) {
        this.covariates = covariates;
        this.series = series;
    }

    /**
     * {@code network} with the kinds of the covariate series it names.
     *
     * @throws ApiProblemException 400 naming a covariate the series (and its collection) lacks, or a past-only one
     *                             in a RECURSIVE spec; 422 naming the first points of the series a covariate has no
     *                             value at
     */
    public NetworkSpec resolved(long seriesId, NetworkSpec network) {
        List<String> names = names(network);
        List<SeriesCovariate> resolved = covariates.resolve(seriesId, names);
        checkStrategy(resolved, network);
        List<Instant> timestamps = series.points(seriesId, null, null).stream().map(Point::timestamp).toList();
        if (!timestamps.isEmpty()) {
            try {
                covariates.requireAt(covariates.values(seriesId, names, timestamps.get(0),
                        timestamps.get(timestamps.size() - 1)), names, timestamps,
                        "every point of series " + seriesId + " needs the covariates' values at its time");
            } catch (MissingCovariatesException e) {
                throw CovariateProblems.missing(e);
            }
        }
        return network.withCovariates(network.covariates().withSeries(resolved));
    }

    /** @throws ApiProblemException 400 naming the past-only covariates of a RECURSIVE spec */
    static void checkStrategy(List<SeriesCovariate> resolved, NetworkSpec network) {
        List<String> pastOnly = resolved.stream().filter(c -> c.kind() == CovariateKind.PAST_ONLY)
                .map(SeriesCovariate::name).toList();
        if (!pastOnly.isEmpty() && network.strategy() == OutputStrategy.RECURSIVE) {
            throw ApiProblemException.invalidField("covariates.series", "past-only covariate(s) " + pastOnly
                    + " have no values beyond the forecast origin, which a RECURSIVE network would read at every "
                    + "step after the first: use strategy DIRECT, or declare them KNOWN_FUTURE if their future "
                    + "values are known");
        }
    }

    /** The values of the covariate series {@code spec} names, over [from, to]; none for a spec without. */
    CovariateValues values(long seriesId, ModelSpec spec, Instant from, Instant to) {
        return covariates.valuesFor(seriesId, spec, from, to);
    }

    static List<String> names(NetworkSpec network) {
        return network.covariates().series().stream().map(SeriesCovariate::name).toList();
    }
}
