package dev.tsforge.anomalies;

import dev.tsforge.forecasting.BatchOutcome;
import dev.tsforge.forecasting.Forecast;
import dev.tsforge.forecasting.ForecastQuery;
import dev.tsforge.forecasting.ForecastService;
import dev.tsforge.model.ModelSpec;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.Frequency;
import dev.tsforge.series.Point;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import dev.tsforge.series.SeriesWindows;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Scores stored points against the series' champion: each run of points is forecast from the origin just before it
 * (the stored point before its first one, the history up to there as input), at the model's own horizon; points
 * further from that origin than the horizon start the next run, from the stored point before them. The forecasts go
 * through {@link ForecastService} as values sent with a model id, so that the divergence guard and every interval
 * method and fallback apply as they do to a served forecast, and none of them is recorded in the ledger.
 */
@Component
class AnomalyScoring {

    /** Forecasts per call of the forecast service: one forward pass per step for all of them. */
    private static final int BATCH = 256;

    /**
     * @param scored     timestamps given a verdict (flagged or not)
     * @param flagged    the anomalies among them
     * @param skipped    points given no verdict
     * @param skipReason why the last of them was skipped, or null
     */
    record Outcome(List<Instant> scored, List<Anomaly> flagged, int skipped, String skipReason) {

        static Outcome skippedAll(int count, String reason) {
            return new Outcome(List.of(), List.of(), count, reason);
        }
    }

    private record Run(Instant origin, double[] input, List<Point> targets) {
    }

    private final ForecastService forecasts;
    private final SeriesService series;
    private final ModelRegistry registry;
    private final Clock clock;

    AnomalyScoring(ForecastService forecasts, SeriesService series, ModelRegistry registry, Clock clock) {
        this.forecasts = forecasts;
        this.series = series;
        this.registry = registry;
        this.clock = clock;
    }

    /** Scores the series' stored points in [from, to] at {@code level}. */
    Outcome score(long seriesId, Instant from, Instant to, double level) {
        Series target = series.get(seriesId);
        List<Point> targets = series.points(seriesId, from, to);
        if (targets.isEmpty()) {
            return Outcome.skippedAll(0, null);
        }
        Optional<ModelVersion> champion = registry.champion(seriesId);
        if (champion.isEmpty()) {
            return Outcome.skippedAll(targets.size(), "the series has no champion");
        }
        ModelVersion model = champion.get();
        ModelSpec spec = model.spec();
        Frequency frequency = target.frequency();
        // enough grid steps before the first point for a full input even where a gap-filling policy spans gaps
        List<Point> history = series.points(seriesId, frequency.plus(targets.get(0).timestamp(),
                -(2L * spec.inputLength() + spec.horizon())), to);
        List<Run> runs = new ArrayList<>();
        int skipped = 0;
        String reason = null;
        int i = 0;
        while (i < targets.size()) {
            Instant first = targets.get(i).timestamp();
            int originAt = lastBefore(history, first);
            if (originAt < 0) {
                skipped++;
                reason = "no stored point within " + (2 * spec.inputLength() + spec.horizon()) + " grid steps before "
                        + first + " to forecast it from";
                i++;
                continue;
            }
            Instant origin = history.get(originAt).timestamp();
            long originIndex = frequency.index(origin);
            int end = i;
            while (end < targets.size()
                    && frequency.index(targets.get(end).timestamp()) - originIndex <= spec.horizon()) {
                end++;
            }
            if (end == i) {
                // the stored point before it is further back than the model forecasts: it is the next one's origin
                skipped++;
                reason = first + " lies more than the model's horizon (" + spec.horizon() + " steps) after the stored "
                        + "point before it, " + origin;
                i++;
                continue;
            }
            double[] input = input(history.subList(0, originAt + 1), target, spec);
            if (input.length < spec.minimumInput()) {
                skipped += end - i;
                reason = "the model reads " + spec.minimumInput() + " values before " + first + "; the stored "
                        + "history up to " + origin + " gives " + input.length + " under its gap policy "
                        + spec.gapPolicy();
            } else {
                runs.add(new Run(origin, input, targets.subList(i, end)));
            }
            i = end;
        }
        List<Instant> scored = new ArrayList<>();
        List<Anomaly> flagged = new ArrayList<>();
        for (int start = 0; start < runs.size(); start += BATCH) {
            List<Run> batch = runs.subList(start, Math.min(runs.size(), start + BATCH));
            List<BatchOutcome> outcomes = forecasts.forecastAll(batch.stream().map(run -> new ForecastQuery(null,
                    model.id(), Arrays.stream(run.input()).boxed().toList(), run.origin(), spec.horizon(),
                    List.of(level))).toList());
            Instant now = clock.instant();
            for (int r = 0; r < batch.size(); r++) {
                Run run = batch.get(r);
                if (outcomes.get(r) instanceof BatchOutcome.Refused refused) {
                    skipped += run.targets().size();
                    reason = "the forecast from " + run.origin() + " was refused: "
                            + refused.problem().getBody().getDetail();
                    continue;
                }
                Forecast forecast = ((BatchOutcome.Forecasted) outcomes.get(r)).forecast();
                long originIndex = frequency.index(run.origin());
                for (Point point : run.targets()) {
                    int step = (int) (frequency.index(point.timestamp()) - originIndex);
                    Forecast.Step predicted = forecast.points().get(step - 1);
                    Forecast.Interval band = predicted.intervals().get(0);
                    if (band.lower() == null || band.upper() == null) {
                        skipped++;
                        reason = "the forecast from " + run.origin() + " has no " + level + " % interval: "
                                + forecast.intervalNote();
                        continue;
                    }
                    scored.add(point.timestamp());
                    if (point.value() < band.lower() || point.value() > band.upper()) {
                        flagged.add(new Anomaly(point.timestamp(), point.value(), predicted.value(), band.lower(),
                                band.upper(), level, model.id(), run.origin(), step, now));
                    }
                }
            }
        }
        return new Outcome(scored, flagged, skipped, reason);
    }

    /** The model's input from the stored points up to the origin, as its gap policy reads them (NaN-free). */
    private static double[] input(List<Point> upToOrigin, Series target, ModelSpec spec) {
        double[] run = SeriesWindows.recent(upToOrigin, target, spec.gapPolicy()).values();
        double[] input = Arrays.copyOfRange(run, Math.max(0, run.length - spec.inputLength()), run.length);
        // a masked step is unknown to a network, but a value sent with a request must be a number: the input is
        // then cut after the last missing value, and usually too short
        int lastMissing = -1;
        for (int k = 0; k < input.length; k++) {
            if (Double.isNaN(input[k])) {
                lastMissing = k;
            }
        }
        return lastMissing < 0 ? input : Arrays.copyOfRange(input, lastMissing + 1, input.length);
    }

    /** The position of the last point before {@code t}, or -1. */
    private static int lastBefore(List<Point> points, Instant t) {
        int low = 0;
        int high = points.size() - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (points.get(mid).timestamp().isBefore(t)) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }
}
