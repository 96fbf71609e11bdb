package dev.tsforge.model;

import java.time.Instant;

/**
 * What a forecast starts from: the values up to the forecast origin, oldest first ({@code NaN} where a grid point is
 * missing and the model masks it), and the timestamp of the last one when the caller knows it (a series; not values
 * sent in a request). A record rather than a bare array so that what a forecast reads can grow — the timestamps that
 * calendar features need, covariate values — without changing every predictor and caller again: callers build it
 * through {@link #of}.
 *
 * @param last the timestamp of the last value, or null when the values came without timestamps
 */
public record History(double[] values, Instant last) {

    public static History of(double[] values) {
        return new History(values, null);
    }

    public static History of(double[] values, Instant last) {
        return new History(values, last);
    }

    public int length() {
        return values.length;
    }
}
