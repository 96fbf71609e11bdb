package dev.tsforge.ledger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tsforge.series.Frequency;
import dev.tsforge.series.Point;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesEvents;
import dev.tsforge.series.SeriesService;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What seasonal naive forecast from an origin, kept per series and origin: a series served many times between two
 * ingests has the same origin each time, and its season was read from the database once per recorded forecast.
 * An ingest of the series on this replica drops its entries after the commit; one on another replica reaches this one
 * within {@code tsforge.ledger.policy-cache-ttl}, as recording settings do (it matters only where points at or before
 * an origin are replaced: new points move the origin).
 */
@Component
class SeasonalBaselines {

    private static final int CACHED_ORIGINS = 1024;

    private record Key(long seriesId, Instant origin, int period, Frequency grid) {
    }

    private final SeriesService series;
    private final Cache<Key, double[]> seasons;
    /** Moves at every ingest: a season read across one is not cached, since it may predate the ingest's commit. */
    private final AtomicLong ingests = new AtomicLong();

    SeasonalBaselines(SeriesService series, LedgerProperties properties) {
        this.series = series;
        this.seasons = Caffeine.newBuilder().maximumSize(CACHED_ORIGINS).expireAfterWrite(properties.policyCacheTtl())
                .build();
    }

    /**
     * Seasonal naive from {@code origin}: step h repeats the value {@code period - (h - 1) % period} steps before
     * origin's next step, as {@code Baselines.seasonalNaive} does on the history; NaN where that point is missing.
     */
    double[] from(Series target, Instant origin, int horizon) {
        int period = Math.max(1, target.seasonalPeriod());
        double[] season = season(new Key(target.id(), origin, period, target.frequency()));
        double[] forecast = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            forecast[h] = season[h % period];
        }
        return forecast;
    }

    /** The season ending at the origin, oldest first; NaN where a point is missing. Shared: never written. */
    private double[] season(Key key) {
        double[] cached = seasons.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        long before = ingests.get();
        Instant first = key.grid().plus(key.origin(), -(key.period() - 1));
        Map<Instant, Double> stored = new HashMap<>();
        for (Point point : series.points(key.seriesId(), first, key.origin())) {
            stored.put(point.timestamp(), point.value());
        }
        double[] season = new double[key.period()];
        for (int j = 0; j < season.length; j++) {
            Double value = stored.get(key.grid().plus(key.origin(), -(key.period() - 1) + j));
            season[j] = value == null ? Double.NaN : value;
        }
        if (ingests.get() == before) {
            seasons.put(key, season);
        }
        return season;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void pointsStored(SeriesEvents.PointsStored stored) {
        ingests.incrementAndGet();
        Set<Long> changed = Set.copyOf(stored.seriesIds());
        seasons.asMap().keySet().removeIf(key -> changed.contains(key.seriesId()));
    }
}
