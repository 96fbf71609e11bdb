package dev.tsforge.retraining;

import dev.tsforge.background.BackgroundWorker;
import dev.tsforge.ledger.Drift;
import dev.tsforge.ledger.LedgerEvents;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.SeriesEvents;
import dev.tsforge.series.SeriesService;
import dev.tsforge.web.ApiProblemException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The AFTER_POINTS and ON_DRIFT triggers. Both events arrive after their commit (an ingest's, a scoring's); the
 * listener only leaves the series behind, and a thread of the retraining's own counts points and starts jobs, so an
 * ingest waits for none of it and the ledger's scorer is not held up.
 */
@Component
class RetrainingTriggers extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(RetrainingTriggers.class);

    private final RetrainingPolicies policies;
    private final RetrainingRepository states;
    private final Retrainer retrainer;
    private final SeriesService series;
    private final ModelRegistry registry;
    /** Series with new points, merged while the thread is busy: one count per series covers many ingests. */
    private final Set<Long> stored = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    RetrainingTriggers(RetrainingPolicies policies, RetrainingRepository states, Retrainer retrainer,
            SeriesService series, ModelRegistry registry) {
        super("retraining-triggers");
        this.policies = policies;
        this.states = states;
        this.retrainer = retrainer;
        this.series = series;
        this.registry = registry;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void pointsStored(SeriesEvents.PointsStored event) {
        stored.addAll(event.seriesIds());
        if (scheduled.compareAndSet(false, true)) {
            submit(this::drainStored);
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void driftFlagged(LedgerEvents.DriftFlagged flagged) {
        submit(() -> safely(flagged.seriesId(), () -> drifted(flagged)));
    }

    /** A deleted series takes its policy, state and firings with it, in the deleting transaction. */
    @EventListener
    void seriesDeleted(SeriesEvents.Deleted deleted) {
        states.forgetSeries(deleted.seriesId());
    }

    private void drainStored() {
        scheduled.set(false);
        List<Long> waiting = List.copyOf(stored);
        if (!policies.anyWith(RetrainingTrigger.AFTER_POINTS)) {
            // the usual case: no one counts points, and a bulk upload of many series costs one probe, not a lookup
            // per series; points stored before a policy is set are not owed to it (setting one resets the count)
            stored.removeAll(waiting);
            return;
        }
        for (Long seriesId : waiting) {
            stored.remove(seriesId);
            safely(seriesId, () -> counted(seriesId));
        }
    }

    /** Fires AFTER_POINTS once the series holds the policy's number of points more than it had when last fired. */
    void counted(long seriesId) {
        Optional<RetrainingPolicy> policy = policies.applying(seriesId)
                .filter(p -> p.trigger() == RetrainingTrigger.AFTER_POINTS);
        if (policy.isEmpty()) {
            return;
        }
        long count = series.stats(seriesId).count();
        long seen = states.state(seriesId, count).pointsSeen();
        if (states.takePoints(seriesId, count, policy.get().points())) {
            retrainer.fire(policy.get(), seriesId, null, (count - seen) + " new points (the policy fires after "
                    + policy.get().points() + ")");
        }
    }

    void drifted(LedgerEvents.DriftFlagged flagged) {
        Optional<RetrainingPolicy> policy = policies.applying(flagged.seriesId())
                .filter(p -> p.trigger() == RetrainingTrigger.ON_DRIFT);
        if (policy.isEmpty()) {
            return;
        }
        long champion = registry.champion(flagged.seriesId()).map(ModelVersion::id).orElse(-1L);
        if (champion != flagged.modelId()) {
            // the drift of a model that is no longer served: its successor has its own record
            log.info("Drift of series {} under model {} ignored: the champion is now {}", flagged.seriesId(),
                    flagged.modelId(), champion);
            return;
        }
        Drift evidence = flagged.evidence();
        retrainer.fire(policy.get(), flagged.seriesId(), null, String.format(Locale.ROOT,
                "drift flagged under model %d: live MAE %.4g over reference %.4g (ratio %.3g), CUSUM %.3g over %d "
                        + "steps", flagged.modelId(), evidence.liveMae(), evidence.referenceMae(), evidence.ratio(),
                evidence.cusum(), evidence.steps()));
    }

    private static void safely(long seriesId, Runnable work) {
        try {
            work.run();
        } catch (ApiProblemException deleted) {
            log.info("Retraining trigger of series {} dropped: {}", seriesId, deleted.getBody().getDetail());
        } catch (RuntimeException e) {
            log.warn("Retraining trigger of series {} failed: {}", seriesId, e.toString());
        }
    }
}
