package dev.tsforge.training;

import dev.tsforge.model.SpecOptions.GapPolicy;
import dev.tsforge.series.GapFilling;
import dev.tsforge.series.GapFreeRuns;
import dev.tsforge.series.Point;
import dev.tsforge.series.Series;
import java.time.Instant;
import java.util.List;

/** A series' points as runs of consecutive grid values, as a spec's gap policy says: what a network may read. */
public final class SeriesRuns {

    private SeriesRuns() {
    }

    /** The most recent run and the timestamp of its last value. */
    public record Recent(double[] values, Instant last) {
    }

    /**
     * SPLIT: the gap-free runs; REJECT: the one run, or an {@link IllegalStateException} when there are gaps;
     * LINEAR and FORWARD_FILL: one run over the whole grid, gaps filled; MASK: the whole grid, NaN where missing.
     */
    public static List<double[]> of(List<Point> points, Series target, GapPolicy policy) {
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

    /** The last run a model can read, gaps filled where the policy fills them; empty for a series without points. */
    public static Recent recent(List<Point> points, Series target, GapPolicy policy) {
        if (points.isEmpty()) {
            return new Recent(new double[0], null);
        }
        Instant last = points.get(points.size() - 1).timestamp();
        List<double[]> runs = policy == GapPolicy.REJECT ? GapFreeRuns.split(points, target.frequency())
                : of(points, target, policy);
        return new Recent(runs.get(runs.size() - 1), last);
    }
}
