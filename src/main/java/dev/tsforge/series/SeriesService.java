package dev.tsforge.series;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Creating, reading, changing, deleting series and upserting their points. */
@Service
public class SeriesService {

    private final SeriesRepository series;
    private final PointRepository points;
    private final PointIngest ingest;
    private final ApplicationEventPublisher events;
    private final TsforgeProperties properties;
    private final Clock clock;

    SeriesService(SeriesRepository series, PointRepository points, PointIngest ingest,
            ApplicationEventPublisher events, TsforgeProperties properties, Clock clock) {
        this.series = series;
        this.points = points;
        this.ingest = ingest;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** A series on the default grid; see {@link #create(NewSeries)}. */
    public Series create(String name, String frequencyText, String description, String unit,
            Integer seasonalPeriod) {
        return create(new NewSeries(name, frequencyText, null, null, null, description, unit, seasonalPeriod, null));
    }

    /**
     * Creates a series. A grid choice left open (a weekly or month-based series without an anchor, a daily one
     * without {@code businessDays}) is decided by the first ingested batch.
     *
     * @throws ApiProblemException 400 naming the field of an unsupported grid, 409 when the name is taken
     */
    @Transactional
    public Series create(NewSeries request) {
        RequestedGrid grid = RequestedGrid.of(request.frequency(), request.anchor(), request.businessDays(),
                request.timeZone());
        if (series.nameExists(request.name())) {
            throw nameTaken(request.name());
        }
        try {
            long id = series.insert(request.name(), grid.frequency(), grid.source(), request.description(),
                    request.unit(), request.seasonalPeriod(), request.nonNegative(), clock.instant());
            return get(id);
        } catch (DuplicateKeyException race) {
            throw nameTaken(request.name());
        }
    }

    /**
     * Applies a merge patch. The grid (frequency, anchor, business days, zone) may change only while the series
     * has no points: stored timestamps were checked against the grid they arrived on, and another grid would
     * leave them off it. When the frequency changes, an anchor or business days not in the patch go back to
     * undecided; the zone stays.
     *
     * @throws ApiProblemException 400 naming the field of an unsupported grid, 404, 409 {@code GRID_FIXED}
     */
    @Transactional
    public Series update(long id, SeriesUpdate update) {
        Series current = series.findForUpdate(id).orElseThrow(() -> ApiProblemException.notFound("series", id));
        if (update.changesGrid()) {
            RequestedGrid grid = patchedGrid(current, update);
            if (current.collectionId() != null && !grid.frequency().equals(current.frequency())) {
                // an upload reads every member's timestamps on the collection's grid
                throw new ApiProblemException(ProblemType.GRID_FIXED, "Series " + current.id() + " belongs to a "
                        + "collection; its grid is the collection's (" + current.frequency().describe() + ").",
                        Map.of("frequency", current.frequency().toString(), "timeZone",
                                current.frequency().zoneName()));
            }
            boolean otherGrid = !grid.frequency().equals(current.frequency());
            if (otherGrid || grid.source() != current.gridSource()) {
                if (points.any(id)) {
                    if (otherGrid) {
                        throw gridFixed(current, grid.frequency());
                    }
                    // the same grid restated: nothing to change, and the source stays who chose it
                } else {
                    series.updateGrid(id, grid.frequency(), grid.source());
                }
            }
        }
        series.updateAttributes(id,
                update.has(SeriesUpdate.Field.DESCRIPTION) ? update.description() : current.description(),
                update.has(SeriesUpdate.Field.UNIT) ? update.unit() : current.unit(),
                update.has(SeriesUpdate.Field.SEASONAL_PERIOD) ? update.seasonalPeriod()
                        : current.seasonalPeriodOverride(),
                update.has(SeriesUpdate.Field.NON_NEGATIVE) ? update.nonNegative() : current.nonNegativeDeclared(),
                clock.instant());
        return get(id);
    }

    private RequestedGrid patchedGrid(Series current, SeriesUpdate update) {
        Frequency now = current.frequency();
        String frequency = update.has(SeriesUpdate.Field.FREQUENCY) ? update.frequency() : now.toString();
        if (frequency == null) {
            throw ApiProblemException.invalidField("frequency", "must not be null");
        }
        boolean sameFrequency;
        try {
            sameFrequency = Frequency.parse(frequency).toString().equals(now.toString());
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalidField("frequency", e.getMessage());
        }
        boolean keep = sameFrequency && current.gridSource() != Series.GridSource.PENDING;
        String anchor = update.has(SeriesUpdate.Field.ANCHOR) ? update.anchor() : keep ? now.anchor() : null;
        Boolean businessDays = update.has(SeriesUpdate.Field.BUSINESS_DAYS) ? update.businessDays()
                : keep && now.daily() ? Boolean.valueOf(now.businessDays()) : null;
        String zone = update.has(SeriesUpdate.Field.TIME_ZONE) ? update.timeZone() : now.zoneName();
        return RequestedGrid.of(frequency, anchor, businessDays, zone);
    }

    private static ApiProblemException gridFixed(Series current, Frequency wanted) {
        Frequency grid = current.frequency();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("frequency", grid.toString());
        if (grid.anchor() != null) {
            properties.put("anchor", grid.anchor());
        }
        properties.put("businessDays", grid.businessDays());
        properties.put("timeZone", grid.zoneName());
        return new ApiProblemException(ProblemType.GRID_FIXED, "Series " + current.id() + " has points on the "
                + grid.describe() + " grid; the grid is fixed once points exist, so it cannot become "
                + wanted.describe() + ". Create a new series for the other grid.", properties);
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

    /** How much the series holds, as its row keeps it (no scan of its points); its value range only widens (V14). */
    public PointStats stats(long id) {
        return get(id).stats();
    }

    public List<Series> page(SeriesFilter filter, int page, int size) {
        return series.page(filter, page * size, size);
    }

    public long count(SeriesFilter filter) {
        return series.count(filter);
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
    public IngestResult ingest(long seriesId, List<RawPoint> rows) {
        return ingest.ingest(seriesId, rows);
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
     * The input of a forecast that reads the series' last {@code lookback} points (fewer, down to {@code minimum},
     * where the series has fewer) under {@code policy}. The caller passes the series it has read, so that a batch of
     * forecasts reads each series once.
     *
     * @throws ApiProblemException 422 {@code SERIES_TOO_SHORT} with fewer than {@code minimum} points,
     *                             {@code GAP_IN_WINDOW} when the policy needs them consecutive and they are not
     */
    public SeriesWindows.LatestWindow latestWindow(Series target, int lookback, int minimum, GapPolicy policy) {
        List<Point> latest = points.latest(target.id(), lookback);
        checkLength(latest, lookback, minimum);
        return SeriesWindows.latest(latest, target, latest.size(), policy, target.stats());
    }

    /**
     * {@link #latestWindow} for many series at once, their points read in one query, not two per series; each
     * series' problem (too short, a gap) becomes its outcome rather than failing the others.
     *
     * @return per target, in order
     */
    public List<SeriesWindows.MemberWindow> latestWindows(List<Series> targets, int lookback, int minimum,
            GapPolicy policy) {
        Map<Long, List<Point>> read = latestPoints(targets, lookback);
        List<SeriesWindows.MemberWindow> windows = new ArrayList<>(targets.size());
        for (Series target : targets) {
            List<Point> latest = read.getOrDefault(target.id(), List.of());
            try {
                checkLength(latest, lookback, minimum);
                windows.add(new SeriesWindows.MemberWindow(target, SeriesWindows.latest(latest, target, latest.size(),
                        policy, target.stats()), null));
            } catch (ApiProblemException problem) {
                windows.add(new SeriesWindows.MemberWindow(target, null, problem));
            }
        }
        return windows;
    }

    /**
     * Each target's newest {@code lookback} points. Its stored last timestamp says where a window without gaps starts:
     * the targets that share that start (in a collection, usually all) are read in one query from it; one that comes
     * back short (a gap in the window) is read on its own.
     */
    private Map<Long, List<Point>> latestPoints(List<Series> targets, int lookback) {
        Map<Instant, List<Long>> byStart = new HashMap<>();
        for (Series target : targets) {
            if (target.stats().count() > 0) {
                byStart.computeIfAbsent(target.frequency().plus(target.stats().last(), -(lookback - 1)),
                        start -> new ArrayList<>()).add(target.id());
            }
        }
        Map<Long, List<Point>> read = new HashMap<>();
        byStart.forEach((start, ids) -> read.putAll(points.latestSince(ids, start, lookback)));
        for (Series target : targets) {
            long expected = Math.min(lookback, target.stats().count());
            if (read.getOrDefault(target.id(), List.of()).size() < expected) {
                read.put(target.id(), points.latest(target.id(), lookback));
            }
        }
        return read;
    }

    private static void checkLength(List<Point> latest, int lookback, int minimum) {
        if (latest.size() < minimum) {
            throw new ApiProblemException(ProblemType.SERIES_TOO_SHORT, "The model reads the last " + minimum
                    + (minimum < lookback ? " to " + lookback : "") + " points but the series has " + latest.size(),
                    Map.of("pointCount", latest.size(), "requiredPoints", minimum));
        }
    }
}
