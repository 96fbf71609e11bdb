package dev.tsforge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** {@code cpu} asked for by name picks the CPU backend and says so ({@code auto} is the default: OpenApiTests). */
@SpringBootTest(properties = "tsforge.runtime.backend=cpu")
@ActiveProfiles("test")
class CpuBackendTests {

    @Autowired
    Nd4jRuntime runtime;

    @Test
    void cpuIsLoadedAndReported() {
        assertThat(runtime.facts())
                .containsEntry("requested", "cpu")
                .containsEntry("backend", "CpuBackend")
                .containsEntry("reason", "asked for")
                .containsEntry("blasVendor", "OPENBLAS")
                .containsKey("availableProcessors");
        assertThat(runtime.facts()).doesNotContainKey("devices");
        // no driver here, so nvidia-smi is not asked and no GPU is listed
        assertThat(runtime.facts()).containsEntry("gpus", java.util.List.of());
    }
}
