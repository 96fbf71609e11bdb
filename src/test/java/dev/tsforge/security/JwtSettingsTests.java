package dev.tsforge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.tsforge.config.StartupRefusal;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JWT settings without the whole service: which combinations start and which are refused (with the security
 * configuration alone in a small context), keys from a small identity provider on the loopback, and how claims become
 * roles.
 */
class JwtSettingsTests {

    private static final String[] ON = {"tsforge.security.enabled=true", "tsforge.security.admin-key=k"};

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class Web {
    }

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withUserConfiguration(Web.class, SecurityConfig.class)
            .withBean(ApiKeys.class, () -> mock(ApiKeys.class))
            .withBean(JsonMapper.class, () -> JsonMapper.builder().build());

    private static boolean hasBearerFilter(SecurityFilterChain chain) {
        return chain.getFilters().stream().anyMatch(BearerTokenAuthenticationFilter.class::isInstance);
    }

    @Test
    void withoutJwtSettingsOnlyApiKeysAreChecked() {
        runner.withPropertyValues(ON).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(hasBearerFilter(context.getBean(SecurityFilterChain.class))).isFalse();
        });
    }

    @Test
    void anIssuerOrAJwkSetStartsWithoutAskingTheIdentityProvider() {
        // nothing listens there: discovery and keys wait for the first token
        for (String setting : List.of("tsforge.security.jwt.issuer-uri=https://127.0.0.1:9/realms/x",
                "tsforge.security.jwt.jwk-set-uri=https://127.0.0.1:9/certs")) {
            runner.withPropertyValues(ON).withPropertyValues(setting).run(context -> {
                assertThat(context).as(setting).hasNotFailed();
                assertThat(hasBearerFilter(context.getBean(SecurityFilterChain.class))).isTrue();
            });
        }
    }

    @Test
    void settingsThatCannotWorkStopTheStart(@TempDir Path dir) throws Exception {
        Path notPem = Files.writeString(dir.resolve("key.txt"), "not a key");
        Map<String, String> refusals = Map.of(
                "tsforge.security.enabled=false,tsforge.security.jwt.issuer-uri=https://idp.example.test",
                "tsforge.security.enabled=false",
                "tsforge.security.jwt.audiences=tsforge-api", "no issuer-uri, jwk-set-uri or public-key-location",
                "tsforge.security.jwt.jwk-set-uri=https://idp.example.test/certs,"
                        + "tsforge.security.jwt.public-key-location=" + notPem, "Both",
                "tsforge.security.jwt.issuer-uri=idp.example.test", "issuer-uri is not an http(s) URL",
                "tsforge.security.jwt.jwk-set-uri=ftp://idp.example.test/certs", "jwk-set-uri is not an http(s) URL",
                "tsforge.security.jwt.public-key-location=" + dir.resolve("missing.pem"), "missing.pem",
                "tsforge.security.jwt.public-key-location=" + notPem, "not a readable PEM RSA public key");
        refusals.forEach((settings, reason) -> runner.withPropertyValues(ON)
                .withPropertyValues(settings.split(",")).run(context -> {
                    assertThat(context).as(settings).hasFailed();
                    Throwable cause = context.getStartupFailure();
                    while (cause != null && !(cause instanceof StartupRefusal)) {
                        cause = cause.getCause();
                    }
                    assertThat(cause).as("%s: %s", settings, context.getStartupFailure())
                            .isInstanceOf(StartupRefusal.class).hasMessageContaining(reason);
                    assertThat(((StartupRefusal) cause).action()).isNotBlank();
                }));
    }

    /** A minimal identity provider on the loopback: OpenID discovery and the JWK set, as Keycloak serves them. */
    private static HttpServer identityProvider(RSAKey key, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/tsforge";
        serve(server, "/realms/tsforge/.well-known/openid-configuration", "{\"issuer\": \"" + issuer
                + "\", \"jwks_uri\": \"" + issuer + "/certs\", \"subject_types_supported\": [\"public\"]}");
        serve(server, "/realms/tsforge/certs", new JWKSet(key.toPublicJWK()).toString());
        server.start();
        return server;
    }

    private static void serve(HttpServer server, String path, String body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    private static String sign(RSAKey key, String issuer, String scope) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject("bob").claim("scope", scope)
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** Runs one request through the service's security filters; the response is the chain's, or 200 if it passed. */
    private static MockHttpServletResponse get(ApplicationContext context, String token) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/series");
        request.addHeader("Authorization", "Bearer " + token);
        MockHttpServletResponse response = new MockHttpServletResponse();
        context.getBean("springSecurityFilterChain", Filter.class).doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void keysComeFromDiscoveryOrTheJwkSetAtTheFirstToken() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        HttpServer idp = identityProvider(key, 0);
        String issuer = "http://127.0.0.1:" + idp.getAddress().getPort() + "/realms/tsforge";
        try {
            for (String setting : List.of("tsforge.security.jwt.issuer-uri=" + issuer,
                    "tsforge.security.jwt.jwk-set-uri=" + issuer + "/certs")) {
                runner.withPropertyValues(ON).withPropertyValues(setting).run(context -> {
                    assertThat(get(context, sign(key, issuer, "tsforge:read")).getStatus()).as(setting).isEqualTo(200);
                    MockHttpServletResponse forged = get(context,
                            sign(new RSAKeyGenerator(2048).keyID("k1").generate(), issuer, "tsforge:read"));
                    assertThat(forged.getStatus()).as(setting).isEqualTo(401);
                    assertThat(forged.getContentAsString()).contains("urn:tsforge:problem:unauthorized");
                });
            }
        } finally {
            idp.stop(0);
        }
    }

    @Test
    void protectedResourceMetadataNamesTheIssuer() throws Exception {
        runner.withPropertyValues(ON).withPropertyValues("tsforge.security.jwt.issuer-uri=https://idp.example.test/r")
                .run(context -> {
                    MockHttpServletResponse response = new MockHttpServletResponse();
                    context.getBean("springSecurityFilterChain", Filter.class).doFilter(new MockHttpServletRequest(
                            "GET", "/.well-known/oauth-protected-resource"), response, new MockFilterChain());
                    assertThat(response.getStatus()).isEqualTo(200);
                    assertThat(response.getContentAsString())
                            .contains("\"authorization_servers\":[\"https://idp.example.test/r\"]")
                            .contains("\"resource_name\":\"tsforge\"")
                            .contains("\"tls_client_certificate_bound_access_tokens\":false");
                });
    }

    @Test
    void anUnreachableIdentityProviderIsA503ThatSaysSoAndTheKeysComeOnceItIsBack() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        for (String source : List.of("issuer-uri=", "jwk-set-uri=")) {
            // a port that was free a moment ago: nothing answers there until the provider starts on it
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            String issuer = "http://127.0.0.1:" + port + "/realms/tsforge";
            String setting = "tsforge.security.jwt." + source + issuer + (source.startsWith("jwk") ? "/certs" : "");
            runner.withPropertyValues(ON).withPropertyValues(setting).run(context -> {
                String token = sign(key, issuer, "tsforge:read");
                MockHttpServletResponse down = get(context, token);
                assertThat(down.getStatus()).as(setting).isEqualTo(503);
                assertThat(down.getHeader("Retry-After")).as(setting).isEqualTo("5");
                assertThat(down.getContentAsString()).as(setting).contains("could not be checked now",
                        "urn:tsforge:problem:identity-provider-unavailable");

                HttpServer idp = identityProvider(key, port);
                try {
                    assertThat(get(context, token).getStatus()).as("%s, provider back", setting).isEqualTo(200);
                } finally {
                    idp.stop(0);
                }
            });
        }
    }

    private static SecurityProperties.Jwt defaults(String... settings) {
        Map<String, String> values = new java.util.HashMap<>();
        for (String setting : settings) {
            String[] pair = setting.split("=", 2);
            values.put("tsforge.security.jwt." + pair[0], pair[1]);
        }
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("tsforge.security", SecurityProperties.class).jwt();
    }

    private static List<String> roles(SecurityProperties.Jwt settings, Map<String, Object> claims) {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").claims(all -> all.putAll(claims)).build();
        return new JwtRoles(settings).convert(jwt).stream().map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void scopesScpAndRolesMapToOurRolesByDefault() {
        SecurityProperties.Jwt settings = defaults();
        assertThat(settings.configured()).isFalse();
        assertThat(settings.roleClaims()).containsExactly("scope", "scp", "roles");

        assertThat(roles(settings, Map.of("scope", "openid  tsforge:read profile"))).containsExactly("ROLE_READ");
        assertThat(roles(settings, Map.of("scp", List.of("tsforge:write")))).containsExactly("ROLE_WRITE");
        assertThat(roles(settings, Map.of("roles", List.of("tsforge:admin"), "scope", "tsforge:read")))
                .containsExactly("ROLE_READ", "ROLE_ADMIN");
        assertThat(roles(settings, Map.of("scope", "TSFORGE:ADMIN tsforge:admin2", "groups", List.of("tsforge:admin"))))
                .as("exact values, only from the configured claims").isEmpty();
        assertThat(roles(settings, Map.of("realm_access", Map.of("roles", List.of("tsforge:admin")))))
                .as("nested claims only when named").isEmpty();
    }

    @Test
    void claimsAndValuesAreConfigurableNestedAndNamespaced() {
        SecurityProperties.Jwt keycloak = defaults("role-claims=realm_access.roles,https://example.com/roles",
                "role-values.write=forecast-editor,tsforge:write");

        assertThat(roles(keycloak, Map.of("realm_access", Map.of("roles", List.of("forecast-editor")))))
                .containsExactly("ROLE_WRITE");
        assertThat(roles(keycloak, Map.of("https://example.com/roles", List.of("tsforge:read"))))
                .as("a claim whose name has dots is read whole").containsExactly("ROLE_READ");
        assertThat(roles(keycloak, Map.of("scope", "tsforge:admin"))).as("scope no longer read").isEmpty();
        assertThat(roles(keycloak, Map.of("realm_access", "tsforge:admin"))).as("not an object").isEmpty();
    }
}
