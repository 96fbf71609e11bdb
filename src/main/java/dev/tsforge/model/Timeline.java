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
 * @param bySegment  per segment, its own covariate values and labels, where the segments come from several series (a
 *                   global model's members, each reading its own or its collection's covariates); null when all
 *                   segments read {@code covariates}
 */
public record Timeline(Frequency grid, List<Instant> firsts, CovariateValues covariates,
        List<CovariateValues> bySegment) {

    public Timeline {
        firsts = List.copyOf(firsts);
        covariates = covariates == null ? CovariateValues.NONE : covariates;
        if (bySegment != null && bySegment.size() != firsts.size()) {
            throw new IllegalArgumentException(bySegment.size() + " segments' covariates for " + firsts.size()
                    + " segments");
        }
        bySegment = bySegment == null ? null : List.copyOf(bySegment);
    }

    public Timeline(Frequency grid, List<Instant> firsts) {
        this(grid, firsts, null, null);
    }

    public Timeline(Frequency grid, List<Instant> firsts, CovariateValues covariates) {
        this(grid, firsts, covariates, null);
    }

    /** Segments of several series, each with the covariate values (and labels) of its own series. */
    public static Timeline ofMembers(Frequency grid, List<Instant> firsts, List<CovariateValues> bySegment) {
        return new Timeline(grid, firsts, null, bySegment);
    }

    /** This timeline with the values of its covariate series. */
    public Timeline with(CovariateValues values) {
        return new Timeline(grid, firsts, values, bySegment);
    }

    /** The covariate values segment {@code segment} reads. */
    public CovariateValues covariatesOf(int segment) {
        return bySegment == null ? covariates : bySegment.get(segment);
    }

    /** The timestamp of the last of {@code length} values of a segment starting at {@code first}. */
    public Instant last(Instant first, int length) {
        return grid.plus(first, length - 1L);
    }
}
