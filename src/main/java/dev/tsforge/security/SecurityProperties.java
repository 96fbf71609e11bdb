package dev.tsforge.security;

import jakarta.validation.Valid;
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
 * @param jwt                JWT bearer tokens from an identity provider, beside API keys; off unless configured
 */
@Validated
@ConfigurationProperties("tsforge.security")
public record SecurityProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("") String adminKey,
        @NotNull @DefaultValue("10s") Duration keyCacheTtl,
        @NotNull @DefaultValue List<String> corsAllowedOrigins,
        @Valid @NotNull @DefaultValue Jwt jwt) {

    /**
     * Where the keys that sign tokens come from, and how a token's claims become a {@link Role}. JWTs are accepted
     * when one of issuerUri, jwkSetUri or publicKeyLocation is set.
     *
     * @param issuerUri         the issuer ({@code iss}) tokens must name; alone, its OpenID discovery document gives
     *                          the signing keys (asked at the first token, so a slow identity provider does not stop
     *                          the start)
     * @param jwkSetUri         the identity provider's JWK set (signing keys, rotated as it publishes them)
     * @param publicKeyLocation a PEM RSA public key (a file path, {@code file:} or {@code classpath:}), for setups
     *                          that cannot reach the identity provider
     * @param audiences         a token's {@code aud} must name one of these; empty: not checked
     * @param roleClaims        claims that hold role values: a space-separated string ({@code scope}) or a list;
     *                          a dotted name reaches into objects ({@code realm_access.roles}, Keycloak's realm
     *                          roles)
     * @param roleValues        which claim values grant which role
     */
    public record Jwt(
            @DefaultValue("") String issuerUri,
            @DefaultValue("") String jwkSetUri,
            @DefaultValue("") String publicKeyLocation,
            @NotNull @DefaultValue List<String> audiences,
            @NotNull @DefaultValue({"scope", "scp", "roles"}) List<String> roleClaims,
            @Valid @NotNull @DefaultValue RoleValues roleValues) {

        /** Any setting that makes tokens acceptable; without one JWTs are off and API keys work as before. */
        public boolean configured() {
            return !issuerUri.isBlank() || !jwkSetUri.isBlank() || !publicKeyLocation.isBlank();
        }
    }

    /** Claim values per role; a token gets the highest role any of its values names (roles include lower ones). */
    public record RoleValues(
            @NotNull @DefaultValue("tsforge:read") List<String> read,
            @NotNull @DefaultValue("tsforge:write") List<String> write,
            @NotNull @DefaultValue("tsforge:admin") List<String> admin) {
    }
}
