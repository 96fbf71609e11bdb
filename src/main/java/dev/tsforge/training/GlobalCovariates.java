package dev.tsforge.training;

import dev.tsforge.covariate.CovariateService;
import dev.tsforge.model.CovariateKind;
import dev.tsforge.model.CovariateValues;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SeriesCovariate;
import dev.tsforge.model.StaticLabel;
import dev.tsforge.series.CollectionService;
import dev.tsforge.series.Point;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesCollection;
import dev.tsforge.web.ApiProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * The covariate series and static labels a global network reads, member by member: each member reads its own
 * covariate series of a name, else its collection's (as a single series does), and carries its own labels. Checked
 * over all members when the job is submitted; read per member when it runs, where a member without the values is
 * left out with the reason, as a member too short is.
 */
@Component
public class GlobalCovariates {

    private final CovariateService covariates;
    private final CollectionService collections;

    GlobalCovariates(CovariateService covariates, CollectionService collections) {
        this.covariates = covariates;
        this.collections = collections;
    }

    /**
     * {@code network} with the kinds of the covariate series it names, as the members declare them.
     *
     * @throws ApiProblemException 400 naming a calendar feature that would not vary along the collection's grid (or
     *                             holidays on a grid coarser than a day), a covariate no member reads (nor the
     *                             collection), one declared with different kinds by different members, a past-only
     *                             one in a RECURSIVE spec, or a label key no member carries
     */
    public NetworkSpec resolved(SeriesCollection collection, List<Series> members, NetworkSpec network) {
        TrainingService.checkCovariates(network, collection.frequency());
        String collectionName = collection.name();
        List<String> names = TrainingCovariates.names(network);
        Map<String, Set<CovariateKind>> kinds = new LinkedHashMap<>();
        List<Long> memberIds = members.stream().map(Series::id).toList();
        covariates.visibleIn(collection.id()).kinds(memberIds, names).forEach((name, byMember) -> {
            Set<CovariateKind> declared = EnumSet.noneOf(CovariateKind.class);
            declared.addAll(byMember.values());
            kinds.put(name, declared);
        });
        List<String> absent = names.stream().filter(name -> kinds.get(name).isEmpty()).toList();
        if (!absent.isEmpty()) {
            throw TrainingCovariates.noneDeclared(collectionName, absent);
        }
        List<SeriesCovariate> resolved = new ArrayList<>();
        kinds.forEach((name, declared) -> {
            if (declared.size() > 1) {
                throw ApiProblemException.invalidField("covariates.series", "covariate '" + name + "' is declared "
                        + declared + " by different members: one network reads it one way");
            }
            resolved.add(new SeriesCovariate(name, declared.iterator().next()));
        });
        TrainingCovariates.checkStrategy(resolved, network);
        checkLabels(collectionName, members, network);
        return network.withCovariates(network.covariates().withSeries(resolved));
    }

    private void checkLabels(String collectionName, List<Series> members, NetworkSpec network) {
        if (network.covariates().labels().isEmpty()) {
            return;
        }
        Set<String> carried = new TreeSet<>();
        collections.labels(members.stream().map(Series::id).toList()).values().forEach(l -> carried.addAll(l.keySet()));
        List<String> unknown = network.covariates().labels().stream().map(StaticLabel::key)
                .filter(key -> !carried.contains(key)).toList();
        if (!unknown.isEmpty()) {
            throw ApiProblemException.invalidField("covariates.labels", "no member of collection " + collectionName
                    + " carries label(s) " + unknown + "; their keys: " + carried);
        }
    }

    /** The labels of {@code members} by series id (a member without labels has an empty map). */
    public Map<Long, Map<String, String>> labels(List<Series> members) {
        return collections.labels(members.stream().map(Series::id).toList());
    }

    /**
     * What a member reads besides its values: its covariate series over its points, and its labels.
     *
     * @throws dev.tsforge.model.MissingCovariatesException naming the covariates and the member's first points they
     *                                                       have no value at
     */
    CovariateValues of(Series member, NetworkSpec network, List<Point> points, Map<String, String> labels) {
        List<Instant> times = points.stream().map(Point::timestamp).toList();
        return of(member, network, times, times.isEmpty() ? null : times.get(times.size() - 1), labels);
    }

    /**
     * What a member reads besides its values: its covariate series from the first of {@code times} to {@code to}
     * (later than the last where forecasts read values ahead of it), required at every one of {@code times}; and its
     * labels.
     *
     * @throws dev.tsforge.model.MissingCovariatesException naming the covariates and the first of {@code times} they
     *                                                       have no value at
     */
    public CovariateValues of(Series member, NetworkSpec network, List<Instant> times, Instant to,
            Map<String, String> labels) {
        List<String> names = TrainingCovariates.names(network);
        CovariateValues values = CovariateValues.NONE;
        if (!names.isEmpty() && !times.isEmpty()) {
            values = covariates.values(member.id(), names, times.get(0), to);
            covariates.requireAt(values, names, times, "every point needs the covariates' values at its time");
        }
        return network.covariates().labels().isEmpty() ? values : values.withLabels(labels);
    }

    /**
     * {@code network}'s labels with the values the fitted members carry, sorted: the vocabulary the network's one-hot
     * inputs stand for.
     */
    public static NetworkSpec withVocabulary(NetworkSpec network, List<Map<String, String>> fittedLabels) {
        if (network.covariates().labels().isEmpty()) {
            return network;
        }
        List<StaticLabel> trained = network.covariates().labels().stream().map(label -> {
            Set<String> values = new TreeSet<>();
            fittedLabels.forEach(labels -> {
                if (labels.containsKey(label.key())) {
                    values.add(labels.get(label.key()));
                }
            });
            return new StaticLabel(label.key(), List.copyOf(values));
        }).toList();
        return network.withCovariates(network.covariates().withLabels(trained));
    }
}
