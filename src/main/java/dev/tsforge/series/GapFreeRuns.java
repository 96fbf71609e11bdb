package dev.tsforge.series;

import java.util.ArrayList;
import java.util.List;

/** Splits points at gaps in the grid, so that no training window and no forecast input spans a missing point. */
public final class GapFreeRuns {

    private GapFreeRuns() {
    }

    /** The values of each run of consecutive grid points, oldest run first. Points must be sorted by time. */
    public static List<double[]> split(List<Point> points, Frequency frequency) {
        List<double[]> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= points.size(); i++) {
            boolean gap = i == points.size()
                    || frequency.index(points.get(i).timestamp()) != frequency.index(points.get(i - 1).timestamp()) + 1;
            if (gap) {
                runs.add(values(points.subList(start, i)));
                start = i;
            }
        }
        return runs;
    }

    /** True when the points (sorted) are consecutive on the grid. */
    public static boolean isGapFree(List<Point> points, Frequency frequency) {
        return points.isEmpty() || frequency.index(points.get(points.size() - 1).timestamp())
                - frequency.index(points.get(0).timestamp()) == points.size() - 1;
    }

    public static double[] values(List<Point> points) {
        double[] values = new double[points.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = points.get(i).value();
        }
        return values;
    }
}
