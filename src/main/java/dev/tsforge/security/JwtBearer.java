package dev.tsforge.security;

import dev.tsforge.config.StartupRefusal;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;

/**
 * JWT bearer tokens beside API keys: which presented token is which, and the decoder that checks a token's signature,
 * times, issuer and audience, built from {@code tsforge.security.jwt.*}. Settings that cannot work stop the start,
 * rather than letting every token fail at request time.
 */
final class JwtBearer {

    private static final String BEARER = "Bearer ";

    private JwtBearer() {
    }

    /**
     * A JWT is three dot-separated parts; our API keys ({@code tsf_} and base64url) and an admin key such as
     * {@code openssl rand -hex 32} never contain a dot. So an API key keeps working as a bearer token with JWTs on,
     * and a token that looks like neither is looked up as a key and refused as unknown.
     */
    static boolean looksLikeJwt(String token) {
        return !token.startsWith(ApiKeys.KEY_PREFIX) && token.chars().filter(c -> c == '.').count() == 2;
    }

    /** Hands the resource server only JWTs, so that it never rejects an API key as a malformed token. */
    static BearerTokenResolver resolver() {
        return (HttpServletRequest request) -> {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return null;
            }
            String token = authorization.substring(BEARER.length()).trim();
            return looksLikeJwt(token) ? token : null;
        };
    }

    /** Authenticates a JWT with our own decoder and role mapping, not through Boot's password-less manager. */
    static ProviderManager authenticationManager(JwtDecoder decoder, SecurityProperties.Jwt settings) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new JwtRoles(settings));
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(converter);
        return new ProviderManager(provider);
    }

    /**
     * Spring rethrows an authentication-service failure (keys that could not be fetched) out of the filter, which the
     * client would see as a 500 error page; answered by the entry point instead, it is a problem detail that says so.
     */
    static ObjectPostProcessor<BearerTokenAuthenticationFilter> failuresAnswered(AuthenticationEntryPoint entryPoint) {
        AuthenticationEntryPointFailureHandler failures = new AuthenticationEntryPointFailureHandler(entryPoint);
        failures.setRethrowAuthenticationServiceException(false);
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                filter.setAuthenticationFailureHandler(failures);
                return filter;
            }
        };
    }

    /**
     * Spring Security 7 publishes RFC 9728 metadata at {@code /.well-known/oauth-protected-resource} (public, like the
     * OpenAPI document); filled in so that a client can find where to get a token, and not told of certificate-bound
     * tokens, which tsforge does not check.
     */
    static Consumer<OAuth2ProtectedResourceMetadata.Builder> metadata(SecurityProperties.Jwt settings) {
        return metadata -> {
            metadata.resourceName("tsforge").tlsClientCertificateBoundAccessTokens(false);
            if (!settings.issuerUri().isBlank()) {
                metadata.authorizationServer(settings.issuerUri().strip());
            }
        };
    }

    static JwtDecoder decoder(SecurityProperties.Jwt settings, ResourceLoader resources) {
        String issuer = settings.issuerUri().strip();
        String jwkSet = settings.jwkSetUri().strip();
        String keyLocation = settings.publicKeyLocation().strip();
        if (!jwkSet.isEmpty() && !keyLocation.isEmpty()) {
            throw new StartupRefusal("Both tsforge.security.jwt.jwk-set-uri and public-key-location are set: tokens "
                    + "would be checked against only one of them.", "Keep one: jwk-set-uri to follow the identity "
                    + "provider's key rotation, public-key-location where it cannot be reached.");
        }
        if (!issuer.isEmpty()) {
            requireHttpUri("issuer-uri", issuer);
        }
        OAuth2TokenValidator<Jwt> validator = validator(issuer, settings.audiences());
        if (!keyLocation.isEmpty()) {
            NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey(publicKey(keyLocation, resources)).build();
            nimbus.setJwtValidator(validator);
            return nimbus;
        }
        if (!jwkSet.isEmpty()) {
            requireHttpUri("jwk-set-uri", jwkSet);
        }
        // Built at the first token, not at start: a slow or restarting identity provider does not keep the service
        // from starting (API keys and health work meanwhile). Discovery, or the JWK set's own keys, tell which
        // algorithms to accept (RS256, ES256, ...); keys are cached and followed when the provider rotates them.
        return reportingUnreachable(new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder nimbus = jwkSet.isEmpty() ? NimbusJwtDecoder.withIssuerLocation(issuer).build()
                    : NimbusJwtDecoder.withJwkSetUri(jwkSet).discoverJwsAlgorithms().build();
            nimbus.setJwtValidator(validator);
            return nimbus;
        }));
    }

    private static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences) {
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
        // exp and nbf, with Spring's 60 s of clock skew; iss when configured
        checks.add(issuer.isEmpty() ? JwtValidators.createDefault() : JwtValidators.createDefaultWithIssuer(issuer));
        // without exp a stolen token would work forever: identity providers always set it, so require it
        checks.add(new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull));
        List<String> wanted = audiences.stream().map(String::strip).filter(audience -> !audience.isEmpty()).toList();
        if (!wanted.isEmpty()) {
            // one of ours is enough: a token may also be meant for other services (Spring reads aud as a list)
            checks.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.stream().anyMatch(wanted::contains)));
        }
        return new DelegatingOAuth2TokenValidator<>(checks);
    }

    /**
     * A decoder that could not be built (provider unreachable) throws an exception Spring's provider does not expect (a
     * 500); as a plain JwtException it is an authentication-service failure, answered with a 401 that says so.
     */
    private static JwtDecoder reportingUnreachable(JwtDecoder decoder) {
        return token -> {
            try {
                return decoder.decode(token);
            } catch (JwtDecoderInitializationException e) {
                throw new JwtException("The identity provider's keys could not be fetched: "
                        + NestedExceptionUtils.getMostSpecificCause(e).getMessage(), e);
            }
        };
    }

    private static void requireHttpUri(String property, String value) {
        try {
            URI uri = new URI(value);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below, with the setting's name
        }
        throw new StartupRefusal("tsforge.security.jwt." + property + " is not an http(s) URL: '" + value + "'.",
                "Set it to the identity provider's URL, e.g. https://keycloak.example.com/realms/tsforge.");
    }

    private static RSAPublicKey publicKey(String location, ResourceLoader resources) {
        // a plain path is a file; Spring's loader would read "/etc/x.pem" from the classpath
        Resource resource = location.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") ? resources.getResource(location)
                : new FileSystemResource(Path.of(location));
        try (InputStream in = resource.getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        } catch (IOException | RuntimeException e) {
            throw new StartupRefusal("tsforge.security.jwt.public-key-location '" + location
                    + "' is not a readable PEM RSA public key: " + e.getMessage(), "Point it at the identity "
                    + "provider's RSA public key in PEM ('-----BEGIN PUBLIC KEY-----'), as a file path, file: or "
                    + "classpath: location.", e);
        }
    }
}
