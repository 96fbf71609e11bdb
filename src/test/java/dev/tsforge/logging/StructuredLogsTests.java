package dev.tsforge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.Csv;
import dev.tsforge.support.HttpApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With structured logging on (as in the images and the chart), log lines are JSON objects that carry the request id
 * (the caller's or a new one, echoed in the response) and the job, series and model ids of what they are about.
 */
// FreshLogging before @SpringBootTest's SpringExtension, so that it runs before this class's context starts
@ExtendWith({StructuredLogsTests.FreshLogging.class, OutputCaptureExtension.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.structured.format.console=ecs")
@ActiveProfiles("test")
class StructuredLogsTests {

    /**
     * Spring Boot configures Logback once per JVM: a context started while another one's configuration stands (a
     * cached test context, which is paused but not closed) keeps that configuration, and this class's JSON format
     * would not apply when a plain-text context had started just before it in the same test JVM. Marking the
     * logging system uninitialized before the class makes this context configure it; after the class, the next
     * context configures its own, without the JSON format this one left in a system property.
     */
    static final class FreshLogging implements BeforeAllCallback, AfterAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            LoggingSystem.get(FreshLogging.class.getClassLoader()).cleanUp();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
            LoggingSystem.get(FreshLogging.class.getClassLoader()).cleanUp();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> post(String path, String body, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestAndJobLinesCarryTheirIds(CapturedOutput output) throws Exception {
        HttpApi api = HttpApi.localhost(port);
        long series = api.createSeries("logged", "P1D");
        api.ingestCsv(series, Csv.daily(100, day -> 5 + Math.sin(day / 3.0)));

        HttpResponse<String> queued = post("/api/v1/series/" + series + "/trainings", "{\"architecture\": "
                + "\"SIMPLE_RNN\", \"hiddenSizes\": [4], \"lookback\": 10, \"horizon\": 2, \"epochs\": 2}", "client-req.42");
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        assertThat(queued.headers().firstValue("X-Request-Id")).hasValue("client-req.42");
        long job = json.readTree(queued.body()).get("id").asLong();
        JsonNode done = api.awaitJobStatus(job, Duration.ofMinutes(2), "SUCCEEDED", "FAILED");
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        long model = done.get("modelId").asLong();

        HttpResponse<String> forecast = post("/api/v1/forecasts", "{\"modelId\": " + model + ", \"horizon\": 2}",
                "bad id\"}{");
        assertThat(forecast.statusCode()).isEqualTo(200);
        String generated = forecast.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(generated).as("an unusable id is replaced").matches("[0-9a-f-]{36}");

        List<JsonNode> lines = jsonLines(output);
        JsonNode submitted = one(lines, "Job " + job + " queued");
        assertThat(submitted.get("requestId").asString()).isEqualTo("client-req.42");
        assertThat(submitted.get("jobId").asString()).isEqualTo(String.valueOf(job));
        assertThat(submitted.get("seriesId").asString()).isEqualTo(String.valueOf(series));

        JsonNode succeeded = one(lines, "Training job " + job + " for series " + series + " succeeded");
        assertThat(succeeded.get("jobId").asString()).isEqualTo(String.valueOf(job));
        assertThat(succeeded.get("seriesId").asString()).isEqualTo(String.valueOf(series));
        assertThat(succeeded.get("modelId").asString()).isEqualTo(String.valueOf(model));
        assertThat(succeeded.has("requestId")).as("a job runs outside any request").isFalse();
        String worker = succeeded.get("process").get("thread").get("name").asString();
        List<JsonNode> jobLines = lines.stream()
                .filter(line -> worker.equals(line.get("process").get("thread").get("name").asString()))
                .filter(line -> line.get("log").get("logger").asString().startsWith("dev.tsforge")
                        || line.get("log").get("logger").asString().startsWith("org.deeplearning4j"))
                .toList();
        assertThat(jobLines).as("the job's own lines").isNotEmpty()
                .allSatisfy(line -> assertThat(line.path("jobId").asString()).isEqualTo(String.valueOf(job)));

        JsonNode loaded = one(lines, "Loaded model " + model + " of series " + series);
        assertThat(loaded.get("requestId").asString()).isEqualTo(generated);
        assertThat(loaded.get("modelId").asString()).isEqualTo(String.valueOf(model));
        assertThat(loaded.get("seriesId").asString()).isEqualTo(String.valueOf(series));
        assertThat(loaded.has("jobId")).as("no id left over from a previous request on the pooled thread").isFalse();
    }

    private List<JsonNode> jsonLines(CapturedOutput output) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.getOut().split("\\R")) {
            if (line.startsWith("{\"@timestamp\"")) {
                lines.add(json.readTree(line));
            }
        }
        assertThat(lines).as("structured log lines").isNotEmpty();
        return lines;
    }

    private static JsonNode one(List<JsonNode> lines, String messageStart) {
        List<JsonNode> matching = lines.stream()
                .filter(line -> line.path("message").asString().startsWith(messageStart)).toList();
        assertThat(matching).as("lines starting '%s'", messageStart).hasSize(1);
        return matching.get(0);
    }
}
