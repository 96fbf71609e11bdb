package dev.tsforge.web;

import static dev.tsforge.support.Problems.PREFIX;
import static dev.tsforge.support.Problems.problem;
import static dev.tsforge.support.Requests.postCsv;
import static dev.tsforge.support.Requests.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.ledger.Ledger;
import dev.tsforge.ledger.RecordingPolicies;
import dev.tsforge.retraining.RetrainingPolicies;
import dev.tsforge.anomalies.Anomalies;
import dev.tsforge.anomalies.SeriesQuality;
import dev.tsforge.backtest.BacktestJobService;
import dev.tsforge.backtest.PanelBacktestService;
import dev.tsforge.backtest.BacktestService;
import dev.tsforge.charts.ChartService;
import dev.tsforge.covariate.CovariateService;
import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.forecasting.CollectionForecasts;
import dev.tsforge.forecasting.ConcatenatedForecasts;
import dev.tsforge.forecasting.ForecastService;
import dev.tsforge.registry.ModelImporter;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelArtifacts;
import dev.tsforge.registry.ModelStore;
import dev.tsforge.security.ApiKeys;
import dev.tsforge.security.AppSecurity;
import dev.tsforge.series.web.IngestMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.tsforge.series.BulkIngestService;
import dev.tsforge.series.CollectionService;
import dev.tsforge.series.SeriesService;
import dev.tsforge.training.CollectionRunService;
import dev.tsforge.training.GlobalTrainingService;
import dev.tsforge.training.TrainingService;
import dev.tsforge.webhooks.Webhooks;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client mistakes that the web layer itself refuses, before any service: malformed bodies, bean validation, the
 * spec's combinations, unparsable parameters, wrong methods and media types, unknown paths. A slice of every
 * controller with {@link ProblemHandler}, the request size filter and the application's security configuration; the
 * services are mocks, and after each test none of them has been called, which is what "bad input stores nothing"
 * means here. {@link ApiErrorsTests} keeps the mistakes only the services can see (off-grid points, unknown ids, a
 * series too short), on a whole application.
 */
@WebMvcTest
@Import({AppSecurity.class, ApiErrorsMvcTests.Beans.class})
@ActiveProfiles("test")
class ApiErrorsMvcTests {

    private static final String POINTS = "/api/v1/series/{id}/points";
    private static final String TRAININGS = "/api/v1/series/{id}/trainings";
    private static final long SERIES = 7;

