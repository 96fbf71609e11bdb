package dev.tsforge.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.backtest.BacktestService;
import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.Backtest;
import dev.tsforge.support.ApiClient;
import dev.tsforge.support.Csv;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The chart endpoints over MockMvc, on one trained model: formats, sizes, what is drawn, and the errors. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartApiTests {

    /** A 95 % band alone over white: the forecast red at the renderer's 18 % alpha. */
    private static final Color OUTER_BAND = new Color(248, 216, 216);
    /** Where the 80 % band lies over the 95 % one. */
    private static final Color INNER_BAND = new Color(242, 184, 184);

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    BacktestService backtests;

    long seriesId;
    long jobId;
    long modelId;

    @BeforeAll
    void trainedModel() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        seriesId = api.createSeries("P1D", Csv.daily(120, i -> 10 + Math.sin(i / 2.0)));
        JsonNode job = api.trainSuccessfully(seriesId, "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [8], "
                + "\"lookback\": 10, \"horizon\": 4, \"epochs\": 6, \"validationFraction\": 0.3}");
        jobId = job.get("id").asLong();
        modelId = job.get("modelId").asLong();
    }

    private MockHttpServletResponse fetch(String uri, String accept) throws Exception {
        var request = get(uri);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private JsonNode problem(MockHttpServletResponse response) throws Exception {
        assertThat(response.getContentType()).startsWith("application/problem+json");
        return json.readTree(response.getContentAsString());
    }

    @Test
    void seriesChartAsPngDrawsHistoryForecastAndBothIntervalBandsAtTheAskedSize() throws Exception {
        MockHttpServletResponse response = fetch("/api/v1/series/" + seriesId + "/chart.png?forecast=true&modelId="
                + modelId + "&horizon=8&width=640&height=360", "image/png");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo("image/png");
        BufferedImage image = ChartImages.png(response.getContentAsByteArray());
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(360);
        assertThat(ChartImages.distinctColours(image)).isGreaterThan(20);
        assertThat(ChartImages.inkShare(image)).isBetween(0.02, 0.8);
        assertThat(ChartImages.count(image, ChartRendering.HISTORY, 0)).as("history line").isGreaterThan(100);
        assertThat(ChartImages.count(image, ChartRendering.HOLDOUT, 0)).as("holdout actuals").isGreaterThan(10);
        assertThat(ChartImages.count(image, OUTER_BAND, 3)).as("95 % band").isGreaterThan(100);
        assertThat(ChartImages.count(image, INNER_BAND, 3)).as("80 % band").isGreaterThan(100);
    }

    @Test
    void seriesChartWithoutForecastHasNoBand() throws Exception {
        BufferedImage image = ChartImages.png(fetch("/api/v1/series/" + seriesId + "/chart.png?last=50", null)
                .getContentAsByteArray());
        assertThat(image.getWidth()).isEqualTo(ChartSize.DEFAULT_WIDTH);
        assertThat(image.getHeight()).isEqualTo(ChartSize.DEFAULT_HEIGHT);
        assertThat(ChartImages.count(image, ChartRendering.HISTORY, 0)).isGreaterThan(100);
        assertThat(ChartImages.count(image, OUTER_BAND, 3)).isLessThan(20);
    }

    @Test
    void seriesChartAsSvgByAcceptHasItsSizeAndPaths() throws Exception {
        MockHttpServletResponse response = fetch("/api/v1/series/" + seriesId + "/chart?forecast=true&width=800"
                + "&height=400", "image/svg+xml");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo("image/svg+xml");
        assertThat(response.getHeader("Vary")).isEqualTo("Accept");
        Element svg = ChartImages.svg(response.getContentAsByteArray());
        assertThat(ChartImages.length(svg, "width")).isEqualTo(800.0);
        assertThat(ChartImages.length(svg, "height")).isEqualTo(400.0);
        // history, holdout, forecast and two bands at least; text for the title and the axes
        assertThat(ChartImages.elements(svg, "path")).isGreaterThanOrEqualTo(5);
        assertThat(ChartImages.elements(svg, "text")).isGreaterThan(5);
    }

    @Test
    void theFormatFollowsTheExtensionThenAccept() throws Exception {
        String chart = "/api/v1/training-jobs/" + jobId + "/loss-chart";
        assertThat(fetch(chart, null).getContentType()).isEqualTo("image/png");
        assertThat(fetch(chart, "*/*").getContentType()).isEqualTo("image/png");
        assertThat(fetch(chart, "image/*").getContentType()).isEqualTo("image/png");
        assertThat(fetch(chart, "image/svg+xml,image/*;q=0.8").getContentType()).isEqualTo("image/svg+xml");
        assertThat(fetch(chart, "image/png;q=0.5,image/svg+xml").getContentType()).isEqualTo("image/svg+xml");
        assertThat(fetch(chart + ".svg", "*/*").getContentType()).isEqualTo("image/svg+xml");
        assertThat(fetch(chart + ".png", "image/*").getContentType()).isEqualTo("image/png");
        MockHttpServletResponse refused = fetch(chart, "application/json");
        assertThat(refused.getStatus()).isEqualTo(406);
        assertThat(problem(refused).get("type").asString()).isEqualTo("urn:tsforge:problem:not-acceptable");
    }

    @Test
    void lossChartsOfTheJobAndItsModelDrawBothCurves() throws Exception {
        BufferedImage job = ChartImages.png(fetch("/api/v1/training-jobs/" + jobId + "/loss-chart.png?logScale=true"
                + "&width=500&height=300", null).getContentAsByteArray());
        assertThat(job.getWidth()).isEqualTo(500);
        assertThat(job.getHeight()).isEqualTo(300);
        assertThat(ChartImages.count(job, ChartRendering.HISTORY, 0)).as("training loss").isGreaterThan(20);
        assertThat(ChartImages.count(job, ChartRendering.VALIDATION, 0)).as("validation loss").isGreaterThan(20);

        MockHttpServletResponse model = fetch("/api/v1/models/" + modelId + "/loss-chart.svg", null);
        assertThat(model.getContentType()).isEqualTo("image/svg+xml");
        Element svg = ChartImages.svg(model.getContentAsByteArray());
        assertThat(ChartImages.length(svg, "width")).isEqualTo(900.0);
        assertThat(ChartImages.elements(svg, "path")).isGreaterThanOrEqualTo(2);
        assertThat(model.getContentAsString()).contains("Loss of model " + modelId);
    }

    @Test
    void backtestChartDrawsEachFoldInItsColour() throws Exception {
        MockHttpServletResponse response = fetch("/api/v1/models/" + modelId + "/backtest-chart.png?folds=3", null);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        BufferedImage image = ChartImages.png(response.getContentAsByteArray());
        assertThat(ChartImages.count(image, ChartRendering.HISTORY, 0)).as("actual").isGreaterThan(50);
        for (int fold = 0; fold < 3; fold++) {
            assertThat(ChartImages.count(image, ChartRendering.CYCLE[fold], 0)).as("fold %d", fold + 1)
                    .isGreaterThan(10);
        }
        assertThat(ChartImages.count(image, ChartRendering.CYCLE[3], 0)).as("no fourth fold").isZero();
    }

    @Test
    void backtestTraceHoldsTheValuesItsMetricsCameFrom() {
        BacktestService.Traced traced = backtests.trace(modelId, 3, 4, 2, null);
        Backtest backtest = traced.backtest();
        assertThat(traced.folds()).hasSize(3);
        for (int f = 0; f < 3; f++) {
            BacktestService.FoldValues values = traced.folds().get(f);
            assertThat(values.origin()).isEqualTo(backtest.foldResults().get(f).origin());
            assertThat(values.actual()).hasSize(4);
            assertThat(values.forecast()).hasSize(4);
            Accuracy recomputed = Accuracy.of(values.actual(), values.forecast(), 1);
            assertThat(recomputed.mae()).isCloseTo(backtest.foldResults().get(f).model().mae(),
                    org.assertj.core.data.Offset.offset(1e-12));
        }
        // the last fold ends on the series' last point, 2024-01-01 + 119 days
        assertThat(traced.folds().get(2).origin()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z")
                .plusSeconds(86_400L * 116));
        assertThat(traced.folds().get(2).actual()[3]).isEqualTo(10 + Math.sin(119 / 2.0));
    }

    @Test
    void sizesBeyondTheConfiguredBoundsAreRefusedNamingTheField() throws Exception {
        MockHttpServletResponse wide = fetch("/api/v1/series/" + seriesId + "/chart.png?width=1601", null);
        assertThat(wide.getStatus()).isEqualTo(400);
        JsonNode body = problem(wide);
        assertThat(body.get("type").asString()).isEqualTo("urn:tsforge:problem:invalid-field");
        assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("width");
        assertThat(body.get("detail").asString()).contains("between 200 and 1600");
        JsonNode small = problem(fetch("/api/v1/models/" + modelId + "/loss-chart?height=199", "image/png"));
        assertThat(small.get("errors").get(0).get("field").asString()).isEqualTo("height");
        assertThat(ChartImages.png(fetch("/api/v1/series/" + seriesId + "/chart.png?width=1600&height=1200", null)
                .getContentAsByteArray()).getHeight()).isEqualTo(1200);
    }

    @Test
    void parametersThatMakeNoSenseAreRefusedNamingThemEvenWhenUnused() throws Exception {
        String chart = "/api/v1/series/" + seriesId + "/chart.png?";
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put(chart + "levels=150", "levels");
        refusals.put(chart + "forecast=true&levels=150", "levels");
        refusals.put(chart + "levels=0", "levels");
        refusals.put(chart + "levels=80,80", "levels");
        refusals.put(chart + "from=2024-03-01T00:00:00Z&to=2024-02-01T00:00:00Z", "from");
        refusals.put(chart + "horizon=0", "horizon");
        refusals.put(chart + "forecast=true&horizon=1000000", "horizon");
        refusals.put(chart + "last=0", "last");
        String backtest = "/api/v1/models/" + modelId + "/backtest-chart.png?";
        refusals.put(backtest + "folds=0", "folds");
        refusals.put(backtest + "folds=1000000", "folds");
        refusals.put(backtest + "horizon=1000000", "horizon");
        refusals.put(backtest + "step=0", "step");
        refusals.put(backtest + "folds=100&step=1000000000", "step");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            MockHttpServletResponse response = fetch(refusal.getKey(), "image/png");
            assertThat(response.getStatus()).as(refusal.getKey()).isEqualTo(400);
            JsonNode body = problem(response);
            assertThat(body.get("type").asString()).as(refusal.getKey()).isEqualTo("urn:tsforge:problem:invalid-field");
            assertThat(body.get("errors").get(0).get("field").asString()).as(refusal.getKey())
                    .isEqualTo(refusal.getValue());
        }
        // the same day as from and to is a range of one day, not a mistake
        assertThat(fetch(chart + "from=2024-02-01T00:00:00Z&to=2024-02-01T00:00:00Z", null).getStatus())
                .isEqualTo(200);
    }

    @Test
    void errorsAreProblemDetailsEvenWhenAnImageWasAsked() throws Exception {
        MockHttpServletResponse unknown = fetch("/api/v1/series/999999/chart.png", "image/png");
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(problem(unknown).get("type").asString()).isEqualTo("urn:tsforge:problem:not-found");

        assertThat(problem(fetch("/api/v1/training-jobs/999999/loss-chart.svg", null)).get("status").asInt())
                .isEqualTo(404);
        JsonNode badFrom = problem(fetch("/api/v1/series/" + seriesId + "/chart?from=yesterday", null));
        assertThat(badFrom.get("type").asString()).isEqualTo("urn:tsforge:problem:invalid-parameter");
        JsonNode both = problem(fetch("/api/v1/series/" + seriesId + "/chart?last=5&from=2024-01-01", null));
        assertThat(both.get("errors").get(0).get("field").asString()).isEqualTo("last");

        long empty = new ApiClient(mvc, json).createSeries("P1D");
        MockHttpServletResponse noModel = fetch("/api/v1/series/" + empty + "/chart.png?forecast=true", null);
        assertThat(noModel.getStatus()).isEqualTo(409);
        assertThat(problem(noModel).get("type").asString()).isEqualTo("urn:tsforge:problem:no-model");
        MockHttpServletResponse otherModel = fetch("/api/v1/series/" + empty + "/chart.png?modelId=" + modelId, null);
        assertThat(problem(otherModel).get("errors").get(0).get("field").asString()).isEqualTo("modelId");
        // an empty series still draws: an empty frame with its name
        MockHttpServletResponse emptyChart = fetch("/api/v1/series/" + empty + "/chart.svg", null);
        assertThat(emptyChart.getStatus()).isEqualTo(200);
        assertThat(emptyChart.getContentAsString()).contains("0 points");
        mvc.perform(post("/api/v1/models/{id}/promote", modelId)).andExpect(status().isOk());
    }
}
