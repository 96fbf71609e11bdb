package dev.tsforge.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The few API steps most tests start with: a series, its points, a finished training. */
public final class ApiClient {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    private final MockMvc mvc;
    private final JsonMapper json;

    public ApiClient(MockMvc mvc, JsonMapper json) {
        this.mvc = mvc;
        this.json = json;
    }

    public JsonNode read(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    public JsonNode get(String uri, Object... variables) throws Exception {
        return read(mvc.perform(MockMvcRequestBuilders.get(uri, variables)));
    }

    public JsonNode postJson(String uri, String body, Object... variables) throws Exception {
        return read(mvc.perform(post(uri, variables).contentType(MediaType.APPLICATION_JSON).content(body)));
    }

    /** A new series with a unique name; returns its id. */
    public long createSeries(String frequency) throws Exception {
        return read(mvc.perform(post("/api/v1/series").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"t-" + UUID.randomUUID() + "\",\"frequency\":\"" + frequency + "\"}"))
                .andExpect(status().isCreated())).get("id").asLong();
    }

    public void ingestCsv(long seriesId, String csv) throws Exception {
        mvc.perform(post("/api/v1/series/{id}/points", seriesId).contentType("text/csv").content(csv))
                .andExpect(status().isOk());
    }

    /** Starts a training with the spec and waits for it to end; returns the finished job. */
    public JsonNode train(long seriesId, String spec) throws Exception {
        long jobId = read(mvc.perform(post("/api/v1/series/{id}/trainings", seriesId)
                        .contentType(MediaType.APPLICATION_JSON).content(spec))
                .andExpect(status().isAccepted())).get("id").asLong();
        return awaitJob(jobId);
    }

    /** Like {@link #train}, and insists that it succeeded; returns the job. */
    public JsonNode trainSuccessfully(long seriesId, String spec) throws Exception {
        JsonNode job = train(seriesId, spec);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        return job;
    }

    public JsonNode awaitJob(long jobId) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = get("/api/v1/training-jobs/{id}", jobId);
            if (FINAL.contains(job.get("status").asString())) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + jobId + " did not finish within " + PATIENCE);
    }
}
