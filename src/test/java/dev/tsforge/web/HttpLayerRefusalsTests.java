package dev.tsforge.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.HttpApi;
import dev.tsforge.support.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bad-input corpus' requests that the HTTP layer refuses before the API sees them (Tomcat's parser and URL
 * decoder, Spring Security's firewall, the servlet error page), listed in {@code bad-input/http-layer.tsv} and
 * generated below, written byte for byte on a socket because no HTTP client sends them: each must get a problem
 * detail of its status and type, never Tomcat's HTML page or Spring's default error JSON. The same context as
 * {@link BadInputCorpusTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tsforge.limits.max-request-bytes=65536", "tsforge.limits.max-points-per-request=500",
        "tsforge.limits.max-batch-items=5", "tsforge.limits.max-horizon=200"})
@ActiveProfiles("test")
class HttpLayerRefusalsTests {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    /** A request the HTTP layer refuses, written byte for byte, with the status and problem type it must get. */
    record RawCase(int status, String type, String what, byte[] request) {
    }

    @Test
    void everyRequestTheHttpLayerRefusesGetsAProblemOfItsStatus() throws Exception {
        List<RawCase> cases = new ArrayList<>(rawListed());
        cases.addAll(rawGenerated());
        List<String> failures = new ArrayList<>();
        for (RawCase hostile : cases) {
            RawHttp.Response response = RawHttp.send(port, hostile.request());
            String type = BadInputCorpusTests.problemType(json, response.status(), response.contentType(), response.body());
            if (response.status() != hostile.status() || !("urn:tsforge:problem:" + hostile.type()).equals(type)) {
                failures.add(hostile.what() + " → " + response.status() + " " + response.contentType() + " "
                        + BadInputCorpusTests.abbreviate(response.body()));
            }
        }
        assertThat(failures).as("HTTP-layer refusals without the expected problem detail").isEmpty();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        assertThat(HttpApi.localhost(port).get("/actuator/health").statusCode()).isEqualTo(200);
    }

    private static List<RawCase> rawListed() throws IOException {
        List<RawCase> cases = new ArrayList<>();
        try (InputStream in = HttpLayerRefusalsTests.class.getResourceAsStream("/bad-input/http-layer.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", 5);
                String header = "-".equals(fields[4]) ? "" : BadInputCorpusTests.unescape(fields[4]) + "\r\n";
                String request = fields[2] + " " + BadInputCorpusTests.unescape(fields[3]) + " HTTP/1.1\r\nHost: localhost\r\n" + header
                        + "Connection: close\r\n\r\n";
                cases.add(new RawCase(Integer.parseInt(fields[0]), fields[1], fields[2] + " " + fields[3] + " " + fields[4],
                        request.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return cases;
    }

    /** Refusals too long or too odd for a line of the file. */
    private static List<RawCase> rawGenerated() {
        String close = "Connection: close\r\n";
        return List.of(
                raw(400, "malformed-request", "a 20 kB header", "GET /api/v1/series HTTP/1.1\r\nHost: localhost\r\n"
                        + "X-Big: " + "a".repeat(20_000) + "\r\n" + close + "\r\n"),
                raw(400, "malformed-request", "a 20 kB URL", "GET /api/v1/series?q=" + "a".repeat(20_000)
                        + " HTTP/1.1\r\nHost: localhost\r\n" + close + "\r\n"),
                raw(400, "malformed-request", "HTTP/1.1 without Host", "GET /api/v1/series HTTP/1.1\r\n" + close
                        + "\r\n"),
                raw(505, "http-error", "HTTP/9.9", "GET /api/v1/series HTTP/9.9\r\nHost: localhost\r\n" + close
                        + "\r\n"),
                raw(400, "malformed-request", "a broken chunk size", "POST /api/v1/series HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n" + close + "\r\nzz\r\n"));
    }

    private static RawCase raw(int status, String type, String what, String request) {
        return new RawCase(status, type, what, request.getBytes(StandardCharsets.ISO_8859_1));
    }
}
