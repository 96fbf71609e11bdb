package dev.tsforge.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JWT bearer tokens beside API keys, over real HTTP: the service trusts a PEM public key written here (the offline
 * set-up), and tokens are signed here with the matching private key, as an identity provider would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tsforge.security.enabled=true", "tsforge.security.admin-key=" + JwtSecurityTests.ADMIN_KEY,
        "tsforge.security.key-cache-ttl=0s", "tsforge.security.jwt.issuer-uri=" + JwtSecurityTests.ISSUER,
        "tsforge.security.jwt.audiences=other-api," + JwtSecurityTests.AUDIENCE,
        "tsforge.security.jwt.role-claims=scope,scp,roles,realm_access.roles"})
@ActiveProfiles("test")
class JwtSecurityTests {

    static final String ADMIN_KEY = "0123456789abcdef0123456789abcdef";
    static final String ISSUER = "https://idp.example.test/realms/tsforge";
    static final String AUDIENCE = "tsforge-api";
    private static final KeyPair IDP = rsaKeyPair();
    private static final KeyPair STRANGER = rsaKeyPair();
    private static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    JsonMapper json;

    private final HttpClient client = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void identityProviderKey(DynamicPropertyRegistry registry) throws Exception {
        Path pem = Files.createTempFile("tsforge-idp-", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(IDP.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        // a plain path, as an operator writes it: not read from the classpath
        registry.add("tsforge.security.jwt.public-key-location", pem::toString);
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token as the identity provider issues it, valid for 5 minutes, changed by {@code edit}. */
    private static String token(UnaryOperator<JWTClaimsSet.Builder> edit) {
        return sign(IDP, edit);
    }

    private static String sign(KeyPair key, UnaryOperator<JWTClaimsSet.Builder> edit) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("alice")
                .audience(List.of("account", AUDIENCE)).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(),
                    edit.apply(claims).build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // each role in another of the claims the service reads, as different identity providers put them
    private static final String READ = token(claims -> claims.claim("scope", "openid profile tsforge:read"));
    private static final String WRITE = token(claims -> claims.claim("scp", List.of("email", "tsforge:write")));
    private static final String ADMIN = token(
            claims -> claims.claim("realm_access", Map.of("roles", List.of("offline_access", "tsforge:admin"))));

    private HttpResponse<String> call(String method, String uri, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + uri))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", "Bearer " + authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String type(HttpResponse<String> response) {
        return json.readTree(response.body()).get("type").asString();
    }

    private String detail(HttpResponse<String> response) {
        return json.readTree(response.body()).get("detail").asString();
    }

    @Test
    void everyApiRouteNeedsATokenOfTheRightRole() throws Exception {
        List<SecurityTests.Route> routes = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    if (pattern.startsWith("/api/")) {
                        routes.add(new SecurityTests.Route(method.name(), pattern));
                    }
                }
            }
        }
        assertThat(routes).hasSizeGreaterThan(25);
        String none = token(claims -> claims.claim("scope", "openid email"));
        Map<Role, String> weaker = Map.of(Role.READ, none, Role.WRITE, READ, Role.ADMIN, WRITE);
        Map<Role, String> enough = Map.of(Role.READ, READ, Role.WRITE, WRITE, Role.ADMIN, ADMIN);
        for (SecurityTests.Route route : routes) {
            HttpResponse<String> anonymous = call(route.method(), route.uri(), null, "{}");
            assertThat(anonymous.statusCode()).as("%s without a token", route).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(detail(anonymous)).contains("API key or a JWT bearer token is required");

            HttpResponse<String> denied = call(route.method(), route.uri(), weaker.get(route.needs()), "{}");
            assertThat(denied.statusCode()).as("%s needs %s", route, route.needs()).isEqualTo(403);
            assertThat(type(denied)).isEqualTo("urn:tsforge:problem:forbidden");

            HttpResponse<String> allowed = call(route.method(), route.uri(), enough.get(route.needs()), "{}");
            assertThat(allowed.statusCode()).as("%s with a %s token: %s", route, route.needs(), allowed.body())
                    .isNotIn(401, 403);
        }
        System.out.printf("JwtSecurityTests: %d /api routes checked with tokens%n", routes.size());
    }

    @Test
    void aReadTokenReadsButMayNotWrite() throws Exception {
        assertThat(call("GET", "/api/v1/series", READ, null).statusCode()).isEqualTo(200);

        HttpResponse<String> denied = call("POST", "/api/v1/series", READ,
                "{\"name\": \"jwt-read\", \"frequency\": \"P1D\"}");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(type(denied)).isEqualTo("urn:tsforge:problem:forbidden");
        assertThat(detail(denied)).startsWith("This token's roles [READ] do not allow POST /api/v1/series");
    }

    @Test
    void aWriteTokenCreatesASeriesAndTheRolesClaimCountsToo() throws Exception {
        HttpResponse<String> created = call("POST", "/api/v1/series", WRITE,
                "{\"name\": \"jwt-write\", \"frequency\": \"P1D\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json.readTree(created.body()).get("name").asString()).isEqualTo("jwt-write");

        String roles = token(claims -> claims.claim("roles", List.of("tsforge:write")));
        assertThat(call("POST", "/api/v1/series", roles, "{\"name\": \"jwt-roles\", \"frequency\": \"P1D\"}")
                .statusCode()).isEqualTo(201);
        assertThat(call("GET", "/api/v1/admin/api-keys", WRITE, null).statusCode()).isEqualTo(403);
    }

    @Test
    void anAdminTokenReachesAdminRoutesAndTheActuator() throws Exception {
        HttpResponse<String> created = call("POST", "/api/v1/admin/api-keys", ADMIN,
                "{\"name\": \"made-by-jwt\", \"role\": \"READ\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(call("GET", "/api/v1/admin/api-keys", ADMIN, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/actuator/prometheus", ADMIN, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/actuator/prometheus", WRITE, null).statusCode()).isEqualTo(403);
    }

    @Test
    void tokensThatFailAnyCheckGet401Problems() throws Exception {
        Instant now = Instant.now();
        Map<String, String> refused = Map.of(
                "expired", token(claims -> claims.claim("scope", "tsforge:admin")
                        .issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
                        .expirationTime(Date.from(now.minus(Duration.ofMinutes(10))))),
                "not yet valid", token(claims -> claims.claim("scope", "tsforge:admin")
                        .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(10))))),
                "without exp", token(claims -> claims.claim("scope", "tsforge:admin").expirationTime(null)),
                "signed by another key", sign(STRANGER, claims -> claims.claim("scope", "tsforge:admin")),
                "from another issuer", token(claims -> claims.claim("scope", "tsforge:admin")
                        .issuer("https://evil.example.test/realms/tsforge")),
                "for another audience", token(claims -> claims.claim("scope", "tsforge:admin")
                        .audience("someone-else")),
                "unsigned (alg none)", unsigned(token(claims -> claims.claim("scope", "tsforge:admin"))),
                "not a JWT at all", "aGVsbG8.d29ybGQ.c2lnbmF0dXJl");
        refused.forEach((why, token) -> {
            try {
                HttpResponse<String> response = call("GET", "/api/v1/series", token, null);
                assertThat(response.statusCode()).as("a token %s", why).isEqualTo(401);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(type(response)).as(why).isEqualTo("urn:tsforge:problem:unauthorized");
                assertThat(detail(response)).as(why).startsWith("This bearer token was refused: ");
                assertThat(response.headers().firstValue("WWW-Authenticate")).as(why).hasValue(INVALID_TOKEN);
            } catch (Exception e) {
                throw new AssertionError(why, e);
            }
        });
        assertThat(detail(call("GET", "/api/v1/series", refused.get("expired"), null))).contains("expired");
        assertThat(detail(call("GET", "/api/v1/series", refused.get("from another issuer"), null)))
                .contains("iss");
        assertThat(detail(call("GET", "/api/v1/series", refused.get("for another audience"), null)))
                .contains("aud");
    }

    /** The same claims with {@code alg: none} and no signature: must never be trusted. */
    private static String unsigned(String signed) {
        String[] parts = signed.split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        return header + "." + parts[1] + ".";
    }

    @Test
    void aValidTokenWithoutOurRolesIsForbiddenNotUnauthorized() throws Exception {
        String stranger = token(claims -> claims.claim("scope", "openid tsforge:superuser").claim("roles",
                List.of("admin")));
        HttpResponse<String> response = call("GET", "/api/v1/series", stranger, null);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(detail(response)).startsWith("This token's roles [] do not allow GET /api/v1/series");
    }

    @Test
    void apiKeysKeepWorkingBesideTokens() throws Exception {
        // the admin key is no JWT (no dots), so it is still an API key as a bearer token
        HttpResponse<String> created = call("POST", "/api/v1/admin/api-keys", ADMIN_KEY,
                "{\"name\": \"side-by-side\", \"role\": \"WRITE\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String key = json.readTree(created.body()).get("key").asString();
        assertThat(key).startsWith("tsf_");

        assertThat(call("GET", "/api/v1/series", key, null).statusCode()).isEqualTo(200);
        HttpResponse<String> viaHeader = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/series")).header(ApiKeyFilter.HEADER, key).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(viaHeader.statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/admin/api-keys", key, null).statusCode()).isEqualTo(403);

        HttpResponse<String> unknown = call("GET", "/api/v1/series", "tsf_not.a.key", null);
        assertThat(unknown.statusCode()).as("tsf_ stays an API key, even with dots").isEqualTo(401);
        assertThat(type(unknown)).isEqualTo("urn:tsforge:problem:unauthorized");
        assertThat(detail(unknown)).endsWith("this one is unknown or revoked.");
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }
}
