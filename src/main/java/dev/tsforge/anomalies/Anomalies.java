package dev.tsforge.anomalies;

import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.series.Frequency;
import dev.tsforge.series.SeriesEvents;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Anomaly detection of series: the setting (off by default), the flagged points, and scoring of newly stored points
 * (by {@link AnomalyDetector}, off the ingest's thread) or of a range of history on request (backfill).
 */
@Service
public class Anomalies {

    private final AnomalyRepository repository;
    private final AnomalyScoring scoring;
    private final SeriesService series;
    private final ModelRegistry registry;
    private final AnomalyProperties properties;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Anomalies(AnomalyRepository repository, AnomalyScoring scoring, SeriesService series, ModelRegistry registry,
            AnomalyProperties properties, TransactionTemplate transaction, ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.scoring = scoring;
        this.series = series;
        this.registry = registry;
        this.properties = properties;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Whether a series' new points are scored, at which level, and how its scoring went.
     *
     * @param scoredPoints  points given a verdict since detection was turned on (backfills included)
     * @param skippedPoints points that could not be scored, the last one for {@code lastSkipReason}
     */
    public record Setting(long seriesId, boolean enabled, double level, long scoredPoints, long skippedPoints,
            String lastSkipReason, Instant lastScoredAt, Instant updatedAt) {
    }

    public record Page(List<Anomaly> items, int page, int size, long totalItems) {
    }

    /**
     * What a backfill did.
     *
     * @param scored  points given a verdict
     * @param flagged anomalies among them (each one row, however often it is scored)
     * @param skipped points in the range that could not be scored, the last one for {@code skipReason}
     */
    public record Backfill(long seriesId, Instant from, Instant to, long modelId, double level, int scored,
            int flagged, int skipped, String skipReason) {
    }

    /** @throws ApiProblemException 404 unknown series */
    public Setting setting(long seriesId) {
        series.get(seriesId);
        return repository.setting(seriesId)
                .map(s -> new Setting(seriesId, true, properties.level(), s.scoredPoints(), s.skippedPoints(),
                        s.lastSkip(), s.lastScoredAt(), s.updatedAt()))
                .orElse(new Setting(seriesId, false, properties.level(), 0, 0, null, null, null));
    }

    /** Turning detection off forgets its tallies; flagged points stay. @throws ApiProblemException 404 */
    public Setting setEnabled(long seriesId, boolean enabled) {
        transaction.executeWithoutResult(status -> {
            series.lock(seriesId);
            if (enabled) {
                repository.enable(seriesId, clock.instant());
            } else {
                repository.disable(seriesId);
            }
        });
        return setting(seriesId);
    }

    /** @throws ApiProblemException 404 unknown series */
    public Page page(long seriesId, int page, int size) {
        series.get(seriesId);
        // counted first: the detector may commit between the two reads, and a count taken after could announce a
        // row the page does not hold
        long total = repository.count(seriesId);
        return new Page(repository.page(seriesId, page * size, size), page, size, total);
    }

    /** The series' anomalies in [from, to], oldest first (for its chart). */
    public List<Anomaly> between(long seriesId, Instant from, Instant to) {
        return repository.range(seriesId, from, to);
    }

    /** Those of the series with detection on (one query per thousand, for a collection's upload). */
    java.util.Set<Long> enabledAmong(List<Long> seriesIds) {
        return repository.enabledAmong(seriesIds);
    }

    /** Scores newly stored points of a series with detection on, and announces what it found. */
    void detect(long seriesId, Instant from, Instant to) {
        AnomalyScoring.Outcome outcome = scoring.score(seriesId, from, to, properties.level());
        store(seriesId, outcome, true);
    }

    /**
     * Writes the verdicts in one short transaction. The series row is not locked: each next ingest of the series
     * would wait behind it (bench/RESULTS.md, "Anomaly detection"). Two writers of the same points (a backfill beside
     * the detector) collide on the primary key instead, and the loser writes again after the winner's commit.
     */
    private void store(long seriesId, AnomalyScoring.Outcome outcome, boolean announce) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> {
                    repository.replace(seriesId, outcome.scored(), outcome.flagged());
                    repository.tally(seriesId, outcome.scored().size(), outcome.skipped(), outcome.skipReason(),
                            clock.instant());
                    if (announce && !outcome.flagged().isEmpty()) {
                        events.publishEvent(new AnomalyEvents.Found(seriesId, outcome.flagged()));
                    }
                });
                return;
            } catch (DuplicateKeyException collided) {
                if (attempt == 3) {
                    throw collided;
                }
            }
        }
    }

    /**
     * Scores the stored points in [from, to] against the champion, whether detection is on or not; a point scored
     * again replaces its row. No webhook: this is history, not news.
     *
     * @throws ApiProblemException 400 from after to, 404 unknown series, 409 no champion, 413 a range of more grid
     *                             steps than {@code tsforge.anomalies.max-backfill-points}
     */
    public Backfill backfill(long seriesId, Instant from, Instant to) {
        Frequency frequency = series.get(seriesId).frequency();
        if (from == null || to == null) {
            throw ApiProblemException.invalidField(from == null ? "from" : "to", "is required");
        }
        if (from.isAfter(to)) {
            throw ApiProblemException.invalidField("from", "is after to");
        }
        long steps = frequency.index(to) - frequency.index(from) + 1;
        if (steps > properties.maxBackfillPoints()) {
            throw new ApiProblemException(ProblemType.TOO_MANY_POINTS, "The range spans " + steps + " grid steps; a "
                    + "backfill scores at most " + properties.maxBackfillPoints() + " (tsforge.anomalies.max-backfill-"
                    + "points): split it.", Map.of("maxPoints", properties.maxBackfillPoints()));
        }
        long modelId = registry.requireChampion(seriesId).id();
        AnomalyScoring.Outcome outcome = scoring.score(seriesId, from, to, properties.level());
        store(seriesId, outcome, false);
        return new Backfill(seriesId, from, to, modelId, properties.level(), outcome.scored().size(),
                outcome.flagged().size(), outcome.skipped(), outcome.skipReason());
    }

    /** A deleted series takes its anomalies and counters with it, in the deleting transaction. */
    @EventListener
    void seriesDeleted(SeriesEvents.Deleted deleted) {
        repository.deleteSeries(deleted.seriesId());
    }
}
