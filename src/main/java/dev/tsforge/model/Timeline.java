package dev.tsforge.model;

import dev.tsforge.series.Frequency;
import java.time.Instant;
import java.util.List;

/**
 * When each training segment starts, on which grid: what a network with calendar covariates needs besides the values
 * to compute its inputs for every training step. Segments are consecutive grid points, so the first timestamp and the
 * grid give every other one.
 *
 * @param firsts the timestamp of each segment's first value, in the order of the segments
 * @param covariates the values of the covariate series the spec names, over the segments
 */
public record Timeline(Frequency grid, List<Instant> firsts, CovariateValues covariates) {

    public Timeline {
        firsts = List.copyOf(firsts);
        covariates = covariates == null ? CovariateValues.NONE : covariates;
    }

    public Timeline(Frequency grid, List<Instant> firsts) {
        this(grid, firsts, null);
    }

    /** This timeline with the values of its covariate series. */
    public Timeline with(CovariateValues values) {
        return new Timeline(grid, firsts, values);
    }

    /** The timestamp of the last of {@code length} values of a segment starting at {@code first}. */
    public Instant last(Instant first, int length) {
        return grid.plus(first, length - 1L);
    }
}
