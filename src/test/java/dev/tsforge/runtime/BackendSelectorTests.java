package dev.tsforge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tsforge.config.BackendChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4jBackend;

/** Which backend each setting picks, on every combination of build and machine, and the messages when none can. */
class BackendSelectorTests {

    private static final GpuProbe.Result NO_DRIVER = new GpuProbe.Result(false, "no NVIDIA driver loaded");
    private static final GpuProbe.Result DRIVER = new GpuProbe.Result(true, "NVIDIA driver 535.104");
    private static final GpuVerdict NO_GPU = GpuVerdict.judge(NO_DRIVER, GpuInventory.unavailable("not asked"),
            CudaKernels.bundled(), null);
    private static final GpuVerdict GPU = verdict(NvidiaSmiOutputs.A100, null);

    private static GpuVerdict verdict(String nvidiaSmiOutput, String cudaVisibleDevices) {
        return GpuVerdict.judge(DRIVER, GpuInventory.parse(GpuInventory.FIELDS, nvidiaSmiOutput), CudaKernels.bundled(),
                cudaVisibleDevices);
    }

    @Test
    void cpuIsTakenWhenAskedForAndHidesCuda() {
        BackendSelector.Selection selection = BackendSelector.select(BackendChoice.CPU,
                new BackendSelector.Offer(true, true, GPU));
        assertThat(selection.backend()).isEqualTo(BackendChoice.CPU);
        assertThat(selection.hidden()).containsExactly(BackendSelector.CUDA_BACKEND);
    }

    @Test
    void autoTakesCudaOnlyWithTheBackendAndAGpu() {
        assertThat(BackendSelector.select(BackendChoice.AUTO, new BackendSelector.Offer(true, true, GPU)))
                .satisfies(selection -> {
                    assertThat(selection.backend()).isEqualTo(BackendChoice.CUDA);
                    assertThat(selection.hidden()).containsExactly(BackendSelector.CPU_BACKEND);
                    assertThat(selection.reason()).isEqualTo("auto: CUDA backend in this build and NVIDIA"
                            + " A100-SXM4-40GB (compute capability 8.0), driver 535.104.05");
                });
        assertThat(BackendSelector.select(BackendChoice.AUTO, new BackendSelector.Offer(true, true, NO_GPU)))
                .satisfies(selection -> {
                    assertThat(selection.backend()).isEqualTo(BackendChoice.CPU);
                    assertThat(selection.reason()).isEqualTo("auto: CUDA backend in this build but no NVIDIA driver loaded");
                });
        assertThat(BackendSelector.select(BackendChoice.AUTO, new BackendSelector.Offer(true, false, GPU)).backend())
                .isEqualTo(BackendChoice.CPU);
    }

    @Test
    void cudaWithoutTheBackendNamesTheBuildToUse() {
        assertThatThrownBy(() -> BackendSelector.select(BackendChoice.CUDA, new BackendSelector.Offer(true, false, GPU)))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("this build has no CUDA backend")
                .satisfies(e -> assertThat(((BackendUnavailableException) e).action()).contains("./mvnw -Pcuda package"));
    }

    @Test
    void cudaWithoutAGpuSaysWhatIsMissing() {
        assertThatThrownBy(() -> BackendSelector.select(BackendChoice.CUDA, new BackendSelector.Offer(true, true, NO_GPU)))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("tsforge.runtime.backend=cuda, but no NVIDIA GPU is usable here: no NVIDIA driver loaded.")
                .satisfies(e -> assertThat(((BackendUnavailableException) e).action()).contains("nvidia.com/gpu"));
    }

    @Test
    void cpuWithoutTheCpuBackendFails() {
        assertThatThrownBy(() -> BackendSelector.select(BackendChoice.AUTO, new BackendSelector.Offer(false, false, NO_GPU)))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("nd4j-native");
    }

    @Test
    void gpuProbeReadsTheDriverAndDeviceFiles(@TempDir Path root) throws IOException {
        assertThat(new GpuProbe(root).probe().usable()).isFalse();
        Files.createDirectories(root.resolve("proc/driver/nvidia"));
        Files.writeString(root.resolve("proc/driver/nvidia/version"),
                "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05\nGCC version: gcc 12\n");
        GpuProbe.Result driverOnly = new GpuProbe(root).probe();
        assertThat(driverOnly.usable()).isFalse();
        assertThat(driverOnly.detail()).contains("no device node");
        Files.createDirectories(root.resolve("dev"));
        Files.createFile(root.resolve("dev/nvidiactl"));
        GpuProbe.Result usable = new GpuProbe(root).probe();
        assertThat(usable.usable()).isTrue();
        assertThat(usable.detail()).isEqualTo("NVIDIA driver NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05");
    }

    @Test
    void thisMachineOffersOnlyTheCpuBackend() {
        BackendSelector.Offer offer = NativeRuntimeSetup.offer();
        assertThat(offer.cpuInBuild()).isTrue();
        assertThat(offer.cudaInBuild()).isFalse();
    }

    @Test
    void filteringLoaderHidesExactlyTheNamedBackends() {
        ClassLoader parent = getClass().getClassLoader();
        assertThat(providers(new BackendFilteringClassLoader(parent, Set.of(BackendSelector.CUDA_BACKEND))))
                .containsExactly(BackendSelector.CPU_BACKEND);
        assertThat(providers(new BackendFilteringClassLoader(parent, Set.of(BackendSelector.CPU_BACKEND)))).isEmpty();
        assertThat(new BackendFilteringClassLoader(parent, Set.of(BackendSelector.CPU_BACKEND))
                .getResource(BackendFilteringClassLoader.BACKEND_SERVICE)).isNull();
    }

    private static List<String> providers(ClassLoader loader) {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(Nd4jBackend.class, loader).stream().forEach(p -> names.add(p.type().getName()));
        return names;
    }
}
