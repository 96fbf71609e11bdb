package dev.tsforge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tsforge.support.ApiClient;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains and forecasts on the CUDA backend. Needs the CUDA build and an NVIDIA GPU:
 * {@code ./mvnw -Pcuda verify -Dgroups=gpu -Dtest.groups.excluded=} (README, "Tests").
 */
@Tag("gpu")
@SpringBootTest(properties = "tsforge.runtime.backend=cuda")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class CudaBackendTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    Nd4jRuntime runtime;

    @Test
    @SuppressWarnings("unchecked")
    void trainsAndForecastsOnTheGpu() throws Exception {
        assertThat(runtime.facts().get("backend")).isEqualTo("JCublasBackend");
        assertThat(runtime.facts().get("devices")).isNotNull();
        // the GPUs nvidia-smi listed, each with its compute capability, which ND4J's kernels run on
        assertThat((java.util.List<?>) runtime.facts().get("gpus")).isNotEmpty().allSatisfy(gpu -> assertThat(
                (java.util.Map<String, Object>) gpu).containsKey("computeCapability").containsEntry("nd4jKernelsRun", true));
        ApiClient api = new ApiClient(mvc, json);
        long seriesId = api.createSeries("PT1H");
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < 400; i++) {
            csv.append(start.plusSeconds(3_600L * i)).append(',').append(5 + Math.sin(2 * Math.PI * i / 24)).append('\n');
        }
        api.ingestCsv(seriesId, csv.toString());
        JsonNode job = api.trainSuccessfully(seriesId, "{\"architecture\": \"LSTM\", \"hiddenSizes\": [32],"
                + " \"lookback\": 24, \"horizon\": 12, \"epochs\": 20}");
        mvc.perform(post("/api/v1/models/{id}/promote", job.get("modelId").asLong())).andExpect(status().isOk());
        JsonNode forecast = api.postJson("/api/v1/forecasts", "{\"seriesId\": " + seriesId + ", \"horizon\": 12}");
        assertThat(forecast.get("points")).hasSize(12);
        forecast.get("points").forEach(step -> {
            double value = step.get("value").asDouble();
            assertThat(value).isFinite().isBetween(3.0, 7.0);
        });
    }

    /**
     * The admission's estimate against what a training takes on the GPU: nvidia-smi's used memory, sampled while the
     * job runs, above what it was before. Not run on the build machine (no GPU); written for a supported one.
     */
    @Test
    void theMemoryEstimateCoversWhatATrainingTakes() throws Exception {
        ApiClient api = new ApiClient(mvc, json);
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        int points = 5000;
        for (int i = 0; i < points; i++) {
            csv.append(start.plusSeconds(3_600L * i)).append(',').append(5 + Math.sin(2 * Math.PI * i / 24)).append('\n');
        }
        long seriesId = api.createSeries("PT1H");
        api.ingestCsv(seriesId, csv.toString());
        String request = "{\"architecture\": \"LSTM\", \"hiddenSizes\": [256, 256], \"lookback\": 168,"
                + " \"horizon\": 24, \"batchSize\": 512, \"epochs\": 3, \"validationFraction\": 0}";
        dev.tsforge.model.NetworkSpec spec = dev.tsforge.model.NetworkSpec.requested(
                new dev.tsforge.model.NetworkSpec.Overrides(dev.tsforge.model.Architecture.LSTM,
                        java.util.List.of(256, 256), null, null, null, null, null, 512, 3, null, null, null, null,
                        null, 168, 24, null, 0.0, null, null, null));
        long estimate = dev.tsforge.model.TrainingMemory.of(spec, points - 168 - 24).totalBytes();

        NvidiaSmiGpuMemory gpu = new NvidiaSmiGpuMemory(NvidiaSmi.system(), System.getenv("CUDA_VISIBLE_DEVICES"));
        GpuMemory.Reading before = gpu.read().orElseThrow();
        java.util.concurrent.atomic.AtomicLong peakUsed = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                gpu.read().ifPresent(now -> peakUsed.accumulateAndGet(now.totalBytes() - now.freeBytes(), Math::max));
            }
        });
        sampler.start();
        try {
            api.trainSuccessfully(seriesId, request);
        } finally {
            done.set(true);
            sampler.join();
        }
        long taken = peakUsed.get() - (before.totalBytes() - before.freeBytes());
        System.out.printf("GPU memory taken by the training: %d MiB; estimate %d MiB%n", taken >> 20, estimate >> 20);
        // covers it, and not by more than an order of magnitude
        assertThat(estimate).isGreaterThanOrEqualTo(taken).isLessThan(10 * Math.max(taken, 1L << 20));
    }
}
