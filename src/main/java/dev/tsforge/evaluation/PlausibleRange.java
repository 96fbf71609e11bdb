package dev.tsforge.evaluation;

import java.util.Locale;

/**
 * Where a forecast may go before it is taken for a divergence: the range the history has had, widened by
 * {@link #WIDENING} times its width on either side; for a series that has never been negative, not below zero by more
 * than {@link #DIP} of that width. A recursive network that feeds its own errors back can run away from the data (on
 * a half-hourly demand series, from 23,000 to below zero within a day); a forecast that leaves this band is not
 * served. A small dip below zero is not a divergence: a series that sits at zero (counts, sunspots) is forecast near
 * it, and the served values are kept at or above zero anyway.
 */
public record PlausibleRange(double lower, double upper) {

    /** How far beyond the history's range, in widths of it, a forecast may go. */
    public static final double WIDENING = 1.0;
    /** How far below zero, in widths of the history's range, a non-negative series' forecast may dip. */
    public static final double DIP = 0.1;

    /** The band around the finite values of {@code history} (missing values, NaN, left out). */
    public static PlausibleRange of(double[] history, boolean nonNegative) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : history) {
            if (Double.isFinite(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        return around(min, max, nonNegative);
    }

    /**
     * The band around a range of values; a flat history (width 0) allows its level's size either side, so that a
     * constant series is not held to one value.
     */
    public static PlausibleRange around(double min, double max, boolean nonNegative) {
        if (!(min <= max)) {
            return new PlausibleRange(nonNegative ? 0 : Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        double width = max - min > 0 ? max - min : Math.max(Math.abs(max), 1);
        double lower = min - WIDENING * width;
        return new PlausibleRange(nonNegative ? Math.max(-DIP * width, lower) : lower, max + WIDENING * width);
    }

    /** The band that holds both. */
    public PlausibleRange span(PlausibleRange other) {
        return new PlausibleRange(Math.min(lower, other.lower), Math.max(upper, other.upper));
    }

    /** Why {@code forecast} is implausible (its first step outside the band), or null when it stays inside. */
    public String violation(double[] forecast) {
        for (int i = 0; i < forecast.length; i++) {
            double value = forecast[i];
            if (!Double.isFinite(value) || value < lower || value > upper) {
                return String.format(Locale.ROOT, "step %d is %.6g, outside the plausible range [%.6g, %.6g]",
                        i + 1, value, lower, upper);
            }
        }
        return null;
    }
}
