package dev.tsforge.ledger;

import dev.tsforge.background.QueueWorker;
import dev.tsforge.forecasting.Forecast;
import dev.tsforge.forecasting.ForecastEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records the champion forecasts of series set to {@code EVERY} without adding to their latency: the request thread
 * only looks up the (cached) setting and offers the forecast to a bounded queue, which one writer thread drains into
 * the database. A full queue (the database slower than the forecasts) drops the forecast rather than block the
 * request; {@code tsforge.ledger.dropped} counts those. What the thread drains at once (what came within
 * {@link #LINGER} of the first) is written in one transaction; one the ledger holds already (the same model, origin,
 * horizon and numbers) is not written again, and {@code tsforge.ledger.repeated} counts those. Forecasts still queued
 * at shutdown are lost, as are dropped ones: the ledger is a sample of what was served, not an audit log.
 */
@Component
class ForecastRecorder extends QueueWorker<LedgerWriter.Served> {

    private static final Logger log = LoggerFactory.getLogger(ForecastRecorder.class);
    private static final int BATCH = 256;
    /**
     * Forecasts offered within this long of the first join its transaction: the commit (a file write, on H2 with
     * {@code WRITE_DELAY=0}) was most of the writer's time per forecast when it wrote one or two at a time.
     */
    private static final Duration LINGER = Duration.ofMillis(100);

    private final RecordingPolicies policies;
    private final LedgerWriter writer;
    private final Clock clock;
    private final Counter dropped;
    private final Counter recorded;
    private final Counter repeated;

    ForecastRecorder(RecordingPolicies policies, LedgerWriter writer, LedgerProperties properties, Clock clock,
            MeterRegistry meters) {
        super("ledger-writer", properties.queueCapacity(), BATCH, LINGER);
        this.policies = policies;
        this.writer = writer;
        this.clock = clock;
        this.dropped = Counter.builder("tsforge.ledger.dropped")
                .description("Forecasts to record that were dropped: the ledger's queue was full, or the setting "
                        + "unreadable")
                .register(meters);
        this.recorded = Counter.builder("tsforge.ledger.recorded")
                .description("Forecasts written to the ledger").register(meters);
        this.repeated = Counter.builder("tsforge.ledger.repeated")
                .description("Forecasts not written because the ledger holds the same already (series, model, origin, "
                        + "horizon and numbers)")
                .register(meters);
        Gauge.builder("tsforge.ledger.queue", this, ForecastRecorder::queued)
                .description("Forecasts waiting to be written to the ledger").register(meters);
    }

    @EventListener
    void served(ForecastEvents.ChampionServed served) {
        Long seriesId = served.forecast().seriesId();
        try {
            if (seriesId == null || policies.applying(seriesId).map(RecordingPolicy::mode)
                    .filter(RecordingMode.EVERY::equals).isEmpty()) {
                return;
            }
        } catch (RuntimeException e) {
            // the setting could not be read (the database busy or gone): the forecast is served all the same
            log.debug("Recording setting of series {} unreadable: {}", seriesId, e.toString());
            dropped.increment();
            return;
        }
        if (!offer(new LedgerWriter.Served(served.forecast(), clock.instant()))) {
            dropped.increment();
        }
    }

    /** Writes a forecast now, on the caller's thread (scheduled recordings, which are off the request path). */
    void recordNow(Forecast forecast, RecordingMode trigger) {
        count(writer.write(forecast, trigger, clock.instant()));
    }

    @Override
    protected void process(List<LedgerWriter.Served> batch) {
        try {
            count(writer.writeAll(batch, RecordingMode.EVERY));
        } catch (RuntimeException batchFailed) {
            writeOneByOne(batch);
        }
    }

    private void writeOneByOne(List<LedgerWriter.Served> batch) {
        for (LedgerWriter.Served served : batch) {
            try {
                count(writer.write(served.forecast(), RecordingMode.EVERY, served.at()));
            } catch (RuntimeException e) {
                // a series deleted meanwhile, or the database gone: this forecast is lost, the next ones are not
                log.warn("Could not record a forecast of series {}: {}", served.forecast().seriesId(), e.toString());
            }
        }
    }

    private void count(LedgerWriter.Outcome outcome) {
        recorded.increment(outcome.written());
        repeated.increment(outcome.repeated());
    }
}
