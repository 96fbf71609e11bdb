package dev.tsforge.series;

import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A series' points as a model may read them, as a {@link GapPolicy} says: the one place that decides what each
 * policy does with missing grid points, for training runs, backtest tails and forecast inputs alike.
 */
public final class SeriesWindows {

    private SeriesWindows() {
    }

    /** The most recent run and the timestamp of its last value. */
    public record Recent(double[] values, Instant last) {
    }

    /**
     * The input of a forecast from a series' latest points, and what the forecast tells about it.
     *
     * @param values       one value per grid step, {@code lookback} of them; NaN where masked
     * @param first        timestamp of the first input value
     * @param last         timestamp of the last input value
     * @param pointCount   points the whole series holds
     * @param missingCount grid steps without a point between the series' first and last points
     * @param gapHandling  how the policy treated the input, in words
     * @param imputed      input values filled in rather than observed
     * @param masked       input values missing and masked (MASK)
     * @param series       the whole series' count and range of values
     */
    public record LatestWindow(double[] values, Instant first, Instant last, long pointCount, long missingCount,
            String gapHandling, int imputed, int masked, PointStats series) {
    }

    /** A series' forecast input, or the problem that keeps it from having one (exactly one is null). */
    public record MemberWindow(Series series, LatestWindow window, ApiProblemException problem) {
    }

    /**
     * SPLIT: the gap-free runs; REJECT: the one run, or an {@link IllegalStateException} when there are gaps;
     * LINEAR and FORWARD_FILL: one run over the whole grid, gaps filled; MASK: the whole grid, NaN where missing.
     */
    public static List<double[]> runs(List<Point> points, Series target, GapPolicy policy) {
        return switch (policy) {
            case SPLIT -> GapFreeRuns.split(points, target.frequency());
            case REJECT -> {
                List<double[]> runs = GapFreeRuns.split(points, target.frequency());
                if (runs.size() > 1) {
                    throw new IllegalStateException("the series has gaps and gapPolicy is REJECT");
                }
                yield runs;
            }
            case LINEAR -> List.of(GapFilling.fill(points, target.frequency(), true).values());
            case FORWARD_FILL -> List.of(GapFilling.fill(points, target.frequency(), false).values());
            case MASK -> List.of(GapFilling.grid(points, target.frequency()));
        };
    }

    /**
     * The timestamp of each run's first value, in the order of {@link #runs}: what a network with calendar covariates
     * computes the timestamps of every training step from.
     */
    public static List<Instant> runStarts(List<Point> points, Series target, GapPolicy policy) {
        if (points.isEmpty()) {
            return List.of();
        }
        if (policy != GapPolicy.SPLIT && policy != GapPolicy.REJECT) {
            return List.of(points.get(0).timestamp());
        }
        Frequency frequency = target.frequency();
        List<Instant> starts = new java.util.ArrayList<>();
        starts.add(points.get(0).timestamp());
        for (int i = 1; i < points.size(); i++) {
            if (frequency.index(points.get(i).timestamp()) != frequency.index(points.get(i - 1).timestamp()) + 1) {
                starts.add(points.get(i).timestamp());
            }
        }
        return starts;
    }

    /** The last run a model can read, gaps filled where the policy fills them; empty for a series without points. */
    public static Recent recent(List<Point> points, Series target, GapPolicy policy) {
        if (points.isEmpty()) {
            return new Recent(new double[0], null);
        }
        Instant last = points.get(points.size() - 1).timestamp();
        // REJECT refuses gaps when a model is trained; read later, the series gets the same treatment as SPLIT
        List<double[]> runs = policy == GapPolicy.REJECT ? GapFreeRuns.split(points, target.frequency())
                : runs(points, target, policy);
        return new Recent(runs.get(runs.size() - 1), last);
    }

    /**
     * The last {@code lookback} grid steps from the series' newest {@code lookback} points: LINEAR and
     * FORWARD_FILL fill the missing steps, MASK leaves them NaN, SPLIT and REJECT need the points consecutive.
     *
     * @param latest the newest {@code lookback} points, oldest first
     * @param stats  the whole series' count and range, for the summary
     * @throws ApiProblemException 422 {@code GAP_IN_WINDOW} when SPLIT or REJECT find a gap among the points
     */
    static LatestWindow latest(List<Point> latest, Series target, int lookback, GapPolicy policy, PointStats stats) {
        Frequency frequency = target.frequency();
        Instant last = latest.get(lookback - 1).timestamp();
        long missing = GapFilling.missing(stats, frequency);
        long points = stats.count();
        if (policy == GapPolicy.LINEAR || policy == GapPolicy.FORWARD_FILL) {
            GapFilling.Filled window = GapFilling.fill(latest, frequency, policy == GapPolicy.LINEAR).tail(lookback);
            return new LatestWindow(window.values(), frequency.plus(last, -(lookback - 1)), last, points, missing,
                    policy + ": missing points in the input are filled in", window.imputedCount(), 0, stats);
        }
        if (policy == GapPolicy.MASK) {
            // the latest lookback points span at least the last lookback grid steps: every point of those is here
            double[] grid = GapFilling.grid(latest, frequency);
            double[] window = Arrays.copyOfRange(grid, grid.length - lookback, grid.length);
            return new LatestWindow(window, frequency.plus(last, -(lookback - 1)), last, points, missing,
                    "MASK: missing points in the input are masked, unknown to the network", 0,
                    lookback - Accuracy.observed(window), stats);
        }
        if (!GapFreeRuns.isGapFree(latest, frequency)) {
            throw new ApiProblemException(ProblemType.GAP_IN_WINDOW, "The last " + lookback + " points ("
                    + latest.get(0).timestamp() + " to " + latest.get(lookback - 1).timestamp()
                    + ") have a gap; the model needs them consecutive on the " + frequency + " grid",
                    Map.of("from", latest.get(0).timestamp().toString(),
                            "to", latest.get(lookback - 1).timestamp().toString()));
        }
        return new LatestWindow(GapFreeRuns.values(latest), latest.get(0).timestamp(), last, points, missing,
                policy + ": the input window must be consecutive on the grid", 0, 0, stats);
    }
}