    /** What the controllers need besides the services: the typed settings, a clock and the ingest counters. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TsforgeProperties.class)
    @Import(IngestMetrics.class)
    static class Beans {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @MockitoBean
    SeriesService series;
    @MockitoBean
    TrainingService training;
    @MockitoBean
    ModelRegistry registry;
    @MockitoBean
    ModelImporter importer;
    @MockitoBean
    ModelStore store;
    @MockitoBean
    ForecastService forecasts;
    @MockitoBean
    BacktestService backtests;
    @MockitoBean
    BacktestJobService backtestJobs;
    @MockitoBean
    PanelBacktestService panelBacktests;
    @MockitoBean
    ChartService charts;
    @MockitoBean
    ApiKeys keys;
    @MockitoBean
    ModelArtifacts artifacts;
    @MockitoBean
    CollectionService collections;
    @MockitoBean
    BulkIngestService bulk;
    @MockitoBean
    CollectionRunService collectionRuns;
    @MockitoBean
    Webhooks webhooks;
    @MockitoBean
    GlobalTrainingService globalTraining;
    @MockitoBean
    CollectionForecasts collectionForecasts;
    @MockitoBean
    ConcatenatedForecasts concatenatedForecasts;
    @MockitoBean
    RecordingPolicies recordingPolicies;
    @MockitoBean
    RetrainingPolicies retrainingPolicies;
    @MockitoBean
    Ledger ledger;
    @MockitoBean
    CovariateService covariateSeries;
    @MockitoBean
    Anomalies anomalies;
    @MockitoBean
    SeriesQuality quality;

    @AfterEach
    void noServiceWasReached() {
        verifyNoInteractions(series, training, registry, importer, store, forecasts, backtests, backtestJobs, charts,
                keys, artifacts, collections, bulk, collectionRuns, webhooks, globalTraining, collectionForecasts,
                concatenatedForecasts, recordingPolicies, ledger, retrainingPolicies, covariateSeries, anomalies,
                quality);
    }

    private MvcResult expectProblem(RequestBuilder request, int status, String type) throws Exception {
        return mvc.perform(request).andExpect(problem(status, type)).andReturn();
    }

    @Test
    void covariateBodiesAreRefusedBeforeAnyService() throws Exception {
        expectProblem(put("/api/v1/series/1/covariates/temp").contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\": \"SOMETIMES\"}"), 400, "malformed-request");
        expectProblem(put("/api/v1/collections/c/covariates/temp").contentType(MediaType.APPLICATION_JSON)
                .content("{}"), 400, "invalid-field");
        mvc.perform(post("/api/v1/series/1/covariates").contentType("text/csv")
                        .content("timestamp,value\n2024-01-01,1\n"))
                .andExpect(jsonPath("$.type").value(PREFIX + "invalid-csv"))
                .andExpect(jsonPath("$.line").value(1));
        expectProblem(post("/api/v1/collections/c/covariates/temp/points").contentType(MediaType.APPLICATION_JSON)
                .content("[{\"timestamp\": 1"), 400, "malformed-request");
    }

    @Test
    void malformedJsonSaysWhere() throws Exception {
        MvcResult result = expectProblem(postJson(POINTS, SERIES, "[{\"timestamp\": \"2024-01-02T00:00:00Z\","),
                400, "malformed-request");
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("detail").asString()).contains("line 1");
        expectProblem(postJson(POINTS, SERIES, "{\"timestamp\": 1}"), 400, "malformed-request");
        expectProblem(postJson(POINTS, SERIES, ""), 400, "malformed-request");
        // a bare NaN token is not JSON at all
        expectProblem(postJson(POINTS, SERIES,
                "[{\"timestamp\": \"2024-01-02T00:00:00Z\", \"value\": NaN}]"), 400, "malformed-request");
    }

    @Test
    void malformedCsvNamesTheLine() throws Exception {
        mvc.perform(postCsv(SERIES, "time,value\n2024-01-02T00:00:00Z,1\n"))
                .andExpect(jsonPath("$.type").value(PREFIX + "invalid-csv"))
                .andExpect(jsonPath("$.line").value(1));
        mvc.perform(postCsv(SERIES, "timestamp,value\n2024-01-02T00:00:00Z,1\n2024-01-02T01:00:00Z,1,extra\n"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PREFIX + "invalid-csv"))
                .andExpect(jsonPath("$.line").value(3));
        expectProblem(postCsv(SERIES, ""), 400, "invalid-csv");
        expectProblem(postCsv(SERIES, "timestamp,value\n\"2024-01-02T00:00:00Z,1\n"), 400, "invalid-csv");
    }

    @Test
    void badSpecValuesNameTheField() throws Exception {
        mvc.perform(postJson(TRAININGS, SERIES,
                        "{\"epochs\": 0, \"hiddenSizes\": [1000000], \"learningRate\": -1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PREFIX + "invalid-field"))
                .andExpect(jsonPath("$.errors[?(@.field == 'epochs')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'hiddenSizes[0]')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'learningRate')]").exists());
        MvcResult result = expectProblem(postJson(TRAININGS, SERIES, "{\"architecture\": \"TRANSFORMER\"}"),
                400, "malformed-request");
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("detail").asString())
                .contains("$.architecture", "LSTM", "SIMPLE_RNN", "GRU");
        mvc.perform(postJson(TRAININGS, SERIES, "{\"architecture\": \"GRU\", \"bidirectional\": true}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("bidirectional"));
        mvc.perform(postJson(TRAININGS, SERIES, "{\"architecture\": \"GRU\", \"activation\": \"RELU\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("activation"));
    }

    @Test
    void unknownRetrainingTriggersNameTheFieldWithoutReachingTheService() throws Exception {
        MvcResult result = expectProblem(put("/api/v1/series/{id}/retraining-policy", SERIES)
                .contentType("application/json").content("{\"trigger\": \"HOURLY\"}"), 400, "malformed-request");
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("detail").asString())
                .contains("$.trigger", "SCHEDULE", "AFTER_POINTS", "ON_DRIFT");
    }

    @Test
    void badCollectionRunsNameTheFieldWithoutReachingTheService() throws Exception {
        String runs = "/api/v1/collections/{name}/runs";
        mvc.perform(post(runs, "stores").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"mode\": \"TRAIN\", \"spec\": {\"epochs\": 0}, "
                                + "\"auto\": {\"horizon\": 0}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PREFIX + "invalid-field"))
                .andExpect(jsonPath("$.errors[?(@.field == 'spec.epochs')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'auto.horizon')]").exists());
        mvc.perform(post(runs, "stores").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("mode"));
        mvc.perform(post(runs, "stores").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"mode\": \"AUTO\", \"spec\": {}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("spec"));
        expectProblem(post(runs, "stores").contentType(MediaType.APPLICATION_JSON).content("{\"mode\": \"ALL\"}"),
                400, "malformed-request");
        expectProblem(post("/api/v1/collection-runs/{id}/cancel", "x"), 400, "invalid-parameter");
    }

    @Test
    void seriesNamesAreChecked() throws Exception {
        expectProblem(post("/api/v1/series").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"has space\", \"frequency\": \"PT1H\"}"), 400, "invalid-field");
    }

    @Test
    void unparsableIdsAndUnknownPaths() throws Exception {
        expectProblem(get("/api/v1/series/not-a-number"), 400, "invalid-parameter");
        expectProblem(get("/api/v1/nothing-here"), 404, "not-found");
    }

    @Test
    void wrongMethodsAndMediaTypes() throws Exception {
        expectProblem(post("/api/v1/series/{id}/points", SERIES).contentType(MediaType.TEXT_PLAIN).content("x"),
                415, "unsupported-media-type");
        expectProblem(put("/api/v1/forecasts"), 405, "method-not-allowed");
        expectProblem(get("/api/v1/series").param("size", "0"), 400, "invalid-parameter");
        // bounds on query parameters are Spring MVC's method validation in every controller (a class-level
        // @Validated would validate through a proxy instead, and its exception was a 500)
        expectProblem(get("/api/v1/series/{id}/recorded-forecasts", SERIES).param("size", "0"), 400,
                "invalid-parameter");
        expectProblem(get("/api/v1/webhooks/{id}/deliveries", 1).param("size", "501"), 400, "invalid-parameter");
        expectProblem(get("/api/v1/series/{id}/points", SERIES).param("from", "yesterday"), 400, "invalid-parameter");
    }
}
