package dev.tsforge.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.support.ApiClient;
import dev.tsforge.support.Csv;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
 * What a model file carries: a trained model's provenance inside its zip (covered by the checksum), and a file written by the build before the layers moved (artifact format 1) imports and
 * forecasts over HTTP as it did then.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ModelFileTests {

    private final MockMvc mvc;
    private final JsonMapper json;
    private final Path modelDir;

    @Autowired
    ModelFileTests(MockMvc mvc, JsonMapper json, TsforgeProperties properties) {
        this.mvc = mvc;
        this.json = json;
        this.modelDir = properties.storage().modelDir();
    }

    private long sineSeries(int points) throws Exception {
        return new ApiClient(mvc, json).createSeries("PT1H", Csv.hourly(points, i -> 5 + Math.sin(i / 3.0)));
    }

    @Test
    void aTrainedModelCarriesItsProvenanceInsideTheZipAndBesideIt() throws Exception {
        long seriesId = sineSeries(80);
        JsonNode job = new ApiClient(mvc, json).trainSuccessfully(seriesId, "{\"architecture\": \"SIMPLE_RNN\", "
                + "\"hiddenSizes\": [4], \"lookback\": 8, \"horizon\": 4, \"epochs\": 2, \"validationFraction\": 0}");
        long modelId = job.get("modelId").asLong();
        var download = mvc.perform(get("/api/v1/models/{id}/artifact", modelId)).andExpect(status().isOk())
                .andReturn().getResponse();
        byte[] zip = download.getContentAsByteArray();
        assertThat(download.getHeader("ETag")).as("the checksum covers the provenance inside")
                .isEqualTo("\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip)) + "\"");

        Map<String, byte[]> entries = entries(zip);
        assertThat(entries).containsKeys("configuration.json", "tsforge-model.properties", "provenance.json");
        JsonNode inside = json.readTree(entries.get("provenance.json"));
        assertThat(inside.get("series").get("id").asLong()).isEqualTo(seriesId);
        assertThat(inside.get("lineage").get("trainingJobId").asLong()).isEqualTo(job.get("id").asLong());
        assertThat(inside.get("spec").get("kind").asString()).isEqualTo("NETWORK");
        assertThat(inside.get("spec").get("architecture").asString()).isEqualTo("SIMPLE_RNN");
        assertThat(inside.get("spec").get("window").get("lookback").asInt()).isEqualTo(8);
        assertThat(inside.get("holdoutPoints").asInt()).isEqualTo(4);
        assertThat(inside.get("data").get("points").asInt()).isEqualTo(76);
        assertThat(inside.get("imported").asBoolean()).isFalse();
        assertThat(new String(entries.get("tsforge-model.properties"), StandardCharsets.ISO_8859_1))
                .contains("format=2");

        JsonNode model = new ApiClient(mvc, json).get("/api/v1/models/{id}", modelId);
        Path beside = modelDir.resolve(model.get("artifact").asString()
                .replaceFirst("\\.zip$", ".json"));
        // the file beside is the directory store's, for people browsing it; the database store keeps the zip alone
        assertThat(beside).as("written beside the zip, gone with it once the row committed").doesNotExist();
    }

    @Test
    void aFileOfFormatOneImportsAndForecastsAsItDidThen() throws Exception {
        JsonNode fixture = json.readTree(getClass().getResourceAsStream("/fixtures/models/v1/lstm-fused.json"));
        byte[] zip = getClass().getResourceAsStream("/fixtures/models/v1/lstm-fused.zip").readAllBytes();
        long seriesId = sineSeries(60);
        JsonNode imported = json.readTree(mvc.perform(post("/api/v1/series/{id}/models", seriesId)
                .contentType(MediaType.parseMediaType("application/zip")).content(zip))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        byte[] stored = mvc.perform(get("/api/v1/models/{id}/artifact", imported.get("id").asLong()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(stored).as("an imported file is kept byte for byte").isEqualTo(zip);

        StringBuilder values = new StringBuilder();
        for (JsonNode value : fixture.get("history")) {
            values.append(values.isEmpty() ? "" : ",").append(value.asDouble());
        }
        JsonNode forecast = new ApiClient(mvc, json).postJson("/api/v1/forecasts", "{\"modelId\": "
                + imported.get("id").asLong() + ", \"values\": [" + values + "], \"horizon\": "
                + fixture.get("horizon").asInt() + "}");
        JsonNode expected = fixture.get("forecast");
        assertThat(forecast.get("points")).hasSize(expected.size());
        for (int step = 0; step < expected.size(); step++) {
            assertThat(forecast.get("points").get(step).get("value").asDouble()).as("step %d", step + 1)
                    .isCloseTo(expected.get(step).asDouble(),
                            org.assertj.core.api.Assertions.withinPercentage(1e-3));
        }
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
