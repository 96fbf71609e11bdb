package dev.tsforge.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Real HTTP to a service under test for the global-model flows: a collection of a {@link SyntheticPanel}, jobs. */
public record PanelApi(RestClient http, String collection, LocalDate start) {

    public static PanelApi on(int port, String collection, LocalDate start) {
        return new PanelApi(RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build(), collection, start);
    }

    /** Creates the collection on a daily grid. */
    public void create() {
        assertThat(post("/api/v1/collections", Map.of("name", collection, "frequency", "P1D")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    /** Uploads the members' observed points in long format (day {@code t} of a member is {@code start + t}). */
    public void upload(List<SyntheticPanel.Member> members) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SyntheticPanel.Member member : members) {
            for (double[] point : member.observed()) {
                rows.add(Map.of("unique_id", member.uniqueId(), "ds", start.plusDays((long) point[0]).toString(),
                        "y", point[1]));
            }
        }
        ResponseEntity<JsonNode> uploaded = post("/api/v1/collections/" + collection + "/points", rows);
        assertThat(uploaded.getStatusCode()).as("%s", uploaded.getBody()).isEqualTo(HttpStatus.OK);
    }

    /** Gives the members their static labels ({@code PUT /collections/{name}/labels}). */
    public void label(List<SyntheticPanel.Member> members) {
        Map<String, Map<String, String>> labels = new java.util.LinkedHashMap<>();
        members.forEach(member -> labels.put(member.uniqueId(), member.labels()));
        ResponseEntity<JsonNode> put = http.put().uri("/api/v1/collections/{c}/labels", collection)
                .contentType(MediaType.APPLICATION_JSON).body(labels).retrieve().toEntity(JsonNode.class);
        assertThat(put.getStatusCode()).as("%s", put.getBody()).isEqualTo(HttpStatus.OK);
    }

    /** Declares a covariate series at {@code path} ({@code .../covariates/{name}}) of {@code kind}: 201 expected. */
    public void declare(String path, String kind) {
        ResponseEntity<JsonNode> declared = http.put().uri(path).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("kind", kind)).retrieve().toEntity(JsonNode.class);
        assertThat(declared.getStatusCode()).as("%s", declared.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    /** Stores the first {@code days} of {@code values} as the covariate's points at {@code path}, day 0 at start. */
    public void uploadDaily(String path, double[] values, int days) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int t = 0; t < days; t++) {
            points.add(Map.of("timestamp", start.plusDays(t) + "T00:00:00Z", "value", values[t]));
        }
        ResponseEntity<JsonNode> uploaded = post(path + "/points", points);
        assertThat(uploaded.getStatusCode()).as("%s", uploaded.getBody()).isEqualTo(HttpStatus.OK);
    }

    /** The id of the member with this unique id. */
    public long memberId(String uniqueId) {
        JsonNode page = http.get().uri("/api/v1/series?collection={c}&size=500", collection).retrieve()
                .body(JsonNode.class);
        for (JsonNode series : page.get("items")) {
            if (series.get("uniqueId").asString().equals(uniqueId)) {
                return series.get("id").asLong();
            }
        }
        throw new AssertionError("no member " + uniqueId + " in " + page);
    }

    /** Posts a training (202 expected) and waits for it to succeed; the finished job. */
    public JsonNode train(String path, Map<String, Object> spec) throws Exception {
        ResponseEntity<JsonNode> accepted = post(path, spec);
        assertThat(accepted.getStatusCode()).as("%s", accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        URI job = accepted.getHeaders().getLocation();
        return Await.until("training " + job, Duration.ofMinutes(4), Duration.ofMillis(500),
                () -> http.get().uri(job).retrieve().body(JsonNode.class), polled -> {
                    String status = polled.get("status").asString();
                    assertThat(status).as("job %s: %s", job, polled).isIn("QUEUED", "RUNNING", "SUCCEEDED");
                    return status.equals("SUCCEEDED");
                });
    }

    public JsonNode get(String path, Object... variables) {
        return http.get().uri(path, variables).retrieve().body(JsonNode.class);
    }

    public ResponseEntity<JsonNode> post(String path, Object body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toEntity(JsonNode.class);
    }
}
