package dev.tsforge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Swagger UI loads and the OpenAPI document lists every endpoint; actuator shows the ND4J backend. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpenApiTests {

    @LocalServerPort
    int port;

    private RestClient http() {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    @Test
    void openApiDocumentListsEveryEndpoint() {
        JsonNode paths = http().get().uri("/v3/api-docs").retrieve().body(JsonNode.class).get("paths");
        List<String> operations = new ArrayList<>();
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                operations.add(method.toUpperCase() + " " + path);
            }
        }
        assertThat(operations).contains(
                "POST /api/v1/series", "GET /api/v1/series", "GET /api/v1/series/{id}", "DELETE /api/v1/series/{id}",
                "POST /api/v1/series/{id}/points", "GET /api/v1/series/{id}/points",
                "POST /api/v1/series/{id}/trainings", "GET /api/v1/series/{id}/trainings",
                "GET /api/v1/training-jobs/{id}", "GET /api/v1/training-jobs/{id}/losses",
                "POST /api/v1/training-jobs/{id}/cancel", "GET /api/v1/models/{id}", "DELETE /api/v1/models/{id}",
                "POST /api/v1/models/{id}/promote", "GET /api/v1/models/{id}/artifact", "GET /api/v1/series/{id}/models",
                "POST /api/v1/series/{id}/models", "POST /api/v1/forecasts", "POST /api/v1/forecasts/batch",
                "POST /api/v1/backtests", "GET /api/v1/backtest-jobs/{id}", "POST /api/v1/backtest-jobs/{id}/cancel",
                "GET /api/v1/series/{id}/chart", "GET /api/v1/series/{id}/chart.png", "GET /api/v1/series/{id}/chart.svg",
                "GET /api/v1/training-jobs/{id}/loss-chart", "GET /api/v1/models/{id}/loss-chart",
                "GET /api/v1/models/{id}/backtest-chart.svg");
        for (String chart : List.of("/api/v1/series/{id}/chart", "/api/v1/training-jobs/{id}/loss-chart.png",
                "/api/v1/models/{id}/loss-chart.svg", "/api/v1/models/{id}/backtest-chart")) {
            assertThat(paths.get(chart).get("get").get("responses").get("200").get("content").propertyNames())
                    .as(chart).containsExactlyInAnyOrder("image/png", "image/svg+xml");
        }
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                JsonNode responses = paths.get(path).get(method).get("responses");
                JsonNode success = responses.has("200") ? responses.get("200")
                        : responses.has("201") ? responses.get("201") : responses.get("202");
                if (success != null) {
                    assertThat(success.has("content")).as("%s %s documents what it returns", method, path).isTrue();
                }
            }
        }
        assertThat(paths.get("/api/v1/series/{id}/models").get("post").get("requestBody").get("content")
                .propertyNames()).contains("application/zip");
        JsonNode forecast = paths.get("/api/v1/forecasts").get("post").get("responses").get("200").get("content");
        assertThat(forecast.propertyNames()).contains("application/json", "text/csv");
        JsonNode ingest = paths.get("/api/v1/series/{id}/points").get("post").get("requestBody").get("content");
        assertThat(ingest.propertyNames()).contains("application/json", "text/csv");
    }

    @Test
    void swaggerUiLoads() {
        ResponseEntity<String> page = http().get().uri("/swagger-ui/index.html").retrieve().toEntity(String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("Swagger UI");
        ResponseEntity<Void> entry = http().get().uri("/swagger-ui.html").retrieve().toBodilessEntity();
        assertThat(entry.getStatusCode().value()).isIn(200, 302);
    }

    @Test
    void everyOperationDeclaresTheApiKeyAndBearerSchemes() {
        JsonNode document = http().get().uri("/v3/api-docs").retrieve().body(JsonNode.class);
        JsonNode schemes = document.get("components").get("securitySchemes");
        assertThat(schemes.get("apiKey").get("type").asString()).isEqualTo("apiKey");
        assertThat(schemes.get("apiKey").get("in").asString()).isEqualTo("header");
        assertThat(schemes.get("apiKey").get("name").asString()).isEqualTo("X-API-Key");
        assertThat(schemes.get("bearer").get("type").asString()).isEqualTo("http");
        assertThat(schemes.get("bearer").get("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.get("bearer").get("bearerFormat").asString()).isEqualTo("JWT");
        JsonNode paths = document.get("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                assertThat(paths.get(path).get(method).get("security").toString()).as(method + " " + path)
                        .isEqualTo("[{\"apiKey\":[]},{\"bearer\":[]}]");
            }
        }
    }

    @Test
    void actuatorReportsHealthAndTheNd4jBackend() {
        JsonNode health = http().get().uri("/actuator/health").retrieve().body(JsonNode.class);
        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode nd4j = http().get().uri("/actuator/info").retrieve().body(JsonNode.class).get("nd4j");
        assertThat(nd4j.get("backend").asString()).isEqualTo("CpuBackend");
        assertThat(nd4j.get("requested").asString()).isEqualTo("auto");
        assertThat(nd4j.get("reason").asString()).isEqualTo("auto: this build has no CUDA backend");
        assertThat(nd4j.get("mathThreads").asInt()).isEqualTo(1);
        assertThat(nd4j.get("nd4jVersion").asString()).isEqualTo("1.0.0-M2.1");
        assertThat(nd4j.get("workspaceMode").get("inference").asString()).isEqualTo("ENABLED");
        assertThat(nd4j.get("javacpp").get("maxPhysicalBytes").asLong()).isPositive();
        assertThat(nd4j.get("javacpp").get("cacheDir").asString()).isNotBlank();
        // security off (the jar's default): nobody is authorized, so the status alone; SecurityTests sees the rest
        assertThat(health.propertyNames()).contains("status").doesNotContain("components", "details");
        String metrics = http().get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(metrics).contains("jvm_memory_used_bytes");
    }
}
