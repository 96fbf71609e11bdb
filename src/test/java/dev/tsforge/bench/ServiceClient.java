package dev.tsforge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON and CSV over HTTP to the service, as a user's client sends them; an unexpected status is an error. */
final class ServiceClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;

    ServiceClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A CSV body (String) is sent as text/csv, anything else as JSON. */
    JsonNode send(String method, String path, Object body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofMinutes(2)).header("Accept", "application/json");
        if (body instanceof String csv) {
            request.header("Content-Type", "text/csv").method(method, HttpRequest.BodyPublishers.ofString(csv));
        } else if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Polls a job resource until it is neither QUEUED nor RUNNING. */
    JsonNode await(String path, Duration patience) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = send("GET", path, null, 200);
            String status = job.get("status").asString();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return job;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(path + " did not finish within " + patience);
    }

    /** A text field, null when absent or JSON null: for fields newer builds of the service add. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null
                : value.isValueNode() ? value.asString() : value.toString();
    }

    /** Seconds between two timestamp fields; NaN when either is missing. */
    static double seconds(JsonNode node, String from, String to) {
        String start = text(node, from);
        String end = text(node, to);
        return start == null || end == null ? Double.NaN
                : Duration.between(Instant.parse(start), Instant.parse(end)).toMillis() / 1e3;
    }
}
