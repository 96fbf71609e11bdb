package dev.tsforge.ledger;

import dev.tsforge.forecasting.Forecast;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes a forecast into the ledger with what seasonal naive would have forecast from the same origin (so that live
 * accuracy can be read beside it later, whatever the series holds then), and keeps the series' ledger within
 * {@code tsforge.ledger.max-forecasts-per-series} (1 % over it at most, between two trims). A forecast it has written
 * already, with the same baseline, is not written again ({@link RepeatedForecasts}).
 */
@Component
class LedgerWriter {

    /** A series' ledger may hold up to 1 / TRIM_SLACK more than max-forecasts-per-series between two trims. */
    private static final int TRIM_SLACK = 100;

    private final LedgerRepository ledger;
    private final SeriesService series;
    private final SeasonalBaselines baselines;
    private final LedgerProperties properties;
    /** New forecasts per series since its ledger was last trimmed by this replica. */
    private final Map<Long, Integer> sinceTrim = new ConcurrentHashMap<>();
    private final RepeatedForecasts repeats = new RepeatedForecasts();

    LedgerWriter(LedgerRepository ledger, SeriesService series, SeasonalBaselines baselines,
            LedgerProperties properties) {
        this.ledger = ledger;
        this.series = series;
        this.baselines = baselines;
        this.properties = properties;
    }

    /** A forecast as it was served, and when. */
    record Served(Forecast forecast, Instant at) {
    }

    /**
     * What a write did.
     *
     * @param written  forecasts written
     * @param repeated forecasts not written because the ledger holds the same already
     */
    record Outcome(int written, int repeated) {
    }

    /**
     * Writes the forecasts in one transaction: on a machine whose cores also serve the forecasts, a commit per
     * forecast cost more than its rows. Within the batch a series is read once and its ledger trimmed at most once;
     * seasonal naive's season comes from {@link SeasonalBaselines}, read once per origin. All or nothing: one that
     * cannot be written (its series deleted meanwhile) rolls the lot back, and the caller writes them one by one.
     * Those without timestamps to score them by are neither written nor counted.
     */
    @Transactional
    public Outcome writeAll(List<Served> forecasts, RecordingMode trigger) {
        Batch batch = new Batch();
        for (Served served : forecasts) {
            batch.add(served.forecast(), trigger, served.at());
        }
        return batch.write();
    }

    /** Writes one forecast, as {@link #writeAll} does. */
    @Transactional
    public Outcome write(Forecast forecast, RecordingMode trigger, Instant recordedAt) {
        Batch batch = new Batch();
        batch.add(forecast, trigger, recordedAt);
        return batch.write();
    }

    /** What one transaction writes, and the series it has read for it. */
    private final class Batch {

        private final Map<Long, Series> targets = new HashMap<>();
        private final List<LedgerRepository.NewForecast> rows = new ArrayList<>();
        private final Set<RepeatedForecasts.Key> keys = new HashSet<>();
        private int repeated;

        void add(Forecast forecast, RecordingMode trigger, Instant recordedAt) {
            Instant origin = forecast.input() == null ? null : forecast.input().to();
            if (forecast.seriesId() == null || origin == null || forecast.points().isEmpty()
                    || forecast.points().get(0).timestamp() == null) {
                return;
            }
            Series target = targets.computeIfAbsent(forecast.seriesId(), series::get);
            double[] naive = baselines.from(target, origin, forecast.horizon());
            RepeatedForecasts.Key key = RepeatedForecasts.keyOf(forecast, naive);
            if (repeats.seen(key) || !keys.add(key)) {
                repeated++;
                return;
            }
            List<RecordedStep> steps = new ArrayList<>(forecast.points().size());
            for (Forecast.Step step : forecast.points()) {
                List<Bound> bounds = step.intervals().stream()
                        .map(interval -> new Bound(interval.level(), interval.lower(), interval.upper())).toList();
                double baseline = naive[step.step() - 1];
                steps.add(new RecordedStep(0, target.id(), forecast.modelId(), step.step(), step.timestamp(),
                        step.value(), bounds, Double.isNaN(baseline) ? null : baseline, null));
            }
            rows.add(new LedgerRepository.NewForecast(target.id(), target.collectionId(), forecast.modelId(), origin,
                    trigger, recordedAt, steps));
        }

        /**
         * The rows in one JDBC batch, then the ledgers of series with enough new forecasts trimmed; the forecasts
         * count as written once the transaction commits (a rolled-back one is written again when asked again).
         */
        Outcome write() {
            if (rows.isEmpty()) {
                return new Outcome(0, repeated);
            }
            ledger.insert(rows);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    keys.forEach(repeats::remember);
                }
            });
            int keep = properties.maxForecastsPerSeries();
            // a trim reads the ids of the series' newest `keep` forecasts: after every 1 % of that many, not each
            int every = Math.max(1, keep / TRIM_SLACK);
            Map<Long, Integer> written = new HashMap<>();
            rows.forEach(row -> written.merge(row.seriesId(), 1, Integer::sum));
            written.forEach((seriesId, count) -> {
                if (sinceTrim.merge(seriesId, count, Integer::sum) >= every) {
                    ledger.trim(seriesId, keep);
                    sinceTrim.remove(seriesId);
                }
            });
            return new Outcome(rows.size(), repeated);
        }
    }
}
