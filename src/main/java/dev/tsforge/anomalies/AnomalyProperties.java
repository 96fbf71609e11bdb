package dev.tsforge.anomalies;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Anomaly detection.
 *
 * @param level             the interval level, in percent, outside which a point is an anomaly
 * @param queueCapacity     ingest batches waiting for the detector; past it a batch is stored but not scored, and
 *                          {@code tsforge.anomalies.dropped} counts it
 * @param maxBackfillPoints the most points one backfill request scores
 */
@Validated
@ConfigurationProperties("tsforge.anomalies")
public record AnomalyProperties(
        @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "100", inclusive = false)
        @DefaultValue("99") double level,
        @Min(1) @Max(1_000_000) @DefaultValue("10000") int queueCapacity,
        @Min(1) @Max(100_000) @DefaultValue("5000") int maxBackfillPoints) {
}
