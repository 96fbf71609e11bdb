package dev.tsforge.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.support.ApiClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ingest behaviour every database must give: CSV and JSON, upsert by timestamp, and all-or-nothing batches.
 * Run on H2 ({@link H2IngestTests}) and PostgreSQL ({@link PostgresIngestTests}).
 */
abstract class IngestContract {

    static final MediaType CSV = MediaType.parseMediaType("text/csv");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    SeriesService seriesService;

    long createSeries(String frequency) throws Exception {
        return new ApiClient(mvc, json).createSeries(frequency);
    }

    Map<String, Double> stored(long seriesId) {
        return jdbc.sql("SELECT ts, val FROM series_point WHERE series_id = :id ORDER BY ts")
                .param("id", seriesId)
                .query((rs, row) -> Map.entry(
                        dev.tsforge.config.JdbcTimes.instant(rs, "ts").toString(), rs.getDouble("val")))
                .list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
                        (a, b) -> a, java.util.TreeMap::new));
    }

    @Test
    void csvUpsertInsertsThenUpdatesByTimestamp() throws Exception {
        long id = createSeries("PT1H");
        mvc.perform(post("/api/v1/series/{id}/points", id).contentType(CSV).content("""
                        timestamp,value
                        2024-01-01T00:00:00Z,1.0
                        2024-01-01T01:00:00Z,2.0
                        2024-01-01T02:00:00Z,3.0
                        """))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.inserted").value(3))
                .andExpect(jsonPath("$.updated").value(0));

        mvc.perform(post("/api/v1/series/{id}/points", id).contentType(CSV).content("""
                        timestamp,value
                        2024-01-01T02:00:00Z,30.0
                        2024-01-01T03:00:00Z,4.0
                        """))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.received").value(2))
                .andExpect(jsonPath("$.inserted").value(1))
                .andExpect(jsonPath("$.updated").value(1))
                .andExpect(jsonPath("$.first").value("2024-01-01T02:00:00Z"))
                .andExpect(jsonPath("$.last").value("2024-01-01T03:00:00Z"));

        assertThat(stored(id)).containsExactly(
                Map.entry("2024-01-01T00:00:00Z", 1.0), Map.entry("2024-01-01T01:00:00Z", 2.0),
                Map.entry("2024-01-01T02:00:00Z", 30.0), Map.entry("2024-01-01T03:00:00Z", 4.0));
    }

    @Test
    void jsonIngestAcceptsOffsetsAndStoresUtc() throws Exception {
        long id = createSeries("P1D");
        mvc.perform(post("/api/v1/series/{id}/points", id).contentType(MediaType.APPLICATION_JSON).content("""
                        [{"timestamp": "2024-03-01T00:00:00Z", "value": 1.5},
                         {"timestamp": "2024-03-02T02:00:00+02:00", "value": -2.25},
                         {"timestamp": "2024-03-03", "value": "7"}]"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.inserted").value(3));

        assertThat(stored(id)).containsExactly(
                Map.entry("2024-03-01T00:00:00Z", 1.5), Map.entry("2024-03-02T00:00:00Z", -2.25),
                Map.entry("2024-03-03T00:00:00Z", 7.0));
    }

    @Test
    void csvWithBomCrlfAndQuotesIsAccepted() throws Exception {
        long id = createSeries("P1M");
        mvc.perform(post("/api/v1/series/{id}/points", id).contentType(CSV)
                        .content("\uFEFFTimestamp,Value\r\n\"2024-01-01T00:00:00Z\",\"10\"\r\n\r\n2024-02-01T00:00:00Z, 11.5\r\n"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.inserted").value(2));
        assertThat(stored(id)).containsExactly(
                Map.entry("2024-01-01T00:00:00Z", 10.0), Map.entry("2024-02-01T00:00:00Z", 11.5));
    }

    @Test
    void oneBadCsvRowRejectsTheWholeBatchAndNamesItsLine() throws Exception {
        long id = createSeries("PT1H");
        mvc.perform(post("/api/v1/series/{id}/points", id).contentType(CSV).content("""
                        timestamp,value
                        2024-01-01T00:00:00Z,1.0
                        2024-01-01T01:00:00Z,2.0
                        2024-01-01T02:00:00Z,oops
                        2024-01-01T03:00:00Z,4.0
                        """))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:tsforge:problem:invalid-points"))
                .andExpect(jsonPath("$.errorCount").value(1))
                .andExpect(jsonPath("$.errors[0].line").value(4))
                .andExpect(jsonPath("$.errors[0].reason").value("BAD_VALUE"));
        assertThat(stored(id)).isEmpty();
    }

    @Test
    void aRejectedUpsertLeavesEarlierValuesUntouched() throws Exception {
        long id = createSeries("PT1H");
        mvc.perform(post("/api/v1/series/{id}/points", id).contentType(CSV)
                        .content("timestamp,value\n2024-01-01T00:00:00Z,1.0\n"))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/series/{id}/points", id).contentType(MediaType.APPLICATION_JSON).content("""
                        [{"timestamp": "2024-01-01T00:00:00Z", "value": 99},
                         {"timestamp": "2024-01-01T01:00:00Z", "value": 2},
                         {"timestamp": "2024-01-01T01:00:00Z", "value": 3}]"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:tsforge:problem:invalid-points"))
                .andExpect(jsonPath("$.errors[0].index").value(2))
                .andExpect(jsonPath("$.errors[0].reason").value("DUPLICATE_TIMESTAMP"));
        assertThat(stored(id)).containsExactly(Map.entry("2024-01-01T00:00:00Z", 1.0));
    }

    @Test
    void pointsReadBackAsJsonOrCsvWithinBounds() throws Exception {
        long id = createSeries("PT15M");
        mvc.perform(post("/api/v1/series/{id}/points", id).contentType(CSV).content("""
                        timestamp,value
                        2024-01-01T00:00:00Z,1
                        2024-01-01T00:15:00Z,2
                        2024-01-01T00:30:00Z,3
                        2024-01-01T00:45:00Z,4
                        """))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/series/{id}/points", id)
                        .param("from", "2024-01-01T00:15:00Z").param("to", "2024-01-01T00:30:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].timestamp").value("2024-01-01T00:15:00Z"))
                .andExpect(jsonPath("$[1].value").value(3.0));
        String csv = mvc.perform(get("/api/v1/series/{id}/points", id).accept(CSV).param("from", "2024-01-01T00:30:00Z"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(CSV))
                .andReturn().getResponse().getContentAsString();
        assertThat(csv.lines().toList()).isEqualTo(List.of("timestamp,value", "2024-01-01T00:30:00Z,3.0",
                "2024-01-01T00:45:00Z,4.0"));
        mvc.perform(get("/api/v1/series/{id}", id))
                .andExpect(jsonPath("$.pointCount").value(4))
                .andExpect(jsonPath("$.firstTimestamp").value("2024-01-01T00:00:00Z"))
                .andExpect(jsonPath("$.lastTimestamp").value("2024-01-01T00:45:00Z"));
    }

    @Test
    void deletingASeriesRemovesItsPoints() throws Exception {
        long id = createSeries("PT1H");
        mvc.perform(post("/api/v1/series/{id}/points", id).contentType(CSV)
                        .content("timestamp,value\n2024-01-01T00:00:00Z,1.0\n"))
                .andExpect(status().isOk());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/v1/series/{id}", id))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/series/{id}", id)).andExpect(status().isNotFound());
        assertThat(stored(id)).isEmpty();
    }

    /**
     * The collection forecast's read of many windows at once (one key-ordered scan) against the single forecast's
     * (two queries per series): the same values, timestamps, counts, ranges and problems, for every gap policy.
     */
    @Test
    void manyWindowsAtOnceAreReadAsEachAlone() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        StringBuilder regular = new StringBuilder("timestamp,value\n");
        StringBuilder gapNearEnd = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 30; i++) {
            String ts = java.time.Instant.parse("2024-02-01T00:00:00Z").plusSeconds(3600L * i) + ",";
            regular.append(ts).append(Math.sin(i) * 10 - 3).append('\n');
            if (i != 27) {
                gapNearEnd.append(ts).append(i * 0.5).append('\n');
            }
        }
        List<Long> ids = List.of(api.createSeries("PT1H", regular.toString()),
                api.createSeries("PT1H", gapNearEnd.toString()),
                api.createSeries("PT1H", "timestamp,value\n2024-02-01T00:00:00Z,4.0\n2024-02-01T01:00:00Z,5.0\n"),
                api.createSeries("PT1H"));
        List<Series> targets = ids.stream().map(seriesService::get).toList();
        for (GapPolicy policy : GapPolicy.values()) {
            List<SeriesWindows.MemberWindow> many = seriesService.latestWindows(targets, 6, 6, policy);
            assertThat(many).hasSize(targets.size());
            for (int t = 0; t < targets.size(); t++) {
                SeriesWindows.MemberWindow read = many.get(t);
                assertThat(read.series()).isEqualTo(targets.get(t));
                try {
                    SeriesWindows.LatestWindow alone = seriesService.latestWindow(targets.get(t), 6, 6, policy);
                    assertThat(read.problem()).as("%s, series %d", policy, t).isNull();
                    assertThat(read.window().values()).containsExactly(alone.values());
                    assertThat(read.window()).usingRecursiveComparison().ignoringFields("values").isEqualTo(alone);
                } catch (dev.tsforge.web.ApiProblemException problem) {
                    assertThat(read.window()).as("%s, series %d", policy, t).isNull();
                    assertThat(read.problem().problemType()).isEqualTo(problem.problemType());
                    assertThat(read.problem().getMessage()).isEqualTo(problem.getMessage());
                }
            }
        }
    }
}
