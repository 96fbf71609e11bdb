package dev.tsforge.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API over real HTTP ({@code java.net.http}), for tests that talk to a port: a service on a random port or one in
 * a process of its own ({@link ServiceProcess}). The MockMvc twin is {@link ApiClient}.
 */
public class HttpApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code base}: scheme, host and port, e.g. {@code http://localhost:8080}. */
    public HttpApi(String base) {
        this.base = base;
    }

    public static HttpApi localhost(int port) {
        return new HttpApi("http://localhost:" + port);
    }

    public String url(String path) {
        return base + path;
    }

    /** Any method; {@code contentType} and {@code body} may be null. */
    public HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON request asking for {@code accept} in return. */
    public HttpResponse<String> postAccepting(String path, String body, String accept)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A POST of bytes already encoded as {@code contentEncoding} says (zstd, gzip, …). */
    public HttpResponse<String> postEncoded(String path, String contentType, String contentEncoding, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).header("Content-Encoding", contentEncoding)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null);
    }

    public HttpResponse<String> post(String path, String contentType, String body)
            throws IOException, InterruptedException {
        return send("POST", path, contentType, body);
    }

    public JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** A series named {@code name}; asserts 201 and returns its id. */
    public long createSeries(String name, String frequency) throws Exception {
        HttpResponse<String> created = post("/api/v1/series", "application/json",
                "{\"name\": \"" + name + "\", \"frequency\": \"" + frequency + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asLong();
    }

    /** Stores the CSV's points; asserts 200. */
    public void ingestCsv(long seriesId, String csv) throws Exception {
        HttpResponse<String> stored = post("/api/v1/series/" + seriesId + "/points", "text/csv", csv);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    }

    /** Starts a training; asserts 202 and returns the job's id. */
    public long startTraining(long seriesId, String spec) throws Exception {
        HttpResponse<String> accepted = post("/api/v1/series/" + seriesId + "/trainings", "application/json", spec);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return json(accepted).get("id").asLong();
    }

    /** Polls the training job every 250 ms until {@code condition} holds; returns it. */
    public JsonNode awaitJob(long jobId, Predicate<JsonNode> condition, Duration patience) throws Exception {
        return Await.until("job " + jobId, patience, Duration.ofMillis(250),
                () -> json(get("/api/v1/training-jobs/" + jobId)), condition,
                last -> last + diagnostics());
    }

    /** Polls until the training job has one of {@code statuses}. */
    public JsonNode awaitJobStatus(long jobId, Duration patience, String... statuses) throws Exception {
        java.util.Set<String> wanted = java.util.Set.of(statuses);
        return awaitJob(jobId, job -> wanted.contains(job.get("status").asString()), patience);
    }

    /** What a failed wait should also show (a process' log); nothing here. */
    protected String diagnostics() {
        return "";
    }
}
