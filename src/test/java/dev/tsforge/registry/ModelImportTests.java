package dev.tsforge.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.registry.ModelStore;
import dev.tsforge.support.ApiClient;
import dev.tsforge.support.Csv;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A model exported from one series imports into another; anything else is refused and leaves nothing behind. */
@SpringBootTest(properties = {"tsforge.limits.max-artifact-bytes=200000", "tsforge.limits.max-request-bytes=5000"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ModelImportTests {

    private static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    ModelStore store;

    private JsonNode body(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private long seriesWithPoints() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        return api.createSeries("PT1H", Csv.hourly(100, i -> 5 + Math.sin(i / 3.0)));
    }

    private byte[] trainedArtifact(long seriesId) throws Exception {
        JsonNode job = new ApiClient(mvc, json).trainSuccessfully(seriesId, "{\"architecture\": \"GRU\", "
                + "\"hiddenSizes\": [24], \"lookback\": 10, \"horizon\": 6, \"epochs\": 3, \"validationFraction\": 0}");
        return mvc.perform(get("/api/v1/models/{id}/artifact", job.get("modelId").asLong()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    }

    private double[] forecast(String target, long id) throws Exception {
        JsonNode points = body(mvc.perform(post("/api/v1/forecasts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"" + target + "\": " + id + ", \"horizon\": 5}"))).get("points");
        double[] values = new double[points.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = points.get(i).get("value").asDouble();
        }
        return values;
    }

    @Test
    void anExportedModelImportsIntoAnotherSeriesAndForecastsTheSame() throws Exception {
        long source = seriesWithPoints();
        byte[] artifact = trainedArtifact(source);
        long sourceModel = body(mvc.perform(get("/api/v1/series/{id}/models", source))).get(0).get("id").asLong();
        long target = seriesWithPoints();

        JsonNode imported = body(mvc.perform(post("/api/v1/series/{id}/models", target).contentType(ZIP)
                        .content(artifact))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.seriesId").value(target))
                .andExpect(jsonPath("$.trainingJobId").isEmpty())
                .andExpect(jsonPath("$.champion").value(false))
                .andExpect(jsonPath("$.stopReason").value("imported"))
                .andExpect(jsonPath("$.spec.architecture").value("GRU"))
                .andExpect(jsonPath("$.evaluation.horizon").value(6))
                .andExpect(jsonPath("$.evaluation.model.mae").isNumber()));
        long importedId = imported.get("id").asLong();
        assertThat(imported.get("sizeBytes").asLong()).isEqualTo(artifact.length);
        assertThat(artifact.length).as("imports have their own limit, above the request limit of 5000 bytes")
                .isGreaterThan(5000);

        // the two series hold the same values, so the two models must forecast the same
        assertThat(forecast("modelId", importedId)).containsExactly(forecast("modelId", sourceModel));
    }

    @Test
    void anOversizedRequestBodyIs413BeforeItIsRead() throws Exception {
        long target = seriesWithPoints();
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int day = 0; day < 400; day++) {
            csv.append(Instant.parse("2030-01-01T00:00:00Z").plusSeconds(3600L * day)).append(",1.0\n");
        }
        mvc.perform(post("/api/v1/series/{id}/points", target).contentType("text/csv").content(csv.toString()))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.type").value("urn:tsforge:problem:payload-too-large"))
                .andExpect(jsonPath("$.maxBytes").value(5000));
        mvc.perform(get("/api/v1/series/{id}", target)).andExpect(jsonPath("$.pointCount").value(100));
    }

    private static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                out.putNextEntry(new ZipEntry(namesAndContents[i]));
                out.write(namesAndContents[i + 1].getBytes());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The trained zip with its entries changed: each entry kept, replaced or dropped, and extras added. */
    private static byte[] rewrite(byte[] artifact, Predicate<String> keep, String entry, byte[] content)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(artifact));
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (keep.test(e.getName()) && !e.getName().equals(entry)) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            if (entry != null) {
                out.putNextEntry(new ZipEntry(entry));
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] customNormalizerHeader() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("NORMALIZER");
            out.writeInt(1);
            out.writeUTF("CUSTOM");
            out.writeUTF("java.lang.ProcessBuilder");
        }
        return bytes.toByteArray();
    }

    @Test
    void brokenOrHostileFilesAreRefusedAndLeaveNothingBehind() throws Exception {
        long source = seriesWithPoints();
        byte[] artifact = trainedArtifact(source);
        long target = seriesWithPoints();
        byte[] noise = new byte[5000];
        new Random(1).nextBytes(noise);
        byte[][] refused = {
                new byte[0],
                noise,
                zip("hello.txt", "not a model"),
                java.util.Arrays.copyOf(artifact, artifact.length / 2),
                rewrite(artifact, name -> true, "preprocessor.bin", new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5}),
                rewrite(artifact, name -> !name.equals("tsforge-model.properties"), null, null),
                rewrite(artifact, name -> true, "normalizer.bin", customNormalizerHeader()),
                rewrite(artifact, name -> true, "tsforge-model.properties", "format=1\nlookback=oops\n".getBytes()),
                rewrite(artifact, name -> true, "configuration.json", "{\"confs\": 7".getBytes()),
                rewrite(artifact, name -> true, "coefficients.bin", new byte[] {1, 2, 3}),
        };
        for (byte[] file : refused) {
            mvc.perform(post("/api/v1/series/{id}/models", target).contentType(ZIP).content(file))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.type").value("urn:tsforge:problem:invalid-artifact"));
        }
        mvc.perform(post("/api/v1/series/{id}/models", target).contentType(ZIP).content(new byte[300_000]))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.type").value("urn:tsforge:problem:payload-too-large"));
        mvc.perform(post("/api/v1/series/{id}/models", 999_999).contentType(ZIP).content(artifact))
                .andExpect(status().isNotFound());

        mvc.perform(get("/api/v1/series/{id}/models", target)).andExpect(jsonPath("$.length()").value(0));
        Path folder = store.resolve("series-" + target);
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.toList()).as("no file left from a refused import").isEmpty();
            }
        }
        // and the service still imports a good file afterwards
        mvc.perform(post("/api/v1/series/{id}/models", target).contentType(ZIP).content(artifact))
                .andExpect(status().isCreated());
    }
}
