package dev.tsforge.training;

import dev.tsforge.covariate.CovariateProblems;
import dev.tsforge.covariate.CovariateService;
import dev.tsforge.covariate.CovariateVisibility;
import dev.tsforge.model.CovariateKind;
import dev.tsforge.model.CovariateValues;
import dev.tsforge.model.MissingCovariatesException;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SeriesCovariate;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.series.Point;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

    /**
     * What a member of a collection run trains when {@code network} names covariate series: the network with their
     * kinds as that member reads them, or why it cannot train.
     *
     * @param failure null, or the covariate the member lacks (neither its own nor its collection's)
     */
    record ForMember(NetworkSpec spec, String failure) {
    }

    /**
     * {@code network} resolved for each of {@code members} of a collection, as a single-series training of each would
     * resolve it (its own covariate of a name, else the collection's), by series id; a member that lacks one gets the
     * reason instead. One query for all members, however many.
     *
     * @throws ApiProblemException 400 naming a covariate that neither the collection nor any of {@code members} has,
     *                             or a past-only one a member would read in a RECURSIVE spec
     */
    Map<Long, ForMember> resolvedForMembers(long collectionId, String collectionName, List<Series> members,
            NetworkSpec network) {
        List<String> names = names(network);
        CovariateVisibility visibility = covariates.visibleIn(collectionId);
        Map<String, Map<Long, CovariateKind>> kinds = visibility.kinds(members.stream().map(Series::id).toList(),
                names);
        List<String> absent = names.stream().filter(name -> kinds.get(name).isEmpty()).toList();
        if (!absent.isEmpty()) {
            throw noneDeclared(collectionName, absent);
        }
        checkStrategy(names.stream().filter(name -> kinds.get(name).containsValue(CovariateKind.PAST_ONLY))
                .map(name -> new SeriesCovariate(name, CovariateKind.PAST_ONLY)).toList(), network);
        Map<Long, ForMember> byMember = new LinkedHashMap<>();
        for (Series member : members) {
            List<SeriesCovariate> resolved = new ArrayList<>();
            List<String> lacking = new ArrayList<>();
            for (String name : names) {
                CovariateKind kind = visibility.kind(member.id(), name);
                if (kind == null) {
                    lacking.add(name);
                } else {
                    resolved.add(new SeriesCovariate(name, kind));
                }
            }
            byMember.put(member.id(), lacking.isEmpty()
                    ? new ForMember(network.withCovariates(network.covariates().withSeries(resolved)), null)
                    : new ForMember(network, "series " + member.id() + " has no covariate " + quoted(lacking)
                            + ", nor its collection " + collectionName + ": declare the series' own (PUT "
                            + "/api/v1/series/" + member.id() + "/covariates/{name}) or the collection's"));
        }
        return byMember;
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

    /** 400 naming the covariates {@code absent} that no member of the collection reads, nor the collection. */
    static ApiProblemException noneDeclared(String collectionName, List<String> absent) {
        return ApiProblemException.invalidField("covariates.series", "no member of collection " + collectionName
                + " has covariate(s) " + absent + ", nor the collection: declare them (PUT /api/v1/collections/"
                + collectionName + "/covariates/{name}, or a member's own)");
    }

    private static String quoted(List<String> names) {
        return names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
    }

    static List<String> names(NetworkSpec network) {
        return network.covariates().series().stream().map(SeriesCovariate::name).toList();
    }
}
