package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.support.ApiClient;
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

/** AUTO tries candidates within its budget, registers the best, and says what it tried and how it did. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AutoTrainingTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    private JsonNode read(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    @Test
    void autoRegistersTheBestCandidateAndReportsTheSearch() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        long seriesId = api.createSeries("P1M");
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 120; i++) {
            csv.append(String.format("%04d-%02d-01T00:00:00Z", 2000 + i / 12, i % 12 + 1)).append(',')
                    .append(50 + 10 * Math.sin(2 * Math.PI * i / 12) + 0.2 * i).append('\n');
        }
        api.ingestCsv(seriesId, csv.toString());

        JsonNode accepted = read(mvc.perform(post("/api/v1/series/{id}/auto-trainings", seriesId)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"budgetSeconds\": 10, \"horizon\": 6}"))
                .andExpect(status().isAccepted()));
        JsonNode job = api.awaitJob(accepted.get("id").asLong());
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        String outcome = job.get("outcome").asString();
        assertThat(outcome).startsWith("AUTO tried ").contains("validation MASE", "The winner is a ");
        assertThat(outcome).containsAnyOf("beat seasonal naive on validation", "no network beat seasonal naive");

        JsonNode model = read(mvc.perform(get("/api/v1/models/{id}", job.get("modelId").asLong())));
        JsonNode spec = model.get("spec");
        assertThat(spec.get("architecture").asString()).isIn("LSTM", "SIMPLE_RNN");
        assertThat(spec.get("lookback").asInt()).as("one or two seasons of 12 months").isIn(12, 24);
        assertThat(spec.get("horizon").asInt()).isEqualTo(6);
        assertThat(List.of(16, 32)).contains(spec.get("hiddenSizes").get(0).asInt());
        assertThat(job.get("spec").toString()).as("the job now shows the winner's spec").isEqualTo(spec.toString());
        assertThat(model.get("evaluation").get("horizon").asInt()).isEqualTo(6);

        mvc.perform(post("/api/v1/series/{id}/auto-trainings", seriesId).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"budgetSeconds\": 1}"))
                .andExpect(status().isBadRequest());
    }
}
