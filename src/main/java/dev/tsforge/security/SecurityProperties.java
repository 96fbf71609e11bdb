package dev.tsforge.security;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the API.
 *
 * @param enabled            false (the embedded demo's default): every endpoint is open, and the log says so
 * @param adminKey           an ADMIN key from the environment or a secret (not stored): the first key an operator
 *                           has, to create the others; required when enabled
 * @param keyCacheTtl        how long a checked key is trusted before the database is asked again; also how long a
 *                           revoked key may still work
 * @param corsAllowedOrigins origins a browser may call the API from; empty: CORS off
 */
@Validated
@ConfigurationProperties("tsforge.security")
public record SecurityProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("") String adminKey,
        @NotNull @DefaultValue("10s") Duration keyCacheTtl,
        @NotNull @DefaultValue List<String> corsAllowedOrigins) {
}
