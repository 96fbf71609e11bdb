package dev.tsforge.ledger;

import dev.tsforge.forecasting.Forecast;
import dev.tsforge.series.Frequency;
import dev.tsforge.series.Point;
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
    private final LedgerProperties properties;

    LedgerWriter(LedgerRepository ledger, SeriesService series, LedgerProperties properties) {
        this.ledger = ledger;
        this.series = series;
        this.properties = properties;
    }

    /** A forecast as it was served, and when. */
    record Served(Forecast forecast, Instant at) {
    }

    /**
     * Writes the forecasts in one transaction: on a machine whose cores also serve the forecasts, a commit per
     * forecast cost more than its rows. Within the batch a series is read once, a season once per origin and the
     * ledger trimmed once per series. All or nothing: one that cannot be written (its series deleted meanwhile)
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

    /** What one transaction writes, and what it has read for it: the series and their seasons, by series and origin. */
    private final class Batch {

        private record Season(long seriesId, Instant origin, int horizon) {
        }

        private final Map<Long, Series> targets = new HashMap<>();
        private final Map<Season, double[]> seasons = new HashMap<>();
        private final List<LedgerRepository.NewForecast> rows = new ArrayList<>();

        boolean add(Forecast forecast, RecordingMode trigger, Instant recordedAt) {
            Instant origin = forecast.input() == null ? null : forecast.input().to();
            if (forecast.seriesId() == null || origin == null || forecast.points().isEmpty()
                    || forecast.points().get(0).timestamp() == null) {
                return false;
            }
            Series target = targets.computeIfAbsent(forecast.seriesId(), series::get);
            double[] naive = seasons.computeIfAbsent(new Season(target.id(), origin, forecast.horizon()),
                    season -> seasonalNaive(target, origin, forecast.horizon()));
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

    /**
     * Seasonal naive from {@code origin}: step h repeats the value {@code period - (h - 1) % period} steps before
     * origin's next step, as {@code Baselines.seasonalNaive} does on the history; NaN where that point is missing.
     */
    private double[] seasonalNaive(Series target, Instant origin, int horizon) {
        Frequency grid = target.frequency();
        int period = Math.max(1, target.seasonalPeriod());
        Map<Instant, Double> season = new HashMap<>();
        for (Point point : series.points(target.id(), grid.plus(origin, -(period - 1)), origin)) {
            season.put(point.timestamp(), point.value());
        }
        double[] forecast = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            Double value = season.get(grid.plus(origin, -(period - 1) + h % period));
            forecast[h] = value == null ? Double.NaN : value;
        }
        return forecast;
    }
}
