package dev.tsforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.Await;
import dev.tsforge.support.PostgresAvailable;
import dev.tsforge.support.TcpProxy;
import dev.tsforge.support.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL goes away (its connections cut by a proxy) and comes back: meanwhile requests get 503 problems and
 * readiness is DOWN; afterwards everything works again without a restart, data and training queue included.
 */
@PostgresAvailable
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // components' statuses for anyone: this test watches the training workers' come back, without a key
        properties = {"tsforge.training.watchdog-interval=1s", "management.endpoint.health.show-components=always"})
@ActiveProfiles("test")
// closed after the class: its schema is dropped, and a cached context would go on polling it (JobRunr's job metrics
// listener logged a failed query every 5 s until the JVM ended)
@DirtiesContext
class DatabaseOutageTests {

    private static final String SCHEMA = TestPostgres.newSchema();
    private static TcpProxy proxy;

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    private final HttpClient client = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void postgresThroughAProxy(DynamicPropertyRegistry registry) throws IOException {
        URI server = TestPostgres.server();
        proxy = new TcpProxy(server.getHost(), server.getPort());
        TestPostgres.registerVia(registry, SCHEMA, proxy.port());
    }

    @AfterAll
    static void cleanUp() throws Exception {
        proxy.close();
        TestPostgres.dropSchema(SCHEMA);
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code path} every 500 ms until {@code condition} holds, for at most 60 s; returns that answer. */
    private HttpResponse<String> eventually(String path, Predicate<HttpResponse<String>> condition) throws Exception {
        return Await.until("GET " + path, Duration.ofSeconds(60), Duration.ofMillis(500),
                () -> send("GET", path, null, null), condition, r -> r.statusCode() + " " + r.body());
    }

    @Test
    void anOutageGives503sAndReadinessDownThenEverythingRecovers() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/series", "application/json",
                "{\"name\": \"outage\", \"frequency\": \"P1D\"}");
        long id = json.readTree(created.body()).get("id").asLong();
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int day = 0; day < 60; day++) {
            csv.append(Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofDays(day))).append(',')
                    .append(Math.sin(day / 3.0)).append('\n');
        }
        assertThat(send("POST", "/api/v1/series/" + id + "/points", "text/csv", csv.toString()).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);

        proxy.cut();
        HttpResponse<String> down = send("GET", "/api/v1/series/" + id, null, null);
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode problem = json.readTree(down.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:tsforge:problem:database-unavailable");
        HttpResponse<String> write = send("POST", "/api/v1/series/" + id + "/points", "text/csv",
                "timestamp,value\n2024-03-01T00:00:00Z,1\n");
        assertThat(write.statusCode()).as(write.body()).isEqualTo(503);
        assertThat(eventually("/actuator/health/readiness", response -> response.statusCode() == 503).statusCode())
                .as("readiness goes DOWN").isEqualTo(503);
        assertThat(send("GET", "/actuator/health/liveness", null, null).statusCode())
                .as("alive all the same: a restart would not help").isEqualTo(200);

        proxy.restore();
        assertThat(eventually("/actuator/health/readiness", response -> response.statusCode() == 200).statusCode())
                .as("readiness back UP").isEqualTo(200);
        JsonNode series = json.readTree(eventually("/api/v1/series/" + id, r -> r.statusCode() == 200).body());
        assertThat(series.get("pointCount").asInt()).as("the data survived, the refused write is not there")
                .isEqualTo(60);
        assertThat(json.readTree(eventually("/actuator/health", r -> r.body().contains("\"trainingWorkers\":{\"status\":\"UP\""))
                .body()).get("components").get("trainingWorkers").get("status").asString())
                .as("the training workers were started again").isEqualTo("UP");
        HttpResponse<String> job = send("POST", "/api/v1/series/" + id + "/trainings", "application/json",
                "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], \"lookback\": 7, \"horizon\": 3,"
                        + " \"epochs\": 2}");
        assertThat(job.statusCode()).as(job.body()).isEqualTo(202);
        long jobId = json.readTree(job.body()).get("id").asLong();
        JsonNode finished = json.readTree(eventually("/api/v1/training-jobs/" + jobId,
                response -> response.body().contains("\"SUCCEEDED\"") || response.body().contains("\"FAILED\"")).body());
        assertThat(finished.get("status").asString()).as("the training queue runs again: %s", finished)
                .isEqualTo("SUCCEEDED");
    }
}
