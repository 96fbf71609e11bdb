package dev.tsforge.ledger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The forecast ledger: recording, retention, scheduled recordings and drift.
 *
 * @param queueCapacity         recorded forecasts waiting for the writer; past it a forecast is served but not
 *                              recorded, and {@code tsforge.ledger.dropped} counts it
 * @param retentionDays         recorded forecasts older than this are deleted
 * @param maxForecastsPerSeries recorded forecasts kept per series, the newest; older ones are deleted as new ones come
 *                              (after every 1 % of this many new ones, so a series may hold up to 1 % more meanwhile)
 * @param schedulerInterval     how often a replica looks for due scheduled recordings and applies retention
 * @param policyCacheTtl        how long a replica trusts its cached recording policy of a series (a change on another
 *                              replica takes this long to reach it; on this replica, at once)
 * @param accuracyWindowDays    live accuracy and the drift ratio read the scored steps of this many days before the
 *                              newest one
 */
@Validated
@ConfigurationProperties("tsforge.ledger")
public record LedgerProperties(
        @Min(1) @Max(1_000_000) @DefaultValue("10000") int queueCapacity,
        @Min(1) @DefaultValue("90") int retentionDays,
        @Min(1) @DefaultValue("1000") int maxForecastsPerSeries,
        @NotNull @DefaultValue("30s") Duration schedulerInterval,
        @NotNull @DefaultValue("10s") Duration policyCacheTtl,
        @Min(1) @DefaultValue("30") int accuracyWindowDays,
        @Valid @NotNull @DefaultValue Drift drift) {

    /**
     * When a series' live error has drifted from the reference error its model was registered with.
     *
     * @param ratioThreshold live MAE over reference MAE (on the same steps) above which the window counts as worse
     * @param cusumAllowance slack of the one-sided CUSUM on errors in reference units: each step adds
     *                       {@code |error| / reference - 1 - allowance}, floored at 0
     * @param cusumThreshold the CUSUM value that signals a sustained rise
     * @param minSteps       scored steps needed before a series can be flagged
     */
    public record Drift(
            @DecimalMin("1.0") @DefaultValue("1.5") double ratioThreshold,
            @DecimalMin("0.0") @DefaultValue("0.5") double cusumAllowance,
            @DecimalMin("0.1") @DefaultValue("5") double cusumThreshold,
            @Min(1) @DefaultValue("10") int minSteps) {
    }
}
