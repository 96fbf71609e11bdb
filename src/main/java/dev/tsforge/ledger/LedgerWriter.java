package dev.tsforge.ledger;

import dev.tsforge.forecasting.Forecast;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a forecast into the ledger with what seasonal naive would have forecast from the same origin (so that live
 * accuracy can be read beside it later, whatever the series holds then), and keeps the series' ledger within
 * {@code tsforge.ledger.max-forecasts-per-series}.
 */
@Component
class LedgerWriter {

    private final LedgerRepository ledger;
    private final SeriesService series;
    private final SeasonalBaselines baselines;
    private final LedgerProperties properties;

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
     * forecast cost more than its rows. Within the batch a series is read once and its ledger trimmed once; seasonal
     * naive's season comes from {@link SeasonalBaselines}, read once per origin. All or nothing: one that cannot be written (its series deleted meanwhile)
     * rolls the lot back, and the caller writes them one by one.
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

        /** The rows in one JDBC batch, then each series' ledger trimmed once. */
        void write() {
            ledger.insert(rows);
            for (long seriesId : targets.keySet()) {
                ledger.trim(seriesId, properties.maxForecastsPerSeries());
            }
        }
    }
}
