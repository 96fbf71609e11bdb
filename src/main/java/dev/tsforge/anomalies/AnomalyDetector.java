package dev.tsforge.anomalies;

import dev.tsforge.background.QueueWorker;
import dev.tsforge.series.SeriesEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Flags the anomalies among newly stored points without slowing the ingest down: after an ingest commits, its thread
 * only offers the batch (series ids and range) to a bounded queue, which one thread of the detector's own drains,
 * so nothing here waits behind JobRunr's training workers either. A full queue drops the batch (its points stay
 * unscored; a backfill scores them later); {@code tsforge.anomalies.dropped} counts those. Each batch is scored on
 * its own, not merged with the next, so that each gives at most one webhook delivery per series.
 */
@Component
class AnomalyDetector extends QueueWorker<SeriesEvents.PointsStored> {

    private static final Logger log = LoggerFactory.getLogger(AnomalyDetector.class);

    private final Anomalies anomalies;
    private final Counter dropped;

    AnomalyDetector(Anomalies anomalies, AnomalyProperties properties, MeterRegistry meters) {
        super("anomaly-detector", properties.queueCapacity(), 64);
        this.anomalies = anomalies;
        this.dropped = Counter.builder("tsforge.anomalies.dropped")
                .description("Ingest batches not scored for anomalies: the detector's queue was full").register(meters);
        Gauge.builder("tsforge.anomalies.queue", this, AnomalyDetector::queued)
                .description("Ingest batches waiting to be scored for anomalies").register(meters);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void pointsStored(SeriesEvents.PointsStored stored) {
        if (!offer(stored)) {
            dropped.increment();
        }
    }

    @Override
    protected void process(List<SeriesEvents.PointsStored> batches) {
        for (SeriesEvents.PointsStored stored : batches) {
            Set<Long> enabled;
            try {
                enabled = anomalies.enabledAmong(stored.seriesIds());
            } catch (RuntimeException e) {
                log.warn("Could not read the anomaly settings of an ingest batch: {}", e.toString());
                continue;
            }
            for (long seriesId : stored.seriesIds()) {
                if (!enabled.contains(seriesId)) {
                    continue;
                }
                try {
                    anomalies.detect(seriesId, stored.from(), stored.to());
                } catch (RuntimeException e) {
                    // a series deleted meanwhile, or the database gone: this batch is unscored, the next ones are not
                    log.warn("Could not score series {} for anomalies: {}", seriesId, e.toString());
                }
            }
        }
    }
}
