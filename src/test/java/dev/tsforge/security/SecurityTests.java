package dev.tsforge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With security on, every /api route the application maps (read from Spring MVC itself, so a new endpoint cannot be
 * forgotten) answers 401 without a key, 403 with a key one role too weak, and lets the right role through.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tsforge.security.enabled=true", "tsforge.security.admin-key=" + SecurityTests.ADMIN_KEY,
        "tsforge.security.key-cache-ttl=0s", "tsforge.security.cors-allowed-origins=https://app.example.com"})
@ActiveProfiles("test")
class SecurityTests {

    static final String ADMIN_KEY = "test-admin-key-0123456789";

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient client = HttpClient.newHttpClient();
    private String readKey;
    private String writeKey;

    record Route(String method, String pattern) {

        String uri() {
            return pattern.replaceAll("\\{[^}]+}", "1");
        }

        Role needs() {
            if (pattern.startsWith("/api/v1/admin/") || pattern.startsWith("/api/v1/webhooks")
                    || ("POST".equals(method) && pattern.equals("/api/v1/series/{id}/models"))) {
                return Role.ADMIN;
            }
            if ("GET".equals(method) || ("POST".equals(method) && (pattern.equals("/api/v1/forecasts")
                    || pattern.equals("/api/v1/forecasts/batch") || pattern.equals("/api/v1/collections/{name}/forecasts")
                    || pattern.equals("/v2/forecast")))) {
                return Role.READ;
            }
            return Role.WRITE;
        }
    }

