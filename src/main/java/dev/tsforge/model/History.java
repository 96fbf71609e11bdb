package dev.tsforge.model;

import dev.tsforge.series.Frequency;
import java.time.Instant;

/**
 * What a forecast starts from: the values up to the forecast origin, oldest first ({@code NaN} where a grid point is
 * missing and the model masks it), the timestamp of the last one and the grid when the caller knows them (a series;
 * not values sent in a request). A network with calendar covariates computes its inputs, over the window and the
 * horizon, from those two. Callers build it through {@link #of}.
 *
 * @param last the timestamp of the last value, or null when the values came without timestamps
 * @param grid the series' grid, or null when unknown; needed with {@code last} by models with covariates
 * @param covariates the stored or sent values of covariate series, by timestamp, over the window and the horizon
 *                   (more does no harm: a past-only covariate is never read after {@code last})
 */
public record History(double[] values, Instant last, Frequency grid, CovariateValues covariates) {

    public History {
        covariates = covariates == null ? CovariateValues.NONE : covariates;
    }

    public static History of(double[] values) {
        return new History(values, null, null, null);
    }

    public static History of(double[] values, Instant last) {
        return new History(values, last, null, null);
    }

    public static History of(double[] values, Instant last, Frequency grid) {
        return new History(values, last, grid, null);
    }

    /** This history with the values of its covariate series. */
    public History with(CovariateValues values) {
        return new History(this.values, last, grid, values);
    }

    /** The first {@code length} values, with the timestamp of the last of them: a history at an earlier origin. */
    public History upTo(int length) {
        double[] head = java.util.Arrays.copyOf(values, length);
        return new History(head, last == null || grid == null ? null : grid.plus(last, length - values.length), grid,
                covariates);
    }

    public boolean timed() {
        return last != null && grid != null;
    }

    public int length() {
        return values.length;
    }
}
