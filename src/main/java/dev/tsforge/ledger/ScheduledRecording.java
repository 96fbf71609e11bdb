package dev.tsforge.ledger;

import dev.tsforge.background.PeriodicTask;
import dev.tsforge.forecasting.Forecast;
import dev.tsforge.forecasting.ForecastQuery;
import dev.tsforge.forecasting.ForecastService;
import dev.tsforge.series.CollectionService;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesFilter;
import dev.tsforge.web.ApiProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes the SCHEDULED recordings and applies retention, every {@code tsforge.ledger.scheduler-interval}, on a thread
 * of the ledger's own. Each replica looks; the one that moves the policy's last tick forward (a compare-and-set in the
 * database) records it, so a tick is recorded once however many replicas run. Not on JobRunr's recurring jobs: its
 * workers are the training slots, and a daily recording would wait behind an hour-long training.
 */
@Component
class ScheduledRecording extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRecording.class);

    private final PolicyRepository policies;
    private final RecordingPolicies settings;
    private final LedgerRepository ledger;
    private final ForecastService forecasts;
    private final CollectionService collections;
    private final ForecastRecorder recorder;
    private final LedgerProperties properties;
    private final Clock clock;

    ScheduledRecording(PolicyRepository policies, RecordingPolicies settings, LedgerRepository ledger,
            ForecastService forecasts, CollectionService collections, ForecastRecorder recorder,
            LedgerProperties properties, Clock clock) {
        super("ledger-schedule");
        this.policies = policies;
        this.settings = settings;
        this.ledger = ledger;
        this.forecasts = forecasts;
        this.collections = collections;
        this.recorder = recorder;
        this.properties = properties;
        this.clock = clock;
    }

    /** One round: due ticks, then retention. */
    @Override
    protected void tick() {
        Instant now = clock.instant();
        for (RecordingPolicy policy : policies.scheduled()) {
            Instant due = policy.dueTick(now);
            if (due != null && policies.claim(policy.id(), due)) {
                record(policy);
            }
        }
        int deleted = ledger.deleteRecordedBefore(now.minus(Duration.ofDays(properties.retentionDays())));
        if (deleted > 0) {
            log.info("Deleted {} recorded forecasts older than {} days", deleted, properties.retentionDays());
        }
    }

    private void record(RecordingPolicy policy) {
        List<Long> targets = policy.seriesId() != null ? List.of(policy.seriesId())
                : collections.members(new SeriesFilter(policy.collectionId(), List.of())).stream()
                        // a member with a setting of its own follows that one
                        .map(Series::id).filter(id -> settings.applying(id).map(RecordingPolicy::id)
                                .filter(applying -> applying == policy.id()).isPresent())
                        .toList();
        for (long seriesId : targets) {
            try {
                Forecast forecast = forecasts.forecast(new ForecastQuery(seriesId, null, null, null,
                        policy.horizon(), null));
                recorder.recordNow(forecast, RecordingMode.SCHEDULED);
            } catch (ApiProblemException e) {
                // no champion yet, too short: nothing to record this tick
                log.info("Scheduled recording of series {} skipped: {}", seriesId, e.getBody().getDetail());
            } catch (RuntimeException e) {
                log.warn("Scheduled recording of series {} failed: {}", seriesId, e.toString());
            }
        }
    }

    @Override
    protected Duration interval() {
        return properties.schedulerInterval();
    }
}
