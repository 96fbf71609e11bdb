package dev.tsforge.covariate;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.model.CovariateKind;
import dev.tsforge.model.CovariateValues;
import dev.tsforge.model.MissingCovariatesException;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.SeriesCovariate;
import dev.tsforge.series.CollectionService;
import dev.tsforge.series.IngestResult;
import dev.tsforge.series.Point;
import dev.tsforge.series.PointBatchValidator;
import dev.tsforge.series.RawPoint;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesCollection;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Covariate series of a series or a collection: declared with a kind, filled like points (validated on the owner's
 * grid, upserted, all or nothing), listed and deleted; and, for training and forecasting, a series' covariates by name
 * (its own winning over its collection's) with their values over a range.
 */
@Service
public class CovariateService {

    /** Names go into artifacts and specs as {@code name:KIND} lists, so neither ':' nor ',' may appear. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private final CovariateRepository covariates;
    private final SeriesService series;
    private final CollectionService collections;
    private final TsforgeProperties properties;
    private final Clock clock;

    CovariateService(CovariateRepository covariates, SeriesService series, CollectionService collections,
            TsforgeProperties properties, Clock clock) {
        this.covariates = covariates;
        this.series = series;
        this.collections = collections;
        this.properties = properties;
        this.clock = clock;
    }

    /** @throws ApiProblemException 404 unknown series */
    public CovariateOwner ofSeries(long seriesId) {
        Series target = series.get(seriesId);
        return new CovariateOwner(target.id(), null, target.frequency(), "series " + seriesId);
    }

    /** @throws ApiProblemException 404 unknown collection */
    public CovariateOwner ofCollection(String name) {
        SeriesCollection collection = collections.get(name);
        return new CovariateOwner(null, collection.id(), collection.frequency(), "collection '" + name + "'");
    }

    /** What {@link #declare} did: the covariate, and whether it is new. */
    public record Declared(CovariateSeries covariate, boolean created) {
    }

    /**
     * Declares a covariate of the owner; declaring one again with the same kind changes nothing.
     *
     * @throws ApiProblemException 400 a malformed name or no kind, 409 the name is taken by another kind
     */
    @Transactional
    public Declared declare(CovariateOwner owner, String name, CovariateKind kind) {
        checkName(name);
        if (kind == null) {
            throw ApiProblemException.invalidField("kind", "must be KNOWN_FUTURE or PAST_ONLY");
        }
        Optional<CovariateSeries> existing = covariates.find(owner, name);
        if (existing.isPresent()) {
            if (existing.get().kind() != kind) {
                throw new ApiProblemException(ProblemType.NAME_TAKEN, owner.label() + " already has covariate '"
                        + name + "' declared " + existing.get().kind() + "; delete it to declare it " + kind,
                        Map.of("name", name));
            }
            return new Declared(existing.get(), false);
        }
        try {
            covariates.insert(owner, name, kind, clock.instant());
        } catch (DuplicateKeyException race) {
            throw concurrentWrite();
        }
        return new Declared(covariates.find(owner, name).orElseThrow(), true);
    }

    /**
     * The owner's covariates by name; a series' list also has those it inherits from its collection ({@code shared},
     * managed under the collection), except where it has its own of the same name.
     */
    public List<CovariateSeries> list(CovariateOwner owner) {
        return owner.seriesId() == null ? covariates.of(owner) : visible(owner.seriesId()).values().stream()
                .sorted(Comparator.comparing(CovariateSeries::name)).toList();
    }

    /** @throws ApiProblemException 404 when the owner has no covariate of that name */
    public CovariateSeries get(CovariateOwner owner, String name) {
        return covariates.find(owner, name)
                .orElseThrow(() -> ApiProblemException.notFound("covariate of " + owner.label(), name));
    }

    @Transactional
    public void delete(CovariateOwner owner, String name) {
        covariates.delete(get(owner, name).id());
    }

    public List<Point> points(CovariateOwner owner, String name, Instant from, Instant to) {
        return covariates.points(get(owner, name).id(), from, to);
    }

    /** Upserts one covariate's points: validated on the owner's grid first, then all stored or none. */
    @Transactional
    public IngestResult ingest(CovariateOwner owner, String name, List<RawPoint> rows) {
        return ingestAll(owner, Map.of(name, rows)).get(name);
    }

    /**
     * Upserts the points of several covariates in one transaction (a long upload): every covariate must be declared
     * and every batch valid, or nothing is stored.
     */
    @Transactional
    public Map<String, IngestResult> ingestAll(CovariateOwner owner, Map<String, List<RawPoint>> rowsByName) {
        int max = properties.limits().maxPointsPerRequest();
        int total = rowsByName.values().stream().mapToInt(List::size).sum();
        if (total > max) {
            throw new ApiProblemException(ProblemType.TOO_MANY_POINTS, "The batch has " + total
                    + " points; at most " + max + " are accepted per request.", Map.of("maxPoints", max));
        }
        Map<String, CovariateSeries> targets = new LinkedHashMap<>();
        Map<String, List<Point>> batches = new LinkedHashMap<>();
        for (Map.Entry<String, List<RawPoint>> entry : rowsByName.entrySet()) {
            targets.put(entry.getKey(), get(owner, entry.getKey()));
            if (entry.getValue().isEmpty()) {
                throw new ApiProblemException(ProblemType.INVALID_POINTS, "The batch holds no points for '"
                        + entry.getKey() + "'.", Map.of("errorCount", 0));
            }
            batches.put(entry.getKey(), PointBatchValidator.validate(entry.getValue(), owner.grid()));
        }
        Map<String, IngestResult> results = new LinkedHashMap<>();
        batches.forEach((name, batch) -> results.put(name, upsert(targets.get(name).id(), batch)));
        return results;
    }

    private IngestResult upsert(long covariateId, List<Point> batch) {
        Instant first = batch.stream().map(Point::timestamp).min(Comparator.naturalOrder()).orElseThrow();
        Instant last = batch.stream().map(Point::timestamp).max(Comparator.naturalOrder()).orElseThrow();
        Set<Instant> existing = covariates.existingTimestamps(covariateId, first, last);
        List<Point> inserts = new ArrayList<>();
        List<Point> updates = new ArrayList<>();
        for (Point point : batch) {
            (existing.contains(point.timestamp()) ? updates : inserts).add(point);
        }
        try {
            covariates.insertPoints(covariateId, inserts);
        } catch (DuplicateKeyException race) {
            throw concurrentWrite();
        }
        covariates.updatePoints(covariateId, updates);
        return new IngestResult(batch.size(), inserts.size(), updates.size(), first, last);
    }

    /**
     * The covariates a spec names for series {@code seriesId}, with their declared kinds: its own, else its
     * collection's.
     *
     * @throws ApiProblemException 400 naming a covariate neither has
     */
    public List<SeriesCovariate> resolve(long seriesId, List<String> names) {
        Map<String, CovariateSeries> visible = visible(seriesId);
        List<SeriesCovariate> resolved = new ArrayList<>();
        for (String name : names) {
            CovariateSeries found = visible.get(name);
            if (found == null) {
                throw ApiProblemException.invalidField("covariates.series", "series " + seriesId + " has no "
                        + "covariate '" + name + "' (nor its collection); declared: " + visible.keySet());
            }
            resolved.add(new SeriesCovariate(name, found.kind()));
        }
        return resolved;
    }

    /** Which covariates the members of collection {@code collectionId} read, from one query however many. */
    public CovariateVisibility visibleIn(long collectionId) {
        return CovariateVisibility.of(covariates.declaredIn(collectionId));
    }

    /** The values in [from, to] of the named covariates of series {@code seriesId} (its own, else its collection's). */
    public CovariateValues values(long seriesId, List<String> names, Instant from, Instant to) {
        if (names.isEmpty()) {
            return CovariateValues.NONE;
        }
        Map<String, CovariateSeries> visible = visible(seriesId);
        Map<String, Map<Instant, Double>> byName = new HashMap<>();
        for (String name : names) {
            CovariateSeries found = visible.get(name);
            Map<Instant, Double> values = new HashMap<>();
            if (found != null) {
                covariates.points(found.id(), from, to).forEach(p -> values.put(p.timestamp(), p.value()));
            }
            byName.put(name, values);
        }
        return new CovariateValues(byName);
    }

    /** The values in [from, to] of the covariate series {@code spec} reads; none for a spec that reads none. */
    public CovariateValues valuesFor(long seriesId, ModelSpec spec, Instant from, Instant to) {
        return spec instanceof NetworkSpec network && !network.covariates().series().isEmpty()
                ? values(seriesId, network.covariates().series().stream().map(SeriesCovariate::name).toList(), from,
                        to)
                : CovariateValues.NONE;
    }

    /**
     * @throws MissingCovariatesException naming, of each covariate, the first of {@code timestamps} it has no value at
     */
    public void requireAt(CovariateValues values, List<String> names, List<Instant> timestamps, String context) {
        Map<String, List<Instant>> missing = new LinkedHashMap<>();
        for (String name : names) {
            for (Instant t : timestamps) {
                if (values.at(name, t) == null) {
                    List<Instant> list = missing.computeIfAbsent(name, n -> new ArrayList<>());
                    if (list.size() < MissingCovariatesException.NAMED) {
                        list.add(t);
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingCovariatesException(context, missing);
        }
    }

    /** The covariates series {@code seriesId} reads by name: its collection's, overridden by its own. */
    private Map<String, CovariateSeries> visible(long seriesId) {
        Series target = series.get(seriesId);
        List<CovariateSeries> shared = target.collectionId() == null ? List.of()
                : covariates.of(new CovariateOwner(null, target.collectionId(), target.frequency(), ""));
        return CovariateVisibility.overlay(shared,
                covariates.of(new CovariateOwner(target.id(), null, target.frequency(), "")), CovariateSeries::name);
    }

    private static ApiProblemException concurrentWrite() {
        return new ApiProblemException(ProblemType.CONCURRENT_WRITE, "Another request wrote the same covariate at the "
                + "same time; nothing was stored, retry.");
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiProblemException.invalidField("name", "a covariate's name is a letter, then up to 63 letters, "
                    + "digits, '_', '.' or '-'; got '" + name + "'");
        }
    }
}
