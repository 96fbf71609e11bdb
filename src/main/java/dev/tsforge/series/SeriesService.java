package dev.tsforge.series;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Creating, reading, deleting series and upserting their points. */
@Service
public class SeriesService {

    private final SeriesRepository series;
    private final PointRepository points;
    private final ApplicationEventPublisher events;
    private final TsforgeProperties properties;
    private final Clock clock;

    SeriesService(SeriesRepository series, PointRepository points, ApplicationEventPublisher events,
            TsforgeProperties properties, Clock clock) {
        this.series = series;
        this.points = points;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public Series create(String name, String frequencyText, String description, String unit,
            Integer seasonalPeriod) {
        Frequency frequency;
        try {
            frequency = Frequency.parse(frequencyText);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalidField("frequency", e.getMessage());
        }
        if (series.nameExists(name)) {
            throw nameTaken(name);
        }
        try {
            long id = series.insert(name, frequency, description, unit, seasonalPeriod, clock.instant());
            return get(id);
        } catch (DuplicateKeyException race) {
            throw nameTaken(name);
        }
    }

    private static ApiProblemException nameTaken(String name) {
        return new ApiProblemException(ProblemType.NAME_TAKEN, "A series named '" + name + "' already exists",
                Map.of("name", name));
    }

    public Series get(long id) {
        return series.find(id).orElseThrow(() -> ApiProblemException.notFound("series", id));
    }

    /**
     * Locks the series row until the caller's transaction ends, so that changes about one series (ingests, a new
     * champion) happen one at a time across threads and replicas.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(long id) {
        series.findForUpdate(id).orElseThrow(() -> ApiProblemException.notFound("series", id));
    }

    public PointStats stats(long id) {
        return points.stats(id);
    }

    public List<Series> page(int page, int size) {
        return series.page(page * size, size);
    }

    public long count() {
        return series.count();
    }

    /** Deletes a series with its points; other features may veto (e.g. while it trains) and clean up after. */
    @Transactional
    public void delete(long id) {
        get(id);
        events.publishEvent(new SeriesEvents.DeletionRequested(id));
        series.delete(id);
        events.publishEvent(new SeriesEvents.Deleted(id));
    }

    /** Validates the whole batch, then upserts it in one transaction: all points are stored, or none. */
    @Transactional
    public IngestResult ingest(long seriesId, List<RawPoint> rows) {
        int max = properties.limits().maxPointsPerRequest();
        if (rows.size() > max) {
            throw new ApiProblemException(ProblemType.TOO_MANY_POINTS,
                    "The batch has " + rows.size() + " points; at most " + max + " are accepted per request.",
                    Map.of("maxPoints", max));
        }
        if (rows.isEmpty()) {
            throw new ApiProblemException(ProblemType.INVALID_POINTS, "The batch holds no points.",
                    Map.of("errorCount", 0));
        }
        Series target = series.findForUpdate(seriesId)
                .orElseThrow(() -> ApiProblemException.notFound("series", seriesId));
        List<Point> batch = PointBatchValidator.validate(rows, target.frequency());
        Instant first = batch.stream().map(Point::timestamp).min(Comparator.naturalOrder()).orElseThrow();
        Instant last = batch.stream().map(Point::timestamp).max(Comparator.naturalOrder()).orElseThrow();
        Set<Instant> existing = points.existingTimestamps(seriesId, first, last);
        List<Point> inserts = new ArrayList<>();
        List<Point> updates = new ArrayList<>();
        for (Point point : batch) {
            (existing.contains(point.timestamp()) ? updates : inserts).add(point);
        }
        try {
            points.insert(seriesId, inserts);
        } catch (DuplicateKeyException race) {
            throw new ApiProblemException(ProblemType.CONCURRENT_WRITE,
                    "Another request wrote the same points at the same time; nothing was stored, retry the batch.");
        }
        points.update(seriesId, updates);
        series.touch(seriesId, clock.instant());
        return new IngestResult(batch.size(), inserts.size(), updates.size(), first, last);
    }

    /** Points in [from, to], oldest first; either bound may be null. */
    public List<Point> points(long seriesId, Instant from, Instant to) {
        get(seriesId);
        return points.range(seriesId, from, to);
    }

    /** The newest {@code count} points, oldest first. */
    public List<Point> latestPoints(long seriesId, int count) {
        return points.latest(seriesId, count);
    }

    /**
     * The series' last run a model can read under {@code policy}, with the timestamp of its last value. The caller
     * passes the series it has read.
     *
     * @see SeriesWindows#recent
     */
    public SeriesWindows.Recent recent(Series target, GapPolicy policy) {
        return SeriesWindows.recent(points.range(target.id(), null, null), target, policy);
    }

    /**
     * The input of a forecast that reads the series' last {@code lookback} grid steps under {@code policy}. The
     * caller passes the series it has read, so that a batch of forecasts reads each series once.
     *
     * @throws ApiProblemException 422 {@code SERIES_TOO_SHORT} with fewer than {@code lookback} points,
     *                             {@code GAP_IN_WINDOW} when the policy needs them consecutive and they are not
     */
    public SeriesWindows.LatestWindow latestWindow(Series target, int lookback, GapPolicy policy) {
        List<Point> latest = points.latest(target.id(), lookback);
        if (latest.size() < lookback) {
            throw new ApiProblemException(ProblemType.SERIES_TOO_SHORT, "The model reads the last " + lookback
                    + " points but the series has " + latest.size(),
                    Map.of("pointCount", latest.size(), "requiredPoints", lookback));
        }
        return SeriesWindows.latest(latest, target, lookback, policy, points.stats(target.id()));
    }
}
