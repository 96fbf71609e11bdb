package dev.tsforge.retraining;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Retraining policies.
 *
 * @param schedulerInterval how often a replica looks for due SCHEDULE ticks (a tick fires up to this late)
 */
@Validated
@ConfigurationProperties("tsforge.retraining")
public record RetrainingProperties(@NotNull @DefaultValue("30s") Duration schedulerInterval) {
}
