package dev.tsforge.webhooks;

import dev.tsforge.anomalies.AnomalyEvents;
import dev.tsforge.ledger.LedgerEvents;
import dev.tsforge.registry.RegistryEvents;
import dev.tsforge.training.JobStatus;
import dev.tsforge.training.TrainingEvents;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns the features' events into queued deliveries once their transaction has committed (a rolled-back job end
 * announces nothing). The rows are written in a transaction of their own: after the commit the caller's connection
 * is still bound, and a write there would never be committed. A failure here is logged and swallowed: it must not
 * fail the training that triggered it (after the commit, an exception would reach the training runner).
 */
@Component
class WebhookEventListener {

    private static final Logger log = LoggerFactory.getLogger(WebhookEventListener.class);

    private final Webhooks webhooks;
    private final TransactionTemplate ownTransaction;

    WebhookEventListener(Webhooks webhooks, PlatformTransactionManager transactions) {
        this.webhooks = webhooks;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void jobEnded(TrainingEvents.JobEnded ended) {
        WebhookEvent event = ended.status() == JobStatus.SUCCEEDED ? WebhookEvent.JOB_SUCCEEDED
                : ended.status() == JobStatus.CANCELLED ? WebhookEvent.JOB_CANCELLED : WebhookEvent.JOB_FAILED;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobId", ended.jobId());
        data.put("seriesId", ended.seriesId());
        data.put("collectionId", ended.collectionId());
        data.put("kind", ended.kind().name().toLowerCase(Locale.ROOT));
        data.put("status", ended.status().name());
        data.put("modelId", ended.modelId());
        data.put("message", ended.message());
        data.put("finishedAt", ended.finishedAt() == null ? null : ended.finishedAt().toString());
        publish(event, data);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void championChanged(RegistryEvents.ChampionChanged changed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("seriesId", changed.seriesId());
        data.put("modelId", changed.modelId());
        data.put("previousModelId", changed.previousModelId());
        data.put("trigger", changed.trigger());
        publish(WebhookEvent.CHAMPION_CHANGED, data);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void driftFlagged(LedgerEvents.DriftFlagged flagged) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("seriesId", flagged.seriesId());
        data.put("modelId", flagged.modelId());
        data.put("ratio", flagged.evidence().ratio());
        data.put("cusum", flagged.evidence().cusum());
        data.put("steps", flagged.evidence().steps());
        data.put("liveMae", flagged.evidence().liveMae());
        data.put("referenceMae", flagged.evidence().referenceMae());
        data.put("flaggedAt", flagged.flaggedAt().toString());
        publish(WebhookEvent.DRIFT_FLAGGED, data);
    }

    /** One delivery per ingest batch and series, listing its anomalies, not one per point. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void anomaliesFound(AnomalyEvents.Found found) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("seriesId", found.seriesId());
        data.put("anomalies", found.anomalies().stream().map(anomaly -> {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("timestamp", anomaly.timestamp().toString());
            point.put("value", anomaly.value());
            point.put("expected", anomaly.expected());
            point.put("lower", anomaly.lower());
            point.put("upper", anomaly.upper());
            point.put("level", anomaly.level());
            point.put("modelId", anomaly.modelId());
            return point;
        }).toList());
        publish(WebhookEvent.ANOMALY_FOUND, data);
    }

    private void publish(WebhookEvent event, Map<String, Object> data) {
        try {
            ownTransaction.executeWithoutResult(status -> webhooks.publish(event, data));
        } catch (RuntimeException e) {
            log.warn("Could not queue webhook deliveries of {} {}: {}", event.type(), data, e.toString());
        }
    }
}
