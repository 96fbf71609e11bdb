package dev.tsforge.security;

import dev.tsforge.config.StartupRefusal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Off by default, for the embedded demo (and the log says so at every start); on in the Docker and Helm defaults.
 * When on: READ lists, gets and forecasts; WRITE also ingests, trains, backtests and deletes; ADMIN also manages
 * API keys and webhooks, imports models and reads the actuator beyond health and info. The same roles come from API keys and, when
 * {@code tsforge.security.jwt.*} is set, from JWT bearer tokens. Stateless: no sessions, no cookies, so no CSRF token
 * is needed.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);
    /** Nixtla TimeGPT's forecast path, served for its clients (forecasting.web.TimeGptController). */
    static final String TIMEGPT_FORECAST = "/v2/forecast";
    /** What Nixtla's client asks before it forecasts (forecasting.web.TimeGptController). */
    static final String TIMEGPT_MODEL_PARAMS = "/model_params";
    /** Nixtla's client's key check (forecasting.web.TimeGptController). */
    static final String TIMEGPT_KEY_CHECK = "/validate_api_key";
    /** TimeGPT's paths served here: outside /api, they need a key of role READ like the forecasts. */
    static final List<String> TIMEGPT_PATHS = List.of(TIMEGPT_FORECAST, TIMEGPT_MODEL_PARAMS, TIMEGPT_KEY_CHECK);

    /**
     * No observation of the filter chain itself: it made an event, a meter lookup and (when sampled) span data for
     * each of the chain's filters on every request, which showed among a single forecast's largest costs. The request
     * stays observed as {@code http.server.requests}, and authentications and authorizations as Spring Security
     * observes them.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties, ApiKeys keys, JsonMapper json,
            ResourceLoader resources) throws Exception {
        boolean jwtOn = properties.jwt().configured();
        if (jwtOn && !properties.enabled()) {
            throw new StartupRefusal("tsforge.security.jwt.* is set, but tsforge.security.enabled=false: every "
                    + "endpoint would be open and no token ever checked.", "Set tsforge.security.enabled=true (and "
                    + "an admin key), or remove the tsforge.security.jwt settings.");
        }
        if (!jwtOn && !properties.jwt().audiences().isEmpty()) {
            throw new StartupRefusal("tsforge.security.jwt.audiences is set, but no issuer-uri, jwk-set-uri or "
                    + "public-key-location: JWTs are off and the audience would never be checked.",
                    "Set where the signing keys come from (README, \"JWT bearer tokens\"), or remove audiences.");
        }
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(properties.corsAllowedOrigins().isEmpty() ? cors -> cors.disable() : Customizer.withDefaults());
        if (!properties.enabled()) {
            log.warn("SECURITY IS OFF (tsforge.security.enabled=false): anyone who can reach this port can read, "
                    + "train on and delete every series and model. Fine for a laptop demo; turn it on for anything "
                    + "else (README, \"Security\").");
            return http.authorizeHttpRequests(rules -> rules.anyRequest().permitAll()).build();
        }
        if (properties.adminKey().isBlank()) {
            throw new StartupRefusal("tsforge.security.enabled=true, but no admin key is set.",
                    "Set tsforge.security.admin-key (TSFORGE_SECURITY_ADMIN_KEY) to a long random secret, e.g. "
                            + "$(openssl rand -hex 32): it is the first ADMIN key, from which the others are created."
                            + " Or set tsforge.security.enabled=false to run without API keys.");
        }
        AuthenticationEntryPoint unauthorized = ProblemResponses.unauthorized(json, jwtOn);
        if (jwtOn) {
            JwtDecoder decoder = JwtBearer.decoder(properties.jwt(), resources);
            http.oauth2ResourceServer(server -> server.bearerTokenResolver(JwtBearer.resolver())
                    .authenticationEntryPoint(unauthorized)
                    .accessDeniedHandler(ProblemResponses.forbidden(json))
                    .jwt(jwt -> jwt.authenticationManager(JwtBearer.authenticationManager(decoder, properties.jwt())))
                    .protectedResourceMetadata(metadata -> metadata
                            .protectedResourceMetadataCustomizer(JwtBearer.metadata(properties.jwt())))
                    .withObjectPostProcessor(JwtBearer.failuresAnswered(unauthorized)));
            log.info("JWT bearer tokens accepted beside API keys ({}).", describe(properties.jwt()));
        }
        http.addFilterBefore(new ApiKeyFilter(keys, unauthorized, jwtOn), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(ProblemResponses.forbidden(json)))
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/v1/admin/**").hasRole(Role.ADMIN.name())
                        // a subscription names where the service sends requests: the SSRF rules bound it, ADMIN too
                        .requestMatchers("/api/v1/webhooks", "/api/v1/webhooks/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/series/*/models").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/**").hasRole(Role.READ.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/forecasts", "/api/v1/forecasts/batch",
                                "/api/v1/collections/*/forecasts").hasRole(Role.READ.name())
                        // TimeGPT's paths, outside /api: without this rule they would fall to permitAll below. Its
                        // clients send their key as a bearer token, which ApiKeyFilter reads on every path
                        .requestMatchers(TIMEGPT_PATHS.toArray(String[]::new)).hasRole(Role.READ.name())
                        .requestMatchers("/api/**").hasRole(Role.WRITE.name())
                        // the web page, Swagger UI, the OpenAPI document and error pages: they show nothing stored
                        .anyRequest().permitAll());
        return http.build();
    }

    /** Picked up by Spring Security's filter chain: the firewall's refusals as problem details, not a bare 400. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(JsonMapper json) {
        return ProblemResponses.rejected(json);
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name()).implies(Role.WRITE.name())
                .role(Role.WRITE.name()).implies(Role.READ.name())
                .build();
    }

    private static String describe(SecurityProperties.Jwt jwt) {
        String keys = !jwt.publicKeyLocation().isBlank() ? "public key " + jwt.publicKeyLocation()
                : !jwt.jwkSetUri().isBlank() ? "JWK set " + jwt.jwkSetUri() : "discovery from " + jwt.issuerUri();
        return keys + (jwt.issuerUri().isBlank() ? ", any issuer" : ", issuer " + jwt.issuerUri())
                + (jwt.audiences().isEmpty() ? ", any audience" : ", audiences " + jwt.audiences())
                + ", roles from " + jwt.roleClaims();
    }

    /**
     * API keys and JWTs are checked by their own filters, never by a user name and password: this keeps Boot from
     * creating a user with a generated password.
     */
    @Bean
    AuthenticationManager noPasswordLogins() {
        return authentication -> {
            throw new ProviderNotFoundException("tsforge authenticates API keys and JWT bearer tokens only");
        };
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(SecurityProperties properties) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(properties.corsAllowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "POST", "DELETE"));
        configuration.setAllowedHeaders(List.of("Authorization", ApiKeyFilter.HEADER, "Content-Type", "Accept",
                "X-Request-Id"));
        configuration.setExposedHeaders(List.of("Location", "Retry-After", "ETag", "X-Request-Id"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", configuration);
        return source;
    }
}
