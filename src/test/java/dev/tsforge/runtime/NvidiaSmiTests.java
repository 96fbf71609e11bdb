package dev.tsforge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running nvidia-smi: stand-in executables (shell scripts) answer as nvidia-smi does, fails or hangs, so the real
 * process handling is what is tested.
 */
class NvidiaSmiTests {

    @TempDir
    Path dir;

    private NvidiaSmi fake(String body, Duration timeout) throws IOException {
        Path script = dir.resolve("nvidia-smi");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return new NvidiaSmi(NvidiaSmi.command(script.toString(), GpuInventory.FIELDS), GpuInventory.FIELDS, timeout);
    }

    @Test
    void asksForEveryFieldAsCsvWithoutHeaderOrUnits() {
        assertThat(NvidiaSmi.command("nvidia-smi", GpuInventory.FIELDS)).containsExactly("nvidia-smi",
                "--query-gpu=index,uuid,name,compute_cap,driver_version,memory.total,memory.free",
                "--format=csv,noheader,nounits");
    }

    @Test
    void readsWhatItPrints() throws IOException {
        GpuInventory inventory = fake("cat <<'END'\n" + NvidiaSmiOutputs.A100_AND_H100 + "END", Duration.ofSeconds(10))
                .query();
        assertThat(inventory.unknown()).isFalse();
        assertThat(inventory.gpus()).extracting(Gpu::name).containsExactly("NVIDIA A100 80GB PCIe", "NVIDIA H100 PCIe");
    }

    @Test
    void aMissingExecutableIsAnUnknownInventory() {
        GpuInventory inventory = new NvidiaSmi(List.of(dir.resolve("absent").toString(), "-q"), GpuInventory.FIELDS,
                Duration.ofSeconds(1)).query();
        assertThat(inventory.unknown()).isTrue();
        assertThat(inventory.problem()).contains("absent not found");
    }

    @Test
    void aFailureIsAnUnknownInventoryWithItsFirstLine() throws IOException {
        GpuInventory inventory = fake("echo 'NVIDIA-SMI has failed because it couldn'\"'\"'t communicate with the NVIDIA"
                + " driver.' ; echo second; exit 9", Duration.ofSeconds(10)).query();
        assertThat(inventory.problem()).endsWith("failed with exit code 9: NVIDIA-SMI has failed because it couldn't"
                + " communicate with the NVIDIA driver.");
    }

    @Test
    void aHangIsCutOffAtTheTimeout() throws IOException {
        long began = System.nanoTime();
        GpuInventory inventory = fake("sleep 30", Duration.ofMillis(300)).query();
        assertThat((System.nanoTime() - began) / 1e9).isLessThan(10);
        assertThat(inventory.problem()).endsWith("gave no answer within 0 s");
    }

    @Test
    void gpuMemoryIsThatOfTheVisibleGpuWithTheLeastFree() throws IOException {
        NvidiaSmi fourA100 = fake("cat <<'END'\n" + NvidiaSmiOutputs.FOUR_A100 + "END", Duration.ofSeconds(10));
        GpuMemory.Reading all = new NvidiaSmiGpuMemory(fourA100, null).read().orElseThrow();
        assertThat(all).isEqualTo(new GpuMemory.Reading(60211L << 20, 81920L << 20, "NVIDIA A100-SXM4-80GB #2"));
        GpuMemory.Reading two = new NvidiaSmiGpuMemory(fourA100, "0,1").read().orElseThrow();
        assertThat(two.freeBytes()).isEqualTo(81037L << 20);
        assertThat(new NvidiaSmiGpuMemory(fake("exit 9", Duration.ofSeconds(10)), null).read()).isEmpty();
        assertThat(new NvidiaSmiGpuMemory(fake("cat <<'END'\n" + NvidiaSmiOutputs.MEMORY_NOT_AVAILABLE + "END",
                Duration.ofSeconds(10)), null).read()).isEmpty();
    }
}
