package dev.tsforge.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
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
    private static final Duration POLL = Duration.ofMillis(50);
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

    /** A new series with a unique name; asserts 201 with its {@code Location} and returns its id. */
    public long createSeries(String frequency) throws Exception {
        return createSeriesFrom("{\"name\":\"t-" + UUID.randomUUID() + "\",\"frequency\":\"" + frequency + "\"}");
    }

    /** A new series with a unique name and the CSV's points; returns its id. */
    public long createSeries(String frequency, String csv) throws Exception {
        long id = createSeries(frequency);
        ingestCsv(id, csv);
        return id;
    }

    /** A new series from the JSON {@code request} as given; asserts 201 with its {@code Location}, returns its id. */
    public long createSeriesFrom(String request) throws Exception {
        return read(mvc.perform(post("/api/v1/series").contentType(MediaType.APPLICATION_JSON).content(request))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", matchesPattern(".*/api/v1/series/\\d+"))))
                .get("id").asLong();
    }

    public void ingestCsv(long seriesId, String csv) throws Exception {
        mvc.perform(post("/api/v1/series/{id}/points", seriesId).contentType("text/csv").content(csv))
                .andExpect(status().isOk());
    }

    /** Asks for a training with the spec; the caller checks the answer. */
    public ResultActions requestTraining(long seriesId, String spec) throws Exception {
        return mvc.perform(post("/api/v1/series/{id}/trainings", seriesId).contentType(MediaType.APPLICATION_JSON)
                .content(spec));
    }

    /** Starts a training with the spec (asserts 202); returns the job as accepted. */
    public JsonNode startTraining(long seriesId, String spec) throws Exception {
        return read(requestTraining(seriesId, spec).andExpect(status().isAccepted()));
    }

    /** Starts a training with the spec and waits for it to end; returns the finished job. */
    public JsonNode train(long seriesId, String spec) throws Exception {
        return awaitJob(startTraining(seriesId, spec).get("id").asLong());
    }

    /** Like {@link #train}, and insists that it succeeded; returns the job. */
    public JsonNode trainSuccessfully(long seriesId, String spec) throws Exception {
        JsonNode job = train(seriesId, spec);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        return job;
    }

    /** Waits for the training job to end (SUCCEEDED, FAILED or CANCELLED); returns it. */
    public JsonNode awaitJob(long jobId) throws Exception {
        return awaitJobStatus(jobId, FINAL.toArray(String[]::new));
    }

    /** Polls the training job every 50 ms until it has one of {@code statuses}; returns it. */
    public JsonNode awaitJobStatus(long jobId, String... statuses) throws Exception {
        Set<String> wanted = Set.of(statuses);
        return Await.until("job " + jobId + " reaching " + wanted, PATIENCE, POLL,
                () -> get("/api/v1/training-jobs/{id}", jobId), job -> wanted.contains(job.get("status").asString()));
    }

    /** Polls the backtest job until it ends; asserts every answer is 200 and returns the job. */
    public JsonNode awaitBacktest(long jobId) throws Exception {
        return Await.until("backtest job " + jobId, PATIENCE, POLL,
                () -> read(mvc.perform(MockMvcRequestBuilders.get("/api/v1/backtest-jobs/{id}", jobId))
                        .andExpect(status().isOk())),
                job -> FINAL.contains(job.get("status").asString()));
    }
}
