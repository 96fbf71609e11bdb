package dev.tsforge.ledger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.series.CollectionService;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import java.time.Clock;
import java.time.LocalTime;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recording settings of series and collections. A series' own setting wins over its collection's. The setting that
 * applies to a series is cached for {@code tsforge.ledger.policy-cache-ttl}: every champion forecast asks for it on
 * the request thread.
 */
@Service
public class RecordingPolicies {

    private static final int CACHED_SERIES = 100_000;

    private final PolicyRepository policies;
    private final SeriesService series;
    private final CollectionService collections;
    private final TsforgeProperties properties;
    private final Clock clock;
    private final Cache<Long, Optional<RecordingPolicy>> applying;

    RecordingPolicies(PolicyRepository policies, SeriesService series, CollectionService collections,
            TsforgeProperties properties, LedgerProperties ledger, Clock clock) {
        this.policies = policies;
        this.series = series;
        this.collections = collections;
        this.properties = properties;
        this.clock = clock;
        this.applying = Caffeine.newBuilder().maximumSize(CACHED_SERIES)
                .expireAfterWrite(ledger.policyCacheTtl()).build();
    }

    /** What a policy request asks for, checked. */
    public record Setting(RecordingMode mode, String dailyAt, Integer horizon) {
    }

    /** The setting of a series itself (OFF when it has none: its collection's may still apply). */
    public Optional<RecordingPolicy> ofSeries(long seriesId) {
        series.get(seriesId);
        return policies.ofSeries(seriesId);
    }

    public Optional<RecordingPolicy> ofCollection(String name) {
        return policies.ofCollection(collections.get(name).id());
    }

    /** @throws ApiProblemException 400 invalid setting, 404 unknown series */
    @Transactional
    public Optional<RecordingPolicy> setSeries(long seriesId, Setting setting) {
        series.get(seriesId);
        put(seriesId, null, setting);
        return policies.ofSeries(seriesId);
    }

    /** @throws ApiProblemException 400 invalid setting, 404 unknown collection */
    @Transactional
    public Optional<RecordingPolicy> setCollection(String name, Setting setting) {
        long id = collections.get(name).id();
        put(null, id, setting);
        return policies.ofCollection(id);
    }

    private void put(Long seriesId, Long collectionId, Setting setting) {
        if (setting == null || setting.mode() == null) {
            throw ApiProblemException.invalidField("mode", "one of OFF, EVERY, SCHEDULED");
        }
        if (setting.mode() != RecordingMode.SCHEDULED) {
            if (setting.dailyAt() != null || setting.horizon() != null) {
                throw ApiProblemException.invalidField(setting.dailyAt() != null ? "dailyAt" : "horizon",
                        "only a SCHEDULED recording has a time and horizon");
            }
        }
        if (setting.mode() == RecordingMode.OFF) {
            policies.delete(seriesId, collectionId);
        } else if (setting.mode() == RecordingMode.EVERY) {
            policies.put(seriesId, collectionId, RecordingMode.EVERY, null, null, clock.instant());
        } else {
            policies.put(seriesId, collectionId, RecordingMode.SCHEDULED, dailyAt(setting.dailyAt()),
                    horizon(setting.horizon()), clock.instant());
        }
        // other replicas see the change when their cache entry expires
        applying.invalidateAll();
    }

    private static LocalTime dailyAt(String text) {
        if (text == null) {
            throw ApiProblemException.invalidField("dailyAt", "a SCHEDULED recording needs a time of day, UTC "
                    + "(HH:mm or HH:mm:ss)");
        }
        try {
            return LocalTime.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiProblemException.invalidField("dailyAt", "a time of day, UTC (HH:mm or HH:mm:ss), not " + text);
        }
    }

    private int horizon(Integer horizon) {
        int max = properties.limits().maxHorizon();
        if (horizon == null || horizon < 1 || horizon > max) {
            throw ApiProblemException.invalidField("horizon", "a SCHEDULED recording forecasts 1 to " + max
                    + " steps (tsforge.limits.max-horizon)");
        }
        return horizon;
    }

    /**
     * The setting that applies to a series, read now: its own, else its collection's; empty when off.
     *
     * @throws ApiProblemException 404 unknown series
     */
    public Optional<RecordingPolicy> effective(long seriesId) {
        Series target = series.get(seriesId);
        Optional<RecordingPolicy> own = policies.ofSeries(seriesId);
        return own.isPresent() || target.collectionId() == null ? own : policies.ofCollection(target.collectionId());
    }

    /** The setting that applies to a series, cached: its own, else its collection's; empty when off. */
    Optional<RecordingPolicy> applying(long seriesId) {
        return applying.get(seriesId, id -> {
            Optional<RecordingPolicy> own = policies.ofSeries(id);
            if (own.isPresent()) {
                return own;
            }
            Series target;
            try {
                target = series.get(id);
            } catch (ApiProblemException deleted) {
                return Optional.empty();
            }
            return target.collectionId() == null ? Optional.empty() : policies.ofCollection(target.collectionId());
        });
    }

    void forget(long seriesId) {
        policies.delete(seriesId, null);
        applying.invalidate(seriesId);
    }
}
