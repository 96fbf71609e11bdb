package dev.tsforge.ledger;

import dev.tsforge.forecasting.Forecast;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a forecast into the ledger with what seasonal naive would have forecast from the same origin (so that live
 * accuracy can be read beside it later, whatever the series holds then), and keeps the series' ledger within
 * {@code tsforge.ledger.max-forecasts-per-series} (1 % over it at most, between two trims).
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
     * Writes the forecasts in one transaction: on a machine whose cores also serve the forecasts, a commit per
     * forecast cost more than its rows. Within the batch a series is read once and its ledger trimmed at most once;
     * seasonal naive's season comes from {@link SeasonalBaselines}, read once per origin. All or nothing: one that
     * cannot be written (its series deleted meanwhile) rolls the lot back, and the caller writes them one by one.
     *
     * @return how many were written (those without timestamps are not)
     */
    @Transactional
    public int writeAll(List<Served> forecasts, RecordingMode trigger) {
        Batch batch = new Batch();
        int written = 0;
        for (Served served : forecasts) {
            written += batch.add(served.forecast(), trigger, served.at()) ? 1 : 0;
        }
        batch.write();
        return written;
    }

    /** @return false when the forecast has no timestamps to score it by (nothing is written) */
    @Transactional
    public boolean write(Forecast forecast, RecordingMode trigger, Instant recordedAt) {
        Batch batch = new Batch();
        boolean written = batch.add(forecast, trigger, recordedAt);
        batch.write();
        return written;
    }

    /** What one transaction writes, and the series it has read for it. */
    private final class Batch {

        private final Map<Long, Series> targets = new HashMap<>();
        private final List<LedgerRepository.NewForecast> rows = new ArrayList<>();

        boolean add(Forecast forecast, RecordingMode trigger, Instant recordedAt) {
            Instant origin = forecast.input() == null ? null : forecast.input().to();
            if (forecast.seriesId() == null || origin == null || forecast.points().isEmpty()
                    || forecast.points().get(0).timestamp() == null) {
                return false;
            }
            Series target = targets.computeIfAbsent(forecast.seriesId(), series::get);
            double[] naive = baselines.from(target, origin, forecast.horizon());
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
            return true;
        }

        /** The rows in one JDBC batch, then the ledgers of series with enough new forecasts trimmed. */
        void write() {
            ledger.insert(rows);
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
        }
    }
}
