package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.Await;
import dev.tsforge.support.HttpApi;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Calendar and holiday covariates over HTTP: chosen in the training spec, shown on the model, computed for the horizon
 * by the forecast and the backtest themselves; what cannot work is refused with the field and the reason. Runs on
 * H2 ({@code CalendarCovariatesTests}) and PostgreSQL ({@code PostgresCalendarCovariatesTests}).
 */
abstract class CalendarCovariatesContract {

    private static final String JSON = "application/json";
    private static final String SPEC = "{\"covariates\": {\"calendar\": [\"DAY_OF_WEEK\", \"MONTH\"], \"holidays\": "
            + "\"de\"}, \"lookback\": 14, \"horizon\": 7, \"hiddenSizes\": [8], \"epochs\": 3}";

    @LocalServerPort
    int port;

    @Test
    void aDailySeriesTrainsWithCalendarAndHolidaysAndForecastsWithoutBeingToldTheFuture() throws Exception {
        HttpApi api = HttpApi.localhost(port);
        long id = dailySeries(api, LocalDate.of(2023, 6, 1), 300);

        JsonNode job = api.awaitJobStatus(api.startTraining(id, SPEC), Duration.ofMinutes(3), "SUCCEEDED", "FAILED");
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        long modelId = job.get("modelId").asLong();
        JsonNode covariates = api.json(api.get("/api/v1/models/" + modelId)).get("spec").get("covariates");
        assertThat(covariates.get("holidays").asString()).isEqualTo("DE");
        assertThat(covariates.get("columns").size()).isEqualTo(7);

        HttpResponse<String> forecast = api.post("/api/v1/forecasts", JSON, "{\"modelId\": " + modelId
                + ", \"horizon\": 10}");
        assertThat(forecast.statusCode()).as(forecast.body()).isEqualTo(200);
        assertThat(api.json(forecast).get("points")).hasSize(10)
                .allSatisfy(p -> assertThat(Double.isFinite(p.get("value").asDouble())).isTrue());

        HttpResponse<String> adHoc = api.post("/api/v1/forecasts", JSON, "{\"modelId\": " + modelId
                + ", \"values\": " + java.util.Collections.nCopies(14, 100.0) + ", \"horizon\": 3}");
        assertThat(adHoc.statusCode()).as(adHoc.body()).isEqualTo(400);
        assertThat(adHoc.body()).contains("lastTimestamp");
        HttpResponse<String> timed = api.post("/api/v1/forecasts", JSON, "{\"modelId\": " + modelId
                + ", \"values\": " + java.util.Collections.nCopies(14, 100.0)
                + ", \"lastTimestamp\": \"2024-03-28T00:00:00Z\", \"horizon\": 3}");
        assertThat(timed.statusCode()).as(timed.body()).isEqualTo(200);

        // backtests compute the calendar of each fold's horizon, from the stored model and from refits alike
        HttpResponse<String> backtest = api.post("/api/v1/backtests", JSON, "{\"modelId\": " + modelId
                + ", \"folds\": 3, \"step\": 7}");
        assertThat(backtest.statusCode()).as(backtest.body()).isEqualTo(200);
        assertThat(api.json(backtest).get("foldResults")).hasSize(3);
        HttpResponse<String> refit = api.post("/api/v1/backtests", JSON, "{\"modelId\": " + modelId
                + ", \"refit\": true, \"folds\": 2, \"step\": 7}");
        assertThat(refit.statusCode()).as(refit.body()).isEqualTo(202);
        String refitPath = "/api/v1/backtest-jobs/" + api.json(refit).get("id").asLong();
        JsonNode refitJob = Await.until("the refit backtest", Duration.ofMinutes(3), Duration.ofMillis(500),
                () -> api.json(api.get(refitPath)), j -> !List.of("QUEUED", "RUNNING")
                        .contains(j.get("status").asString()));
        assertThat(refitJob.get("status").asString()).as(refitJob.toString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void unknownFeaturesAndRegionsAndFeaturesTheGridCannotCarryAreRefused() throws Exception {
        HttpApi api = HttpApi.localhost(port);
        long id = dailySeries(api, LocalDate.of(2024, 1, 1), 60);

        HttpResponse<String> unknownFeature = train(api, id, "{\"covariates\": {\"calendar\": [\"FORTNIGHT\"]}}");
        assertThat(unknownFeature.statusCode()).isEqualTo(400);
        assertThat(unknownFeature.body()).contains("FORTNIGHT");

        HttpResponse<String> unknownRegion = train(api, id, "{\"covariates\": {\"holidays\": \"XX\"}}");
        assertThat(unknownRegion.statusCode()).isEqualTo(400);
        assertThat(unknownRegion.body()).contains("'XX'").contains("covariates.holidays");

        HttpResponse<String> unknownSubregion = train(api, id, "{\"covariates\": {\"holidays\": \"US-QQ\"}}");
        assertThat(unknownSubregion.statusCode()).isEqualTo(400);
        assertThat(unknownSubregion.body()).contains("'qq'");

        HttpResponse<String> hourOnDays = train(api, id, "{\"covariates\": {\"calendar\": [\"HOUR_OF_DAY\"]}}");
        assertThat(hourOnDays.statusCode()).isEqualTo(400);
        assertThat(hourOnDays.body()).contains("HOUR_OF_DAY").contains("P1D").contains("covariates.calendar");

        HttpResponse<String> masked = train(api, id, "{\"covariates\": {\"holidays\": \"US\"}, \"gapPolicy\": "
                + "\"MASK\"}");
        assertThat(masked.statusCode()).isEqualTo(400);
        assertThat(masked.body()).contains("MASK");
    }

    @Test
    void aGlobalModelReadsTheCalendarOfEveryMember() throws Exception {
        HttpApi api = HttpApi.localhost(port);
        String collection = "stations-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/collections", JSON, "{\"name\": \"" + collection + "\", \"frequency\": "
                + "\"P1D\"}").statusCode()).isEqualTo(201);
        Random noise = new Random(6);
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (int m = 0; m < 3; m++) {
            for (int i = 0; i < 200; i++) {
                LocalDate day = LocalDate.of(2023, 9, 1).plusDays(i + 10L * m);
                csv.append("station_").append(m).append(',').append(day).append(',')
                        .append((m + 1) * (100 - (day.getDayOfWeek().getValue() >= 6 ? 15 : 0)) + noise.nextGaussian())
                        .append('\n');
            }
        }
        HttpResponse<String> uploaded = api.post("/api/v1/collections/" + collection + "/points", "text/csv",
                csv.toString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);

        HttpResponse<String> hourly = api.post("/api/v1/collections/" + collection + "/trainings", JSON,
                "{\"covariates\": {\"calendar\": [\"HOUR_OF_DAY\"]}}");
        assertThat(hourly.statusCode()).isEqualTo(400);
        assertThat(hourly.body()).contains("HOUR_OF_DAY");

        HttpResponse<String> queued = api.post("/api/v1/collections/" + collection + "/trainings", JSON, SPEC);
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        JsonNode job = api.awaitJobStatus(api.json(queued).get("id").asLong(), Duration.ofMinutes(4), "SUCCEEDED",
                "FAILED");
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        long modelId = job.get("modelId").asLong();
        assertThat(api.json(api.get("/api/v1/models/" + modelId)).get("spec").get("covariates").get("holidays")
                .asString()).isEqualTo("DE");

        HttpResponse<String> forecasts = api.postAccepting("/api/v1/collections/" + collection + "/forecasts",
                "{\"horizon\": 5, \"model\": " + modelId + "}", "text/csv");
        assertThat(forecasts.statusCode()).as(forecasts.body()).isEqualTo(200);
        assertThat(forecasts.body().lines().skip(1).toList()).hasSize(15)
                .allSatisfy(line -> assertThat(line).startsWith("station_").doesNotContain("no-model"));
    }

    private static HttpResponse<String> train(HttpApi api, long id, String spec) throws Exception {
        return api.post("/api/v1/series/" + id + "/trainings", JSON, spec);
    }

    /** Daily demand: weekends and German holidays lower. */
    private static long dailySeries(HttpApi api, LocalDate from, int days) throws Exception {
        long id = api.createSeries("covariates-" + UUID.randomUUID(), "P1D");
        Random noise = new Random(5);
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < days; i++) {
            LocalDate day = from.plusDays(i);
            Instant t = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            csv.append(t).append(',').append(100 - (day.getDayOfWeek().getValue() >= 6 ? 15 : 0)
                    + noise.nextGaussian()).append('\n');
        }
        api.ingestCsv(id, csv.toString());
        return id;
    }
}
