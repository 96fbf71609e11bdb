package dev.tsforge.web;

import static dev.tsforge.support.Compressed.gzip;
import static dev.tsforge.support.Compressed.zstd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.HttpApi;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Request bodies sent compressed, as Nixtla's client sends those over 1 MiB (zstd) or curl a {@code .gz} file: read
 * as if sent plain, by JSON and CSV endpoints alike and by a collection's streaming long-format upload; an unknown
 * coding is 415 before the body is read, a body that is not what its coding says is 400, and the decoded bytes count
 * against the request limit (a small body that expands past it is 413). The limits of {@link HttpLayerRefusalsTests}'
 * context (64 KiB bodies).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tsforge.limits.max-request-bytes=65536", "tsforge.limits.max-points-per-request=500",
        "tsforge.limits.max-batch-items=5", "tsforge.limits.max-horizon=200"})
@ActiveProfiles("test")
class CompressedRequestTests {

    @LocalServerPort
    int port;

    private HttpApi api;

    @BeforeEach
    void client() {
        api = HttpApi.localhost(port);
    }

    @Test
    void zstdAndGzipBodiesAreReadAsPlainOnes() throws Exception {
        String name = "compressed-" + UUID.randomUUID();
        HttpResponse<String> created = api.postEncoded("/api/v1/series", "application/json", "zstd",
                zstd("{\"name\": \"" + name + "\", \"frequency\": \"P1D\"}"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode series = api.json(created);
        assertThat(series.get("name").asString()).isEqualTo(name);

        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int day = 1; day <= 20; day++) {
            csv.append(String.format("2024-01-%02dT00:00:00Z,%d%n", day, day * 3));
        }
        long id = series.get("id").asLong();
        HttpResponse<String> stored = api.postEncoded("/api/v1/series/" + id + "/points", "text/csv", "GZIP",
                gzip(csv.toString()));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        JsonNode points = api.json(api.get("/api/v1/series/" + id + "/points"));
        assertThat(points).hasSize(20);
        assertThat(points.get(19).get("value").asDouble()).isEqualTo(60.0);
    }

    /**
     * The body comes from the reference implementation, not from the codec decoding it: {@code stores.csv.zst} was
     * written by python-zstandard 0.20 (libzstd) as Nixtla's client compresses, {@code ZstdCompressor(level=1,
     * threads=-1)}, from 28 days of two stores ({@code unique_id,ds,y}; south = north + 100).
     */
    @Test
    void aLongFormatUploadIntoACollectionStreamsDecoded() throws Exception {
        String name = "zipped-" + UUID.randomUUID();
        assertThat(api.post("/api/v1/collections", "application/json", "{\"name\": \"" + name
                + "\", \"frequency\": \"P1D\"}").statusCode()).isEqualTo(201);
        byte[] body;
        try (InputStream in = getClass().getResourceAsStream("/compressed/stores.csv.zst")) {
            body = in.readAllBytes();
        }
        HttpResponse<String> stored = api.postEncoded("/api/v1/collections/" + name + "/points", "text/csv", "zstd",
                body);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(api.json(stored).get("inserted").asLong()).isEqualTo(56);
        String lastDay = api.get("/api/v1/collections/" + name + "/points?from=2024-02-28").body();
        assertThat(lastDay).contains("north,2024-02-28", "south,2024-02-28").contains(",28", ",128");
    }

    @Test
    void whatCannotBeDecodedIsAProblem() throws Exception {
        HttpResponse<String> brotli = api.postEncoded("/api/v1/series", "application/json", "br",
                new byte[] {1, 2, 3});
        assertProblem(brotli, 415, "unsupported-media-type");
        assertThat(api.json(brotli).get("supportedEncodings").toString()).contains("zstd", "gzip");

        assertProblem(api.postEncoded("/api/v1/series", "application/json", "zstd",
                corrupted("{\"name\": \"x\", \"frequency\": \"P1D\"}")), 400, "malformed-request");

        // 100 KB of JSON whitespace in a few hundred bytes: decoded, it is over the 64 KiB limit
        byte[] expanding = zstd(" ".repeat(100_000) + "{\"name\": \"wide\", \"frequency\": \"P1D\"}");
        assertThat(expanding.length).isLessThan(1_000);
        assertProblem(api.postEncoded("/api/v1/series", "application/json", "zstd", expanding), 413,
                "payload-too-large");
    }

    /**
     * A forecast's body is read whole before the forecast takes its turn; what fails there fails as it would anywhere.
     */
    @Test
    void aForecastsBodyReadAheadOfItsTurnFailsAsAnyOther() throws Exception {
        assertProblem(api.postEncoded("/api/v1/forecasts", "application/json", "zstd",
                corrupted("{\"modelId\": 1, \"horizon\": 3, \"values\": [1, 2, 3]}")), 400, "malformed-request");
        byte[] expanding = zstd(" ".repeat(100_000) + "{\"modelId\": 1, \"horizon\": 3}");
        assertProblem(api.postEncoded("/api/v1/forecasts/batch", "application/json", "zstd", expanding), 413,
                "payload-too-large");
        HttpResponse<String> plain = api.postEncoded("/api/v1/forecasts", "application/json", "gzip",
                gzip("{\"modelId\": 987654, \"horizon\": 3, \"values\": [1, 2, 3]}"));
        assertProblem(plain, 404, "not-found");
    }

    /** The zstd frame of {@code json} with two bytes flipped: its checksum no longer holds. */
    private static byte[] corrupted(String json) {
        byte[] frame = zstd(json);
        frame[frame.length / 2] ^= 0x5A;
        frame[frame.length - 1] ^= 0x5A;
        return frame;
    }

    private void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(api.json(response).get("type").asString()).isEqualTo("urn:tsforge:problem:" + type);
    }
}
