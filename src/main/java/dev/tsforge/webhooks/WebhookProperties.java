package dev.tsforge.webhooks;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Webhook subscriptions and their deliveries.
 *
 * @param secretKey       base64 of 32 bytes: the AES-256 key that encrypts signing secrets in the database; the same
 *                        on every replica and across restarts. Empty: subscriptions cannot be created (a generated
 *                        key would leave the stored secrets unreadable after a restart or on another replica)
 * @param allowedTargets  CIDRs (10.1.0.0/16, 127.0.0.1/32) and host names that may be called although they are
 *                        loopback, private, link-local or otherwise internal; empty: only public addresses
 * @param allowHttp       whether plain {@code http://} targets are accepted; else {@code https://} only
 * @param maxAttempts     attempts per delivery before it is FAILED
 * @param firstRetryDelay wait after the first failed attempt; each later wait is {@code retryMultiplier} times the
 *                        one before, each with ±20 % jitter (defaults: 30 s, 1.5 min, 4.5 min, 13.5 min, 40.5 min:
 *                        six attempts over about an hour)
 * @param retryMultiplier growth of the wait between attempts
 * @param connectTimeout  per address tried
 * @param responseTimeout for the response's status line, and between reads
 * @param pollInterval    how often a replica looks for due deliveries (a new delivery on this replica is sent at
 *                        once)
 * @param lease           how long a replica's claim on a delivery lasts; longer than an attempt can take (connect
 *                        and response timeouts), so that only a crashed replica's claim is ever taken over
 * @param senders         deliveries sent at once per replica, on threads of their own (never the training queue's)
 */
@Validated
@ConfigurationProperties("tsforge.webhooks")
public record WebhookProperties(
        @DefaultValue("") String secretKey,
        @NotNull @DefaultValue List<String> allowedTargets,
        @DefaultValue("false") boolean allowHttp,
        @Min(1) @Max(50) @DefaultValue("6") int maxAttempts,
        @NotNull @DefaultValue("30s") Duration firstRetryDelay,
        @Min(1) @Max(10) @DefaultValue("3") double retryMultiplier,
        @NotNull @DefaultValue("5s") Duration connectTimeout,
        @NotNull @DefaultValue("10s") Duration responseTimeout,
        @NotNull @DefaultValue("5s") Duration pollInterval,
        @NotNull @DefaultValue("2m") Duration lease,
        @Min(1) @Max(64) @DefaultValue("4") int senders) {
}