    private HttpResponse<String> call(String method, String uri, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + uri))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String createKey(String name, Role role) throws Exception {
        HttpResponse<String> created = call("POST", "/api/v1/admin/api-keys", ADMIN_KEY,
                "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("key").asString();
    }

    @BeforeEach
    void keys() throws Exception {
        readKey = createKey("reader", Role.READ);
        writeKey = createKey("writer", Role.WRITE);
    }

    private List<Route> apiRoutes() {
        List<Route> routes = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                // and TimeGPT's paths, served outside /api for its clients
                if (pattern.startsWith("/api/") || SecurityConfig.TIMEGPT_PATHS.contains(pattern)) {
                    for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                        routes.add(new Route(method.name(), pattern));
                    }
                }
            }
        }
        return routes;
    }

    @Test
    void everyApiRouteNeedsAKeyOfTheRightRole() throws Exception {
        List<Route> routes = apiRoutes();
        assertThat(routes).hasSizeGreaterThan(25);
        Map<Role, String> weaker = Map.of(Role.WRITE, readKey, Role.ADMIN, writeKey);
        Map<Role, String> enough = Map.of(Role.READ, readKey, Role.WRITE, writeKey, Role.ADMIN, ADMIN_KEY);
        for (Route route : routes) {
            HttpResponse<String> anonymous = call(route.method(), route.uri(), null, "{}");
            assertThat(anonymous.statusCode()).as("%s without a key", route).isEqualTo(401);
            JsonNode problem = json.readTree(anonymous.body());
            assertThat(problem.get("type").asString()).isEqualTo("urn:tsforge:problem:unauthorized");
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

            assertThat(call(route.method(), route.uri(), "tsf_not-a-key", "{}").statusCode())
                    .as("%s with an unknown key", route).isEqualTo(401);
            if (weaker.containsKey(route.needs())) {
                HttpResponse<String> denied = call(route.method(), route.uri(), weaker.get(route.needs()), "{}");
                assertThat(denied.statusCode()).as("%s needs %s", route, route.needs()).isEqualTo(403);
                assertThat(json.readTree(denied.body()).get("type").asString())
                        .isEqualTo("urn:tsforge:problem:forbidden");
            }
            HttpResponse<String> allowed = call(route.method(), route.uri(), enough.get(route.needs()), "{}");
            assertThat(allowed.statusCode()).as("%s with a %s key: %s", route, route.needs(), allowed.body())
                    .isNotIn(401, 403);
        }
        System.out.printf("SecurityTests: %d /api routes checked%n", routes.size());
    }

    @Test
    void actuatorShowsOnlyHealthAndInfoToEveryone() throws Exception {
        assertThat(call("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> info = call("GET", "/actuator/info", null, null);
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).doesNotContain(ADMIN_KEY).doesNotContainIgnoringCase("password");
        assertThat(call("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/actuator/prometheus", writeKey, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/actuator/prometheus", ADMIN_KEY, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/v3/api-docs", null, null).statusCode()).as("the API's documentation").isEqualTo(200);
    }

    @Test
    void healthDetailsOnlyForAdmins() throws Exception {
        for (String key : new String[] {null, readKey, writeKey}) {
            HttpResponse<String> health = call("GET", "/actuator/health", key, null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json.readTree(health.body()).propertyNames()).as("health for %s", key)
                    .contains("status").doesNotContain("components", "details");
        }
        JsonNode health = json.readTree(call("GET", "/actuator/health", ADMIN_KEY, null).body());
        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode backend = health.get("components").get("nd4j");
        assertThat(backend.get("status").asString()).isEqualTo("UP");
        assertThat(backend.get("details").get("backend").asString()).isEqualTo("CpuBackend");
        assertThat(backend.get("details").get("physicalBytes").asLong()).isPositive()
                .isLessThan(backend.get("details").get("maxPhysicalBytes").asLong());
        assertThat(health.get("components").get("diskSpace").get("details").has("path")).isTrue();
        assertThat(json.readTree(call("GET", "/actuator/health/readiness", null, null).body()).propertyNames())
                .contains("status").doesNotContain("components", "details");
    }

    @Test
    void urlsTheFirewallRefusesAreProblemsBeforeAnyKeyIsAsked() throws Exception {
        for (String path : new String[] {"/api/v1/series;x=1", "/api/v1//series", "/api/v1/series/%251"}) {
            HttpResponse<String> refused = call("GET", path, null, null);
            assertThat(refused.statusCode()).as(path).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json.readTree(refused.body()).get("type").asString())
                    .isEqualTo("urn:tsforge:problem:request-rejected");
        }
    }

    @Test
    void keysAreHashedAtRestListedWithoutSecretsAndRevocable() throws Exception {
        String key = createKey("to-revoke", Role.READ);
        assertThat(call("GET", "/api/v1/series", key, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/series", null, null).statusCode()).isEqualTo(401);
        List<String> stored = jdbc.sql("SELECT key_hash FROM api_key").query(String.class).list();
        assertThat(stored).doesNotContain(key).contains(ApiKeys.hash(key));

        JsonNode listed = json.readTree(call("GET", "/api/v1/admin/api-keys", ADMIN_KEY, null).body());
        assertThat(listed.toString()).doesNotContain(key).contains(key.substring(0, 10));
        long id = 0;
        for (JsonNode entry : listed) {
            if (entry.get("name").asString().equals("to-revoke")) {
                id = entry.get("id").asLong();
            }
        }
        assertThat(call("DELETE", "/api/v1/admin/api-keys/" + id, ADMIN_KEY, null).statusCode()).isEqualTo(200);
        HttpResponse<String> revoked = call("GET", "/api/v1/series", key, null);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).contains("unknown or revoked");
        assertThat(call("DELETE", "/api/v1/admin/api-keys/" + id, ADMIN_KEY, null).statusCode()).isEqualTo(409);
        assertThat(call("POST", "/api/v1/admin/api-keys", ADMIN_KEY, "{\"name\": \"\", \"role\": \"READ\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void browsersMayCallOnlyFromConfiguredOrigins() throws Exception {
        HttpResponse<String> allowed = client.send(preflight("https://app.example.com"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        HttpResponse<String> other = client.send(preflight("https://evil.example.org"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpRequest preflight(String origin) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/series"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .build();
    }
}
