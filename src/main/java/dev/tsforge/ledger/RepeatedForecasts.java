package dev.tsforge.ledger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tsforge.forecasting.Forecast;
import java.time.Instant;

/**
 * The forecasts this replica has recorded lately, to recognise one asked for again. Between two ingests a series'
 * champion gives the same forecast to every caller (same model, origin and horizon, and the same numbers); a series
 * served hundreds of times a second would otherwise fill its ledger with copies, each scored alike when the actuals
 * come (live accuracy weighted by how often it was asked, not by what was forecast), and the newest copies would
 * trim away the older origins before their actuals arrive. The numbers, seasonal naive's among them, are part of the
 * key, so a forecast that changed without a new point (a covariate's future values, a fallback, a corrected point of
 * the season) is recorded. Each replica remembers its own: a forecast served by two replicas is recorded at most once
 * by each; one forgotten (the oldest past {@link #SIZE}, or at a restart) is recorded again once.
 */
final class RepeatedForecasts {

    private static final int SIZE = 10_000;

    private final Cache<Key, Boolean> recorded = Caffeine.newBuilder().maximumSize(SIZE).build();

    /** What makes two forecasts the same for the ledger; {@code numbers} folds every value and bound. */
    record Key(long seriesId, long modelId, Instant origin, int horizon, long numbers) {
    }

    /** The key of {@code forecast} (of a series, from an origin) recorded beside seasonal naive's {@code baseline}. */
    static Key keyOf(Forecast forecast, double[] baseline) {
        long numbers = 1;
        for (double value : baseline) {
            numbers = fold(numbers, Double.doubleToLongBits(value));
        }
        for (Forecast.Step step : forecast.points()) {
            numbers = fold(numbers, Double.doubleToLongBits(step.value()));
            for (Forecast.Interval interval : step.intervals()) {
                numbers = fold(numbers, Double.doubleToLongBits(interval.level()));
                numbers = fold(numbers, interval.lower() == null ? 0 : Double.doubleToLongBits(interval.lower()));
                numbers = fold(numbers, interval.upper() == null ? 0 : Double.doubleToLongBits(interval.upper()));
            }
        }
        return new Key(forecast.seriesId(), forecast.modelId(), forecast.input().to(), forecast.horizon(), numbers);
    }

    /** 64-bit multiply-and-rotate folding: a collision, which would leave one forecast unrecorded, is negligible. */
    private static long fold(long hash, long bits) {
        return Long.rotateLeft((hash ^ bits) * 0x9E3779B97F4A7C15L, 31);
    }

    boolean seen(Key key) {
        return recorded.getIfPresent(key) != null;
    }

    void remember(Key key) {
        recorded.put(key, Boolean.TRUE);
    }
}
