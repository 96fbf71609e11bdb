package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.series.SeriesService;
import dev.tsforge.support.Services;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** A full queue answers 503 with Retry-After and stores no job; a freed slot accepts work again. */
@SpringBootTest(properties = {"tsforge.training.concurrency=1", "tsforge.training.queue-capacity=1"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
class TrainingQueueTests {

    private static final String LONG = "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], \"lookback\": 10, "
            + "\"horizon\": 6, \"epochs\": 10000, \"validationFraction\": 0}";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    SeriesService series;

    private long submit(long seriesId) throws Exception {
        return json.readTree(mvc.perform(post("/api/v1/series/{id}/trainings", seriesId)
                        .contentType(MediaType.APPLICATION_JSON).content(LONG))
                .andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString()).get("id").asLong();
    }

    @Test
    void aFullQueueAnswers503WithRetryAfterAndStoresNothing() throws Exception {
        long seriesId = Services.hourlySine(series, "queue", 100);
        long first = submit(seriesId);
        long second = submit(seriesId);

        mvc.perform(post("/api/v1/series/{id}/trainings", seriesId).contentType(MediaType.APPLICATION_JSON)
                        .content(LONG))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(jsonPath("$.type").value("urn:tsforge:problem:queue-full"))
                .andExpect(jsonPath("$.capacity").value(2));
        mvc.perform(get("/api/v1/series/{id}/trainings", seriesId)).andExpect(jsonPath("$.length()").value(2));

        mvc.perform(post("/api/v1/training-jobs/{id}/cancel", second)).andExpect(status().isOk());
        long third = submit(seriesId);
        assertThat(third).isGreaterThan(second);
        for (long job : new long[] {first, third}) {
            mvc.perform(post("/api/v1/training-jobs/{id}/cancel", job))
                    .andExpect(result -> assertThat(result.getResponse().getStatus()).isIn(200, 202));
        }
    }
}
