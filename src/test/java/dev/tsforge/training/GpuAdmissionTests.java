package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.runtime.GpuMemory;
import dev.tsforge.support.ApiClient;
import dev.tsforge.support.Await;
import dev.tsforge.support.Csv;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GPU memory admission through the real queue and JobRunr, with a GPU whose memory the test sets (this machine has
 * none): a job waits QUEUED with the reason and without holding the worker, starts once there is memory, and fails
 * at once when it could never fit.
 */
@SpringBootTest(properties = "tsforge.training.gpu-memory-recheck=200ms")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class GpuAdmissionTests {

    private static final long MIB = 1L << 20;
    private static final String SMALL = """
            {"architecture": "SIMPLE_RNN", "hiddenSizes": [8], "lookback": 10, "horizon": 6, "epochs": 2,
             "validationFraction": 0, "seed": 1}""";

    /** A GPU of {@code total} bytes with {@code free} of them free, as the test says. */
    static final class SetGpu implements GpuMemory {
        final AtomicLong free = new AtomicLong(80L << 30);
        final AtomicLong total = new AtomicLong(80L << 30);

        @Override
        public boolean active() {
            return true;
        }

        @Override
        public Optional<Reading> read() {
            return Optional.of(new Reading(free.get(), total.get(), "Test GPU #0"));
        }
    }

    @TestConfiguration
    static class Gpu {
        @Bean
        @Primary
        SetGpu setGpu() {
            return new SetGpu();
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    SetGpu gpu;

    ApiClient api;
    long seriesId;

    @BeforeEach
    void series() throws Exception {
        api = new ApiClient(mvc, json);
        seriesId = api.createSeries("PT1H", Csv.hourly(100, i -> Math.sin(i / 3.0)));
        gpu.total.set(80L << 30);
        gpu.free.set(80L << 30);
    }

    private JsonNode awaitWaiting(long jobId) throws Exception {
        return Await.until("job " + jobId + " waiting", Duration.ofMinutes(1), Duration.ofMillis(50),
                () -> api.get("/api/v1/training-jobs/{id}", jobId),
                job -> !job.get("waitingFor").isNull());
    }

    @Test
    void aJobWaitsForMemoryWithoutHoldingTheWorkerAndStartsOnceThereIsSome() throws Exception {
        gpu.free.set(10 * MIB);
        long first = api.startTraining(seriesId, SMALL).get("id").asLong();
        long second = api.startTraining(seriesId, SMALL).get("id").asLong();

        JsonNode waiting = awaitWaiting(first);
        assertThat(waiting.get("status").asString()).isEqualTo("QUEUED");
        assertThat(waiting.get("waitingFor").asString())
                .startsWith("GPU memory: needs about 65 MiB; Test GPU #0 has 10 MiB free of 81920 MiB");
        // one worker (tsforge.training.concurrency=1): the second job got it, so the first did not keep it
        assertThat(awaitWaiting(second).get("status").asString()).isEqualTo("QUEUED");

        gpu.free.set(80L << 30);
        for (long job : new long[] {first, second}) {
            JsonNode done = api.awaitJob(job);
            assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("waitingFor").isNull()).isTrue();
        }
    }

    @Test
    void aJobLargerThanTheGpuFailsAtOnceSayingSo() throws Exception {
        gpu.total.set(32 * MIB);
        gpu.free.set(32 * MIB);
        JsonNode failed = api.awaitJob(api.startTraining(seriesId, SMALL).get("id").asLong());
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("errorMessage").asString()).startsWith("This training needs about 65 MiB of GPU memory,"
                + " more than the 32 MiB of Test GPU #0: use a smaller batch");
    }

    @Test
    void runningJobsHoldTheirEstimate() {
        GpuMemory.Reading reading = new GpuMemory.Reading(100 * MIB, 1000 * MIB, "Test GPU #0");
        assertThat(GpuAdmission.decide(60 * MIB, reading, 0, 0).verdict()).isEqualTo(GpuAdmission.Verdict.START);
        GpuAdmission.Decision second = GpuAdmission.decide(60 * MIB, reading, 60 * MIB, 1);
        assertThat(second.verdict()).isEqualTo(GpuAdmission.Verdict.WAIT);
        assertThat(second.reason()).isEqualTo("GPU memory: needs about 60 MiB; Test GPU #0 has 100 MiB free of"
                + " 1000 MiB, of which 1 running job(s) here may take 60 MiB");
        assertThat(GpuAdmission.decide(1001 * MIB, reading, 0, 0).verdict()).isEqualTo(GpuAdmission.Verdict.NEVER);
        assertThat(GpuAdmission.decide(1000 * MIB, reading, 0, 0).verdict()).isEqualTo(GpuAdmission.Verdict.WAIT);
    }
}
