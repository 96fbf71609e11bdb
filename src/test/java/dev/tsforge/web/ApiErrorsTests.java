package dev.tsforge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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

/** Every client mistake gets a 4xx problem detail with a stable type, and nothing is stored. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ApiErrorsTests {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");
    private static final String PREFIX = "urn:tsforge:problem:";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    long seriesId;

    @BeforeEach
    void hourlySeriesWithTenPoints() throws Exception {
        String body = mvc.perform(post("/api/v1/series").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"e-" + UUID.randomUUID() + "\",\"frequency\":\"PT1H\"}"))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        seriesId = json.readTree(body).get("id").asLong();
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int h = 0; h < 10; h++) {
            csv.append(String.format("2024-01-01T%02d:00:00Z,%d%n", h, h));
        }
        mvc.perform(post("/api/v1/series/{id}/points", seriesId).contentType(CSV).content(csv.toString()))
                .andExpect(status().isOk());
    }

    private MvcResult expectProblem(RequestBuilder request, int status, String type) throws Exception {
        MvcResult result = mvc.perform(request)
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PREFIX + type))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.detail").isNotEmpty())
                .andReturn();
        assertThat(result.getResponse().getContentAsString())
                .doesNotContain("Exception", "\tat ", "dev.tsforge.", "java.");
        return result;
    }

    private RequestBuilder postJson(String path, String body) {
        return post(path, seriesId).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private RequestBuilder postCsv(String body) {
        return post("/api/v1/series/{id}/points", seriesId).contentType(CSV).content(body);
    }

    private void assertPointCountUnchanged() throws Exception {
        mvc.perform(get("/api/v1/series/{id}", seriesId)).andExpect(jsonPath("$.pointCount").value(10));
    }

    @Test
    void malformedJsonSaysWhere() throws Exception {
        MvcResult result = expectProblem(postJson("/api/v1/series/{id}/points", "[{\"timestamp\": \"2024-01-02T00:00:00Z\","),
                400, "malformed-request");
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("detail").asString()).contains("line 1");
        expectProblem(postJson("/api/v1/series/{id}/points", "{\"timestamp\": 1}"), 400, "malformed-request");
        expectProblem(postJson("/api/v1/series/{id}/points", ""), 400, "malformed-request");
        assertPointCountUnchanged();
    }

    @Test
    void malformedCsvNamesTheLine() throws Exception {
        mvc.perform(postCsv("time,value\n2024-01-02T00:00:00Z,1\n"))
                .andExpect(jsonPath("$.type").value(PREFIX + "invalid-csv"))
                .andExpect(jsonPath("$.line").value(1));
        mvc.perform(postCsv("timestamp,value\n2024-01-02T00:00:00Z,1\n2024-01-02T01:00:00Z,1,extra\n"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PREFIX + "invalid-csv"))
                .andExpect(jsonPath("$.line").value(3));
        expectProblem(postCsv(""), 400, "invalid-csv");
        expectProblem(postCsv("timestamp,value\n\"2024-01-02T00:00:00Z,1\n"), 400, "invalid-csv");
        assertPointCountUnchanged();
    }

    @Test
    void nonFiniteAndNonNumericValuesAreRefusedWithReasons() throws Exception {
        mvc.perform(postCsv("timestamp,value\n2024-01-02T00:00:00Z,NaN\n2024-01-02T01:00:00Z,Infinity\n"
                        + "2024-01-02T02:00:00Z,12abc\n2024-01-02T03:00:00Z,\n"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PREFIX + "invalid-points"))
                .andExpect(jsonPath("$.errorCount").value(4))
                .andExpect(jsonPath("$.errors[0].reason").value("NON_FINITE_VALUE"))
                .andExpect(jsonPath("$.errors[1].reason").value("NON_FINITE_VALUE"))
                .andExpect(jsonPath("$.errors[2].reason").value("BAD_VALUE"))
                .andExpect(jsonPath("$.errors[3].reason").value("MISSING_VALUE"));
        expectProblem(postJson("/api/v1/series/{id}/points",
                "[{\"timestamp\": \"2024-01-02T00:00:00Z\", \"value\": 1e999}]"), 400, "invalid-points");
        // a bare NaN token is not JSON at all
        expectProblem(postJson("/api/v1/series/{id}/points",
                "[{\"timestamp\": \"2024-01-02T00:00:00Z\", \"value\": NaN}]"), 400, "malformed-request");
        assertPointCountUnchanged();
    }

    @Test
    void offGridAndDuplicateTimestampsAreRefused() throws Exception {
        mvc.perform(postCsv("timestamp,value\n2024-01-02T00:30:00Z,1\n2024-01-02T01:00:00Z,1\n"
                        + "2024-01-02T01:00:00Z,2\n2024-01-02 02:00,3\n"))
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
        expectProblem(get("/api/v1/series/not-a-number"), 400, "invalid-parameter");
        expectProblem(get("/api/v1/nothing-here"), 404, "not-found");
    }

    @Test
    void seriesTooShortForTheLookbackIs422() throws Exception {
        MvcResult result = expectProblem(postJson("/api/v1/series/{id}/trainings", "{\"lookback\": 24}"), 422,
                "series-too-short");
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("requiredPoints").asInt())
                .isEqualTo(12 + 24 + 8);
    }

    @Test
    void badSpecValuesNameTheField() throws Exception {
        mvc.perform(postJson("/api/v1/series/{id}/trainings",
                        "{\"epochs\": 0, \"hiddenSizes\": [1000000], \"learningRate\": -1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PREFIX + "invalid-field"))
                .andExpect(jsonPath("$.errors[?(@.field == 'epochs')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'hiddenSizes[0]')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'learningRate')]").exists());
        MvcResult result = expectProblem(postJson("/api/v1/series/{id}/trainings", "{\"architecture\": \"TRANSFORMER\"}"),
                400, "malformed-request");
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("detail").asString())
                .contains("$.architecture", "LSTM", "SIMPLE_RNN", "GRU");
        mvc.perform(postJson("/api/v1/series/{id}/trainings", "{\"architecture\": \"GRU\", \"bidirectional\": true}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("bidirectional"));
        mvc.perform(postJson("/api/v1/series/{id}/trainings", "{\"architecture\": \"GRU\", \"activation\": \"RELU\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("activation"));
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
        expectProblem(post("/api/v1/series").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"has space\", \"frequency\": \"PT1H\"}"), 400, "invalid-field");
        String name = "dup-" + UUID.randomUUID();
        mvc.perform(post("/api/v1/series").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"" + name + "\", \"frequency\": \"PT1H\"}")).andExpect(status().isCreated());
        expectProblem(post("/api/v1/series").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"" + name + "\", \"frequency\": \"PT1H\"}"), 409, "name-taken");
    }

    @Test
    void wrongMethodsAndMediaTypes() throws Exception {
        expectProblem(post("/api/v1/series/{id}/points", seriesId).contentType(MediaType.TEXT_PLAIN).content("x"),
                415, "unsupported-media-type");
        expectProblem(put("/api/v1/forecasts"), 405, "method-not-allowed");
        expectProblem(get("/api/v1/series").param("size", "0"), 400, "invalid-parameter");
        expectProblem(get("/api/v1/series/{id}/points", seriesId).param("from", "yesterday"), 400, "invalid-parameter");
    }
}
