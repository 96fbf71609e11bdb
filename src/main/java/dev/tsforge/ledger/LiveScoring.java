package dev.tsforge.ledger;

import dev.tsforge.background.BackgroundWorker;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.series.Point;
import dev.tsforge.series.SeriesEvents;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scores recorded steps when their actual points arrive, then checks the series for drift. The ingest only leaves
 * the series ids and range behind after its commit (merged per series while the scorer is busy); one thread of the
 * ledger's own reads the points and writes the scores, so an ingest waits for none of it, and nothing here waits
 * behind JobRunr's training workers.
 */
@Component
class LiveScoring extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(LiveScoring.class);
    /** Reads of a series' open forecasts per ingest, when other replicas' scorers keep changing them. */
    private static final int ATTEMPTS = 5;

    private record Range(Instant from, Instant to) {

        Range merge(Range other) {
            return new Range(from.isBefore(other.from) ? from : other.from, to.isAfter(other.to) ? to : other.to);
        }
    }

    private final LedgerRepository ledger;
    private final DriftRepository drifts;
    private final SeriesService series;
    private final ModelRegistry registry;
    private final LedgerProperties properties;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<Long, Range> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    LiveScoring(LedgerRepository ledger, DriftRepository drifts, SeriesService series, ModelRegistry registry,
            LedgerProperties properties, TransactionTemplate transaction, ApplicationEventPublisher events,
            Clock clock) {
        super("ledger-scorer");
        this.ledger = ledger;
        this.drifts = drifts;
        this.series = series;
        this.registry = registry;
        this.properties = properties;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void pointsStored(SeriesEvents.PointsStored stored) {
        Range range = new Range(stored.from(), stored.to());
        for (Long id : stored.seriesIds()) {
            pending.merge(id, range, Range::merge);
        }
        if (scheduled.compareAndSet(false, true)) {
            submit(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        for (Long seriesId : List.copyOf(pending.keySet())) {
            Range range = pending.remove(seriesId);
            if (range == null) {
                continue;
            }
            try {
                score(seriesId, range);
            } catch (RuntimeException e) {
                log.warn("Could not score the recorded forecasts of series {}: {}", seriesId, e.toString());
            }
        }
    }

    /**
     * Sets the actuals of the series' recorded steps in the range, then re-evaluates drift of their models. Another
     * replica's scorer may rewrite the same forecasts (an ingest on each): one that changed a forecast between this
     * read and this write wins, and this one reads again.
     */
    void score(long seriesId, Range range) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (scoreOnce(seriesId, range)) {
                return;
            }
        }
        log.warn("Scoring the recorded forecasts of series {} lost to other scorers {} times; the rest waits for its "
                + "next ingest", seriesId, ATTEMPTS);
    }

    /** @return false when another scorer changed one of the forecasts meanwhile */
    private boolean scoreOnce(long seriesId, Range range) {
        List<LedgerRepository.Stored> open = ledger.open(seriesId, range.from(), range.to());
        Instant first = null;
        Instant last = null;
        for (LedgerRepository.Stored forecast : open) {
            for (RecordedStep step : forecast.steps()) {
                if (waiting(step, range)) {
                    first = first == null || step.target().isBefore(first) ? step.target() : first;
                    last = last == null || step.target().isAfter(last) ? step.target() : last;
                }
            }
        }
        if (first == null) {
            return true;
        }
        Map<Instant, Double> actual = new HashMap<>();
        try {
            for (Point point : series.points(seriesId, first, last)) {
                actual.put(point.timestamp(), point.value());
            }
        } catch (ApiProblemException deleted) {
            return true;
        }
        List<LedgerRepository.Stored> scored = new ArrayList<>();
        Set<Long> models = new LinkedHashSet<>();
        for (LedgerRepository.Stored forecast : open) {
            List<RecordedStep> steps = new ArrayList<>(forecast.steps().size());
            boolean changed = false;
            for (RecordedStep step : forecast.steps()) {
                Double value = waiting(step, range) ? actual.get(step.target()) : null;
                steps.add(value == null ? step : step.withActual(value));
                changed |= value != null;
            }
            if (changed) {
                scored.add(new LedgerRepository.Stored(forecast.id(), forecast.scored(), steps));
                models.add(steps.get(0).modelId());
            }
        }
        if (scored.isEmpty()) {
            return true;
        }
        return transaction.execute(status -> {
            Instant now = clock.instant();
            int lost = ledger.score(scored);
            List<RecordedStep> all = ledger.scored(List.of(seriesId));
            for (long modelId : models) {
                checkDrift(seriesId, modelId, all.stream().filter(step -> step.modelId() == modelId).toList(), now);
            }
            return lost == 0;
        });
    }

    private static boolean waiting(RecordedStep step, Range range) {
        return step.actual() == null && !step.target().isBefore(range.from()) && !step.target().isAfter(range.to());
    }

    private void checkDrift(long seriesId, long modelId, List<RecordedStep> steps, Instant now) {
        ModelReference reference;
        try {
            reference = ModelReference.of(registry.version(modelId));
        } catch (ApiProblemException deleted) {
            return;
        }
        Drift previous = drifts.find(seriesId, modelId).orElse(null);
        Drift drift = DriftCheck.evaluate(steps, reference, properties.drift(), properties.accuracyWindowDays(),
                previous, now);
        drifts.save(seriesId, modelId, drift);
        if (drift.drifting() && (previous == null || !previous.drifting())) {
            events.publishEvent(new LedgerEvents.DriftFlagged(seriesId, modelId, drift, now));
        }
    }
}
