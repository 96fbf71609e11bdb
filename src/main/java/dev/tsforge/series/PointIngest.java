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
import java.util.Objects;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One series' batch of points upserted: validated on the series' grid (inferred from the batch where still pending),
 * then stored with the series row's point stats and {@code has_negative} in one transaction, and announced.
 */
@Component
class PointIngest {

    private final SeriesRepository series;
    private final PointRepository points;
    private final ApplicationEventPublisher events;
    private final TsforgeProperties properties;
    private final Clock clock;

    PointIngest(SeriesRepository series, PointRepository points, ApplicationEventPublisher events,
            TsforgeProperties properties, Clock clock) {
        this.series = series;
        this.points = points;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Validates the whole batch, then upserts it in one transaction: all points are stored, or none. */
    @Transactional
    IngestResult ingest(long seriesId, List<RawPoint> rows) {
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
        boolean pending = target.gridSource() == Series.GridSource.PENDING;
        Frequency grid = pending ? GridInference.infer(target.frequency(), parsedTimestamps(rows, target)) :
                target.frequency();
        List<Point> batch;
        try {
            batch = PointBatchValidator.validate(rows, grid);
        } catch (ApiProblemException invalid) {
            // counted only on refusal: the data-quality report keeps how many duplicates ingest refused
            List<Instant> timestamps = parsedTimestamps(rows, target);
            int duplicates = timestamps.size() - (int) timestamps.stream().distinct().count();
            if (duplicates > 0) {
                events.publishEvent(new SeriesEvents.DuplicatesRefused(seriesId, duplicates));
            }
            throw invalid;
        }
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
        if (pending) {
            series.updateGrid(seriesId, grid, Series.GridSource.INFERRED);
        }
        keepHasNegative(target, batch, !updates.isEmpty());
        double lowest = batch.stream().mapToDouble(Point::value).min().orElseThrow();
        double highest = batch.stream().mapToDouble(Point::value).max().orElseThrow();
        series.addPoints(new SeriesRepository.AddedPoints(seriesId, inserts.size(), first, last, lowest, highest),
                clock.instant());
        events.publishEvent(new SeriesEvents.PointsStored(List.of(seriesId), first, last));
        return new IngestResult(batch.size(), inserts.size(), updates.size(), first, last);
    }

    private static List<Instant> parsedTimestamps(List<RawPoint> rows, Series target) {
        return rows.stream()
                .map(row -> PointBatchValidator.parseTimestamp(row.timestamp(), target.frequency().zone()))
                .filter(Objects::nonNull)
                .toList();
    }

    /**
     * Keeps the row's {@code has_negative} true exactly while a stored value is negative. A negative value in the
     * batch sets it; only an update can remove the last negative value, and only then are the points read.
     */
    private void keepHasNegative(Series target, List<Point> batch, boolean replacedValues) {
        boolean batchNegative = batch.stream().anyMatch(point -> point.value() < 0);
        if (batchNegative && !target.hasNegative()) {
            series.setHasNegative(target.id(), true);
        } else if (!batchNegative && target.hasNegative() && replacedValues && !points.anyNegative(target.id())) {
            series.setHasNegative(target.id(), false);
        }
    }
}
