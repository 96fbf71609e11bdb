package dev.tsforge.series;

import java.util.Arrays;
import java.util.List;

/** Lays points on their full grid, filling the missing steps (LINEAR, FORWARD_FILL) or leaving them NaN (MASK). */
public final class GapFilling {

    private GapFilling() {
    }

    /** One value per grid step, and which of them were filled in. */
    public record Filled(double[] values, boolean[] imputed) {

        public int imputedCount() {
            int count = 0;
            for (boolean filled : imputed) {
                count += filled ? 1 : 0;
            }
            return count;
        }

        /** The last {@code count} steps. */
        public Filled tail(int count) {
            int from = values.length - count;
            return new Filled(Arrays.copyOfRange(values, from, values.length),
                    Arrays.copyOfRange(imputed, from, imputed.length));
        }
    }

    /**
     * Every grid step from the first point to the last (points sorted by time); a missing step takes the linear
     * interpolation between its observed neighbours ({@code linear}), or the last observed value.
     */
    public static Filled fill(List<Point> points, Frequency frequency, boolean linear) {
        if (points.isEmpty()) {
            return new Filled(new double[0], new boolean[0]);
        }
        long first = frequency.index(points.get(0).timestamp());
        int length = Math.toIntExact(frequency.index(points.get(points.size() - 1).timestamp()) - first + 1);
        double[] values = new double[length];
        boolean[] imputed = new boolean[length];
        Arrays.fill(imputed, true);
        int previous = -1;
        for (Point point : points) {
            int at = (int) (frequency.index(point.timestamp()) - first);
            values[at] = point.value();
            imputed[at] = false;
            for (int gap = previous + 1; gap < at; gap++) {
                double fraction = (double) (gap - previous) / (at - previous);
                values[gap] = linear ? values[previous] + fraction * (point.value() - values[previous])
                        : values[previous];
            }
            previous = at;
        }
        return new Filled(values, imputed);
    }

    /** Every grid step from the first point to the last, NaN where no point is: for the MASK gap policy. */
    public static double[] grid(List<Point> points, Frequency frequency) {
        Filled filled = fill(points, frequency, false);
        double[] values = filled.values();
        for (int i = 0; i < values.length; i++) {
            if (filled.imputed()[i]) {
                values[i] = Double.NaN;
            }
        }
        return values;
    }

    /** Grid steps without a point between the first and the last point. */
    public static long missing(PointStats stats, Frequency frequency) {
        return stats.count() == 0 ? 0
                : frequency.index(stats.last()) - frequency.index(stats.first()) + 1 - stats.count();
    }
}
