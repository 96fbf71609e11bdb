package dev.tsforge.web;

import static dev.tsforge.support.Problems.PREFIX;
import static dev.tsforge.support.Problems.problem;
import static dev.tsforge.support.Requests.postCsv;
import static dev.tsforge.support.Requests.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.support.ApiClient;
import dev.tsforge.support.Csv;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every client mistake that only the services can see gets a 4xx problem detail with a stable type, and nothing is
 * stored. Those the web layer refuses on its own are in the slice {@link ApiErrorsMvcTests}.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ApiErrorsTests {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    long seriesId;

    @BeforeEach
    void hourlySeriesWithTenPoints() throws Exception {
        seriesId = new ApiClient(mvc, json).createSeries("PT1H", Csv.hourly(10, h -> h));
    }

    private MvcResult expectProblem(RequestBuilder request, int status, String type) throws Exception {
        return mvc.perform(request).andExpect(problem(status, type)).andReturn();
    }



    private void assertPointCountUnchanged() throws Exception {
        mvc.perform(get("/api/v1/series/{id}", seriesId)).andExpect(jsonPath("$.pointCount").value(10));
    }

    @Test
    void nonFiniteAndNonNumericValuesAreRefusedWithReasons() throws Exception {
        mvc.perform(postCsv(seriesId, "timestamp,value\n2024-01-02T00:00:00Z,NaN\n2024-01-02T01:00:00Z,Infinity\n"
                        + "2024-01-02T02:00:00Z,12abc\n2024-01-02T03:00:00Z,\n"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PREFIX + "invalid-points"))
                .andExpect(jsonPath("$.errorCount").value(4))
                .andExpect(jsonPath("$.errors[0].reason").value("NON_FINITE_VALUE"))
                .andExpect(jsonPath("$.errors[1].reason").value("NON_FINITE_VALUE"))
                .andExpect(jsonPath("$.errors[2].reason").value("BAD_VALUE"))
                .andExpect(jsonPath("$.errors[3].reason").value("MISSING_VALUE"));
        expectProblem(postJson("/api/v1/series/{id}/points", seriesId,
                "[{\"timestamp\": \"2024-01-02T00:00:00Z\", \"value\": 1e999}]"), 400, "invalid-points");
        assertPointCountUnchanged();
    }

    @Test
    void offGridAndDuplicateTimestampsAreRefused() throws Exception {
        mvc.perform(postCsv(seriesId, "timestamp,value\n2024-01-02T00:30:00Z,1\n2024-01-02T01:00:00Z,1\n"
                        + "2024-01-02T01:00:00Z,2\n02/01/2024 02:00,3\n"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PREFIX + "invalid-points"))
                .andExpect(jsonPath("$.errors[0].line").value(2))
                .andExpect(jsonPath("$.errors[0].reason").value("OFF_GRID"))
                .andExpect(jsonPath("$.errors[1].line").value(4))
                .andExpect(jsonPath("$.errors[1].reason").value("DUPLICATE_TIMESTAMP"))
                .andExpect(jsonPath("$.errors[2].reason").value("BAD_TIMESTAMP"));
        assertPointCountUnchanged();
    }

    @Test
    void unknownIdsAre404() throws Exception {
        expectProblem(get("/api/v1/series/999999"), 404, "not-found");
        expectProblem(get("/api/v1/models/999999"), 404, "not-found");
        expectProblem(get("/api/v1/training-jobs/999999"), 404, "not-found");
        expectProblem(post("/api/v1/series/999999/points").contentType(CSV)
                .content("timestamp,value\n2024-01-01T00:00:00Z,1\n"), 404, "not-found");
        expectProblem(post("/api/v1/series/999999/trainings").contentType(MediaType.APPLICATION_JSON).content("{}"),
                404, "not-found");
        expectProblem(post("/api/v1/forecasts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"modelId\": 999999, \"horizon\": 3}"), 404, "not-found");
    }

    @Test
    void seriesTooShortForTheLookbackIs422() throws Exception {
        MvcResult result = expectProblem(postJson("/api/v1/series/{id}/trainings", seriesId, "{\"lookback\": 24}"), 422,
                "series-too-short");
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("requiredPoints").asInt())
                .isEqualTo(12 + 24 + 8);
    }

    @Test
    void aStatefulRolloutWithoutStateToCarryIsRefusedNamingTheField() throws Exception {
        for (String spec : new String[] {"{\"rollout\": \"STATEFUL\", \"strategy\": \"DIRECT\"}",
                "{\"rollout\": \"STATEFUL\", \"normalization\": \"LAST_VALUE\"}"}) {
            MvcResult result = expectProblem(postJson("/api/v1/series/{id}/trainings", seriesId, spec), 400,
                    "invalid-field");
            assertThat(json.readTree(result.getResponse().getContentAsString()).get("errors").get(0).get("field")
                    .asString()).as(spec).isEqualTo("rollout");
        }
    }

    @Test
    void forecastRequestsAreChecked() throws Exception {
        expectProblem(post("/api/v1/forecasts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"seriesId\": " + seriesId + ", \"horizon\": 3}"), 409, "no-model");
        expectProblem(post("/api/v1/forecasts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"horizon\": 3}"), 400, "invalid-field");
        expectProblem(post("/api/v1/forecasts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"seriesId\": " + seriesId + ", \"horizon\": 0}"), 400, "invalid-field");
        expectProblem(post("/api/v1/forecasts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"seriesId\": " + seriesId + ", \"horizon\": 100000}"), 400, "invalid-field");
    }

    @Test
    void seriesCreationIsChecked() throws Exception {
        expectProblem(post("/api/v1/series").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"x\", \"frequency\": \"P5M\"}"), 400, "invalid-field");
        String name = "dup-" + UUID.randomUUID();
        mvc.perform(post("/api/v1/series").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"" + name + "\", \"frequency\": \"PT1H\"}")).andExpect(status().isCreated());
        expectProblem(post("/api/v1/series").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"" + name + "\", \"frequency\": \"PT1H\"}"), 409, "name-taken");
    }

}
