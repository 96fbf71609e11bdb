package dev.tsforge.anomalies;

import java.time.Instant;

/**
 * A stored point outside the band the series' champion forecast for it.
 *
 * @param origin the last input timestamp of the forecast the band comes from; {@code timestamp} is its step
 *               {@code step}
 */
public record Anomaly(Instant timestamp, double value, double expected, double lower, double upper, double level,
        long modelId, Instant origin, int step, Instant detectedAt) {

    boolean above() {
        return value > upper;
    }
}
