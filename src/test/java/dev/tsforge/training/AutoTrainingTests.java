package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.model.History;
import dev.tsforge.model.ModelTrainer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.StatisticalSpec;
import dev.tsforge.model.StatisticalSpec.Method;
import dev.tsforge.model.WindowSpec;
import dev.tsforge.series.GapPolicy;
import dev.tsforge.series.SeriesService;
import dev.tsforge.support.ApiClient;
import dev.tsforge.support.Csv;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * AUTO scores statistical methods, their combinations and networks on rolling validation origins within its budget,
 * registers the best, and says what it tried and how it did.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AutoTrainingTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TrainingService training;
    @Autowired
    SeriesService series;

    private JsonNode read(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    /**
     * Four years of an irregular monthly season with 3 % noise: with a 6-month holdout, the networks read less than
     * a season from few windows; seasonal naive, exponential smoothing and Theta see the season. A statistical method
     * (or a combination of them) wins validation and is served, with 80 % and 95 % intervals on every step.
     */
    @Test
    void autoServesAStatisticalMethodWhenItWinsValidation() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        long seriesId = api.createSeries("P1M");
        double[] factors = {1.4, 0.7, 1.1, 0.9, 1.3, 0.6, 1.0, 1.2, 0.8, 1.0, 0.9, 1.1};
        java.util.Random noise = new java.util.Random(3);
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 48; i++) {
            csv.append(String.format("%04d-%02d-01T00:00:00Z", 2000 + i / 12, i % 12 + 1)).append(',')
                    .append(100 * factors[i % 12] * (1 + 0.03 * noise.nextGaussian())).append('\n');
        }
        api.ingestCsv(seriesId, csv.toString());
        assertThat(read(mvc.perform(get("/api/v1/series/{id}", seriesId))).get("weeklySeason").asBoolean())
                .as("months have no week").isFalse();

        JsonNode job = auto(api, seriesId, "{\"budgetSeconds\": 10, \"horizon\": 6}");
        String outcome = job.get("outcome").asString();
        assertThat(outcome).startsWith("AUTO scored ").contains("validation origin(s)", "NAIVE: MASE",
                "SEASONAL_NAIVE: MASE", "THETA: MASE", "ETS(", "COMBINATION(", "the statistical method is served");

        long modelId = job.get("modelId").asLong();
        JsonNode model = read(mvc.perform(get("/api/v1/models/{id}", modelId)));
        JsonNode spec = model.get("spec");
        assertThat(spec.get("architecture").asString()).isIn("SEASONAL_NAIVE", "ETS", "THETA", "COMBINATION");
        assertThat(spec.get("methods").size()).isPositive();
        assertThat(spec.get("hiddenSizes")).isEmpty();
        assertThat(spec.get("lookback").asInt()).as("the whole series").isEqualTo(48);
        assertThat(model.get("engine").asString()).contains("statistical");
        assertThat(job.get("spec").toString()).as("the job now shows the winner's spec").isEqualTo(spec.toString());
        assertThat(model.get("evaluation").get("model").get("mase").asDouble()).isFinite().isPositive();

        JsonNode forecast = api.postJson("/api/v1/forecasts", "{\"seriesId\": " + seriesId
                + ", \"horizon\": 6, \"levels\": [80, 95]}");
        assertThat(forecast.get("modelId")).as(forecast.toString()).isNotNull();
        assertThat(forecast.get("modelId").asLong()).as("champion").isEqualTo(modelId);
        assertThat(forecast.get("fallback").isNull()).isTrue();
        assertThat(forecast.get("intervalNote").isNull()).isTrue();
        assertThat(forecast.get("intervalMethods").findValues("method")).extracting(JsonNode::asString)
                .allMatch(method -> method.startsWith("CONFORMAL"));
        for (int step = 0; step < 6; step++) {
            JsonNode point = forecast.get("points").get(step);
            assertThat(point.get("value").asDouble()).as("the season put back")
                    .isCloseTo(100 * factors[step % 12], within(100 * factors[step % 12] * 0.15));
            JsonNode at80 = point.get("intervals").get(0);
            JsonNode at95 = point.get("intervals").get(1);
            assertThat(at80.get("lower").asDouble()).isLessThan(point.get("value").asDouble());
            assertThat(at95.get("lower").asDouble()).isLessThanOrEqualTo(at80.get("lower").asDouble());
            assertThat(at95.get("upper").asDouble()).isGreaterThanOrEqualTo(at80.get("upper").asDouble());
        }

        // a warm start has nothing to continue; a statistical training is AUTO's to choose
        api.requestTraining(seriesId, "{\"warmStartFrom\": " + modelId + "}")
                .andExpect(status().isBadRequest());
        api.requestTraining(seriesId, "{\"architecture\": \"THETA\"}")
                .andExpect(status().isBadRequest());
        api.requestTraining(seriesId, "{\"architecture\": \"ETS\"}")
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/series/{id}/auto-trainings", seriesId).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"budgetSeconds\": 1}"))
                .andExpect(status().isBadRequest());
    }

    /**
     * Four years of quarters with a strong season, asked for 8: the 8 quarters before the holdout are too few for a
     * seasonal form, so no validation origin sees the season. AUTO serves the standing combination with its form and
     * order chosen on all 16 quarters, seasonal both, and says so; the forecast follows the season.
     */
    @Test
    void whereTheHoldoutHidesTheSeasonTheFormsAreChosenOnTheWholeRun() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        long seriesId = api.createSeries("P3M");
        double[] factors = {1.5, 0.6, 1.2, 0.7};
        java.util.Random noise = new java.util.Random(5);
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 16; i++) {
            csv.append(String.format("%04d-%02d-01T00:00:00Z", 2000 + i / 4, 3 * (i % 4) + 1)).append(',')
                    .append(100 * factors[i % 4] * (1 + 0.02 * noise.nextGaussian())).append('\n');
        }
        api.ingestCsv(seriesId, csv.toString());

        JsonNode job = auto(api, seriesId, "{\"budgetSeconds\": 10, \"horizon\": 8}");
        assertThat(job.get("outcome").asString()).contains("the holdout hides the season", "no network was tried",
                "is served, its form and order chosen on the whole run");
        JsonNode model = read(mvc.perform(get("/api/v1/models/{id}", job.get("modelId").asLong())));
        JsonNode spec = model.get("spec");
        assertThat(spec.get("architecture").asString()).isEqualTo("COMBINATION");
        assertThat(spec.get("methods")).extracting(JsonNode::asString).containsExactly("ETS", "ARIMA", "THETA");
        assertThat(spec.get("etsForm").asString()).as("a seasonal form").doesNotEndWith("N");
        assertThat(spec.get("arimaOrder").asString()).as("a seasonal order").contains("[4]");
        assertThat(job.get("spec").toString()).as("the job shows the spec served").isEqualTo(spec.toString());

        JsonNode forecast = api.postJson("/api/v1/forecasts", "{\"seriesId\": " + seriesId + ", \"horizon\": 8}");
        for (int step = 0; step < 8; step++) {
            assertThat(forecast.get("points").get(step).get("value").asDouble()).as("the season, step " + (step + 1))
                    .isCloseTo(100 * factors[step % 4], within(100 * factors[step % 4] * 0.15));
        }
    }

    /**
     * Three years of weeks with a yearly season, asked for a quarter: the first validation origin has a year and a half
     * before it, too little for STL, so AUTO serves the median of ETS and ARIMA on STL-adjusted values and Theta, which
     * follows the season where ETS and ARIMA on the raw values (no season longer than 24 steps) forecast a level.
     */
    @Test
    void whereNoOriginHasTwoYearsOfWeeksBeforeItTheStlMedianIsServed() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        long seriesId = api.createSeries("P1W");
        double[] values = HiddenSeasonTests.weeks(156, 0.3, 3);
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        java.time.LocalDate monday = java.time.LocalDate.of(2020, 1, 6);
        for (int i = 0; i < values.length; i++) {
            csv.append(monday.plusWeeks(i)).append("T00:00:00Z,").append(values[i]).append('\n');
        }
        api.ingestCsv(seriesId, csv.toString());

        JsonNode job = auto(api, seriesId, "{\"budgetSeconds\": 20, \"horizon\": 13}");
        assertThat(job.get("outcome").asString()).contains("no validation origin has the seasons before it to judge "
                + "a season of period 52", "no network was tried",
                "the holdout measured COMBINATION(STL_ETS,STL+ARIMA(", "is served, its order chosen on the whole run");
        JsonNode model = read(mvc.perform(get("/api/v1/models/{id}", job.get("modelId").asLong())));
        JsonNode spec = model.get("spec");
        assertThat(spec.get("methods")).extracting(JsonNode::asString).containsExactly("STL_ETS", "STL_ARIMA",
                "THETA");
        assertThat(spec.get("arimaOrder").asString()).as("chosen on the adjusted values, without a season")
                .startsWith("ARIMA(").doesNotContain("[");
        assertThat(job.get("spec").toString()).as("the job shows the spec served").isEqualTo(spec.toString());

        JsonNode forecast = api.postJson("/api/v1/forecasts", "{\"seriesId\": " + seriesId + ", \"horizon\": 13}");
        for (int step = 0; step < 13; step++) {
            double season = 1000 * (1 + 0.3 * Math.sin(2 * Math.PI * (156 + step) / 52.18));
            assertThat(forecast.get("points").get(step).get("value").asDouble()).as("the season, step " + (step + 1))
                    .isCloseTo(season, within(100.0));
        }
    }

    /**
     * A sine of period 10 on a series declared without a season: the statistical methods see no season (naive,
     * exponential smoothing and Theta forecast a level or a line), a network learns the wave and beats them all.
     */
    @Test
    void autoRegistersANetworkWhenOneForecastsTheValidationOriginsBetter() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        long seriesId = api.createSeriesFrom("{\"name\": \"sine-10\", \"frequency\": \"PT1H\", \"seasonalPeriod\": 1}");
        java.util.Random noise = new java.util.Random(7);
        api.ingestCsv(seriesId, Csv.hourly(200, i -> 10 + 3 * Math.sin(2 * Math.PI * i / 10) + 0.1 * noise.nextGaussian()));

        JsonNode job = auto(api, seriesId, "{\"budgetSeconds\": 15, \"horizon\": 6}");
        assertThat(job.get("outcome").asString()).contains("THETA: MASE", "the network beat NAIVE (MASE ",
                "standard errors of their difference over the origins");
        JsonNode model = read(mvc.perform(get("/api/v1/models/{id}", job.get("modelId").asLong())));
        JsonNode spec = model.get("spec");
        assertThat(spec.get("architecture").asString()).isIn("LSTM", "SIMPLE_RNN");
        assertThat(spec.get("lookback").asInt()).as("12 and 24 without a season").isIn(12, 24);
        assertThat(spec.has("methods")).as("a network has no statistical methods").isFalse();
        assertThat(List.of(16, 32)).contains(spec.get("hiddenSizes").get(0).asInt());
    }

    /**
     * Ten weeks of half-hourly demand-like data (a daily and a weekly cycle, 4 % noise): a budget of 12 s holds from
     * RUNNING to SUCCEEDED, the holdout evaluation and the calibration included, with 20 % to spare at most.
     */
    @Test
    void theBudgetHoldsOnALongSeries() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        long seriesId = api.createSeries("PT30M");
        java.util.Random noise = new java.util.Random(11);
        api.ingestCsv(seriesId, Csv.points(Csv.JAN_1_2024, java.time.Duration.ofMinutes(30), 3360,
                i -> 25_000 * (1 + 0.2 * Math.sin(2 * Math.PI * i / 48) + 0.05 * Math.sin(2 * Math.PI * i / 336))
                        * (1 + 0.04 * noise.nextGaussian())));

        JsonNode job = auto(api, seriesId, "{\"budgetSeconds\": 12, \"horizon\": 48}");
        double seconds = java.time.Duration.between(java.time.Instant.parse(job.get("startedAt").asString()),
                java.time.Instant.parse(job.get("finishedAt").asString())).toMillis() / 1000.0;
        assertThat(seconds).as(job.get("outcome").asString()).isLessThanOrEqualTo(12 * 1.2);
        JsonNode forecast = api.postJson("/api/v1/forecasts", "{\"modelId\": " + job.get("modelId").asLong()
                + ", \"horizon\": 48}");
        assertThat(forecast.get("points").findValues("value")).extracting(JsonNode::asDouble)
                .as("within the range the series has had").allMatch(v -> v > 10_000 && v < 40_000);
    }

    /**
     * Six weeks of half-hourly demand from a Monday, weekends at 60 % of weekdays: the day before forecasts a Monday
     * from a Sunday, so AUTO serves a method that knows the week — the value a week before (alone or in a
     * combination, reading a week) or MSTL's weekly season (reading three) — and the forecast of the Monday after the
     * last Sunday is a weekday's.
     */
    @Test
    void autoServesAMethodThatKnowsTheWeekOnAHalfHourlySeriesWithWeekends() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        long seriesId = api.createSeries("PT30M");
        java.util.Random noise = new java.util.Random(17);
        api.ingestCsv(seriesId, Csv.points(Csv.JAN_1_2024, java.time.Duration.ofMinutes(30), 6 * 336,
                i -> (i % 336 >= 5 * 48 ? 12_000 : 20_000) * (1 + 0.3 * Math.sin(2 * Math.PI * i / 48))
                        * (1 + 0.02 * noise.nextGaussian())));

        assertThat(read(mvc.perform(get("/api/v1/series/{id}", seriesId))).get("weeklySeason").asBoolean()).isTrue();

        JsonNode job = auto(api, seriesId, "{\"budgetSeconds\": 10, \"horizon\": 48}");
        String outcome = job.get("outcome").asString();
        assertThat(outcome).contains("WEEKLY_NAIVE: MASE", "MSTL_ETS: MASE", "SEASONAL_NAIVE: MASE");
        JsonNode spec = read(mvc.perform(get("/api/v1/models/{id}", job.get("modelId").asLong()))).get("spec");
        String methods = spec.get("methods").toString();
        assertThat(methods).as(outcome).containsAnyOf("WEEKLY_NAIVE", "MSTL_ETS");
        assertThat(spec.get("lookback").asInt()).as("a week, or MSTL's three")
                .isEqualTo(methods.contains("MSTL_ETS") ? 3 * 336 : 336);

        JsonNode forecast = api.postJson("/api/v1/forecasts", "{\"seriesId\": " + seriesId + ", \"horizon\": 48}");
        double mean = forecast.get("points").findValues("value").stream().mapToDouble(JsonNode::asDouble).average()
                .orElseThrow();
        assertThat(mean).as("a Monday's level, not the Sunday before's").isCloseTo(20_000, within(1_500.0));
    }

    /** Sixty yearly values, a random walk with noise: 95 % intervals on every step, none missing. */
    @Test
    void ninetyFivePercentIntervalsOnASixtyPointYearlySeries() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        long seriesId = api.createSeries("P1Y");
        java.util.Random noise = new java.util.Random(5);
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        double level = 50;
        for (int i = 0; i < 60; i++) {
            level += noise.nextGaussian();
            csv.append(1912 + i).append("-01-01T00:00:00Z,").append(level + noise.nextGaussian()).append('\n');
        }
        api.ingestCsv(seriesId, csv.toString());
        JsonNode job = auto(api, seriesId, "{\"budgetSeconds\": 10, \"horizon\": 6}");

        JsonNode forecast = api.postJson("/api/v1/forecasts", "{\"modelId\": " + job.get("modelId").asLong()
                + ", \"horizon\": 6, \"levels\": [80, 95]}");
        assertThat(forecast.get("intervalNote").isNull()).isTrue();
        assertThat(forecast.get("intervalMethods").findValues("method")).hasSize(2).allMatch(JsonNode::isString);
        for (JsonNode point : forecast.get("points")) {
            JsonNode at95 = point.get("intervals").get(1);
            assertThat(at95.get("level").asDouble()).isEqualTo(95.0);
            assertThat(at95.get("lower").asDouble()).isLessThan(point.get("value").asDouble());
            assertThat(at95.get("upper").asDouble()).isGreaterThan(point.get("value").asDouble());
        }
    }

    /**
     * A statistical winner reads the whole last run, which spans more grid steps than the series has points where
     * values are missing: it forecasts from the points there are, and from sent values shorter than its lookback.
     */
    @Test
    void aStatisticalWinnerForecastsASeriesWithMissingMonths() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        long seriesId = api.createSeries("P1M");
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        java.util.Random noise = new java.util.Random(5);
        for (int i = 0; i < 60; i++) {
            if (i == 20 || i == 21 || i == 33) {
                continue;
            }
            csv.append(String.format("%04d-%02d-01T00:00:00Z", 2000 + i / 12, i % 12 + 1)).append(',')
                    .append(50 + 0.5 * i + 2 * noise.nextGaussian()).append('\n');
        }
        api.ingestCsv(seriesId, csv.toString());

        JsonNode job = auto(api, seriesId, "{\"budgetSeconds\": 10, \"horizon\": 6, \"gapPolicy\": \"LINEAR\"}");
        JsonNode model = read(mvc.perform(get("/api/v1/models/{id}", job.get("modelId").asLong())));
        assertThat(model.get("spec").get("methods")).as("a trend with noise: no network beats the statistical "
                + "choice clearly").isNotNull();
        assertThat(model.get("spec").get("lookback").asInt()).as("grid steps of the run, past the 57 points")
                .isEqualTo(60);

        JsonNode forecast = api.postJson("/api/v1/forecasts", "{\"seriesId\": " + seriesId + ", \"horizon\": 6}");
        assertThat(forecast.get("input").get("valuesUsed").asInt()).isEqualTo(57);
        assertThat(forecast.get("points")).hasSize(6);
        assertThat(forecast.get("points").get(0).get("value").asDouble()).isBetween(70.0, 90.0);

        JsonNode sent = api.postJson("/api/v1/forecasts", "{\"modelId\": " + model.get("id").asLong()
                + ", \"horizon\": 3, \"values\": [80, 80.5, 81, 81.5, 82, 82.5, 83, 83.5, 84, 84.5]}");
        assertThat(sent.get("input").get("valuesUsed").asInt()).isEqualTo(10);
        assertThat(sent.get("points").get(0).get("value").asDouble()).isBetween(83.0, 87.0);
    }

    /**
     * A statistical model whose ARIMA reads the whole run, as AUTO registers one, is served from that run: a forecast
     * by series loads all 200 values, not the 60 its exponential smoothing reads, and forecasts what the model
     * forecasts from them; a TimeGPT client is told to send 200.
     */
    @Test
    void aForecastLoadsTheWholeRunForAnArimaThatReadsIt() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        java.util.Random noise = new java.util.Random(17);
        double[] values = new double[200];
        for (int t = 1; t < values.length; t++) {
            values[t] = 0.7 * values[t - 1] + noise.nextGaussian();
        }
        long seriesId = api.createSeries("P1D");
        // the first 140 days around 20, the last 60 around 50: only ARIMA sees the lower level
        api.ingestCsv(seriesId, Csv.points(Csv.JAN_1_2024, java.time.Duration.ofDays(1), values.length,
                i -> (i < 140 ? 20 : 50) + values[i]));
        StatisticalSpec spec = new StatisticalSpec(List.of(Method.ETS, Method.ARIMA), "ANN",
                "ARIMA(1,0,0) with non-zero mean", new WindowSpec(60, 6, OutputStrategy.DIRECT, GapPolicy.SPLIT, 1),
                200);
        JsonNode job = api.awaitJob(training.submit(seriesId, spec).id());
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        JsonNode shown = read(mvc.perform(get("/api/v1/models/{id}", job.get("modelId").asLong()))).get("spec");
        assertThat(shown.get("lookback").asInt()).isEqualTo(60);
        assertThat(shown.get("arimaLookback").asInt()).isEqualTo(200);

        JsonNode forecast = api.postJson("/api/v1/forecasts", "{\"seriesId\": " + seriesId + ", \"horizon\": 6}");
        assertThat(forecast.get("modelId").asLong()).isEqualTo(job.get("modelId").asLong());
        assertThat(forecast.get("input").get("valuesUsed").asInt()).isEqualTo(200);
        double[] stored = new double[values.length];
        for (int t = 0; t < stored.length; t++) {
            stored[t] = (t < 140 ? 20 : 50) + values[t];
        }
        double[] expected = ModelTrainer.statistical(spec, series.get(seriesId).seasonalPeriod())
                .forecast(History.of(stored), 6);
        assertThat(forecast.get("points").findValues("value")).extracting(JsonNode::asDouble)
                .containsExactly(java.util.Arrays.stream(expected).boxed().toArray(Double[]::new));
        double[] windowOnly = ModelTrainer.statistical(new StatisticalSpec(spec.methods(), spec.etsForm(),
                spec.arimaOrder(), spec.window()), series.get(seriesId).seasonalPeriod())
                .forecast(History.of(stored), 6);
        assertThat(expected[5]).as("the lower level before the window pulls ARIMA down").isLessThan(windowOnly[5]);

        // a TimeGPT client asks how many values to send: the whole run ARIMA reads, not the window
        JsonNode params = read(mvc.perform(get("/model_params").param("model", job.get("modelId").asString())
                .param("freq", "D")).andExpect(status().isOk())).get("detail");
        assertThat(params.get("input_size").asInt()).isEqualTo(200);
        assertThat(params.get("horizon").asInt()).isEqualTo(6);
    }

    private JsonNode auto(ApiClient api, long seriesId, String body) throws Exception {
        JsonNode accepted = read(mvc.perform(post("/api/v1/series/{id}/auto-trainings", seriesId)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isAccepted()));
        JsonNode job = api.awaitJob(accepted.get("id").asLong());
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        return job;
    }
}
