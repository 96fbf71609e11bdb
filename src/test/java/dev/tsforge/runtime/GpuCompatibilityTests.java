package dev.tsforge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tsforge.config.BackendChoice;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The backend each setting gets on each GPU nvidia-smi might report, in the CUDA build: {@code auto} falls back to
 * the CPU with the reason, {@code cuda} refuses with the reason and the fix, a supported GPU gets CUDA.
 */
class GpuCompatibilityTests {

    private static final GpuProbe.Result DRIVER = new GpuProbe.Result(true, "NVIDIA driver 580.159.04");

    private static GpuVerdict verdict(String nvidiaSmiOutput, String cudaVisibleDevices) {
        return GpuVerdict.judge(DRIVER, GpuInventory.parse(GpuInventory.FIELDS, nvidiaSmiOutput), CudaKernels.bundled(),
                cudaVisibleDevices);
    }

    private static BackendSelector.Selection select(BackendChoice requested, GpuVerdict verdict) {
        return BackendSelector.select(requested, new BackendSelector.Offer(true, true, verdict));
    }

    @Test
    void autoOnAnH200TakesTheCpuAndSaysWhy() {
        BackendSelector.Selection selection = select(BackendChoice.AUTO, verdict(NvidiaSmiOutputs.H200, null));
        assertThat(selection.backend()).isEqualTo(BackendChoice.CPU);
        assertThat(selection.reason()).isEqualTo("auto: CUDA backend in this build but NVIDIA H200 has compute"
                + " capability 9.0; ND4J 1.0.0-M2.1 CUDA kernels cover 3.7–8.6 with no PTX");
        assertThat(selection.gpu().facts()).containsExactly(Map.of("index", 0,
                "uuid", "GPU-5e3a7c1d-8f42-4b6e-9a11-2c7d0e9f4b30", "name", "NVIDIA H200", "computeCapability", "9.0",
                "driverVersion", "580.159.04", "memoryTotalMiB", 143771L, "memoryFreeMiB", 143156L,
                "nd4jKernelsRun", false, "visibleToCuda", true));
    }

    @Test
    void theRecordedShortH200LineIsJudgedTheSame() {
        GpuVerdict verdict = GpuVerdict.judge(DRIVER,
                GpuInventory.parse(NvidiaSmiOutputs.BRIEF_FIELDS, NvidiaSmiOutputs.H200_BRIEF), CudaKernels.bundled(),
                null);
        assertThat(verdict.kind()).isEqualTo(GpuVerdict.Kind.UNSUPPORTED);
        assertThat(verdict.detail()).isEqualTo(
                "NVIDIA H200 has compute capability 9.0; ND4J 1.0.0-M2.1 CUDA kernels cover 3.7–8.6 with no PTX");
    }

    @Test
    void cudaOnAnH200RefusesWithTheReasonAndTheFix() {
        assertThatThrownBy(() -> select(BackendChoice.CUDA, verdict(NvidiaSmiOutputs.H200, null)))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("tsforge.runtime.backend=cuda, but ND4J's CUDA kernels cannot run on this GPU: NVIDIA H200"
                        + " has compute capability 9.0; ND4J 1.0.0-M2.1 CUDA kernels cover 3.7–8.6 with no PTX. ND4J"
                        + " would fail at its first kernel (CUDA_ERROR_NO_BINARY_FOR_GPU).")
                .satisfies(e -> assertThat(((BackendUnavailableException) e).action())
                        .startsWith("Run on a GPU of compute capability 3.7–3.x, 5.x, 6.x, 7.x, 8.x (V100, T4, A100,")
                        .contains("gpu.computeAffinity").contains("CPU image").contains("tsforge.runtime.backend=cpu"));
    }

    @Test
    void supportedGpusGetCuda() {
        for (String output : new String[] {NvidiaSmiOutputs.A100, NvidiaSmiOutputs.L4, NvidiaSmiOutputs.FOUR_A100,
                NvidiaSmiOutputs.OLD_GENERATIONS}) {
            assertThat(select(BackendChoice.AUTO, verdict(output, null)).backend()).as(output)
                    .isEqualTo(BackendChoice.CUDA);
            assertThat(select(BackendChoice.CUDA, verdict(output, null)).backend()).isEqualTo(BackendChoice.CUDA);
        }
        assertThat(select(BackendChoice.CUDA, verdict(NvidiaSmiOutputs.L4, null)).reason())
                .isEqualTo("asked for; NVIDIA L4 (compute capability 8.9), driver 550.54.15");
    }

    @Test
    void mixedGenerationsAreRefusedUnlessCudaSeesOnlyTheSupportedOnes() {
        GpuVerdict mixed = verdict(NvidiaSmiOutputs.A100_AND_H100, null);
        assertThat(mixed.kind()).isEqualTo(GpuVerdict.Kind.MIXED);
        assertThat(select(BackendChoice.AUTO, mixed).backend()).isEqualTo(BackendChoice.CPU);
        assertThat(select(BackendChoice.AUTO, mixed).reason()).contains("GPUs of mixed generations")
                .contains("NVIDIA H100 PCIe has compute capability 9.0");
        assertThatThrownBy(() -> select(BackendChoice.CUDA, mixed))
                .isInstanceOf(BackendUnavailableException.class)
                .satisfies(e -> assertThat(((BackendUnavailableException) e).action())
                        .contains("CUDA_VISIBLE_DEVICES=GPU-a1b2c3d4-0000-1111-2222-333344445555 "));

        // what the CUDA image's entrypoint sets: the A100 alone
        assertThat(SupportedGpus.restriction(mixed)).isEqualTo("GPU-a1b2c3d4-0000-1111-2222-333344445555");
        GpuVerdict restricted = verdict(NvidiaSmiOutputs.A100_AND_H100, SupportedGpus.restriction(mixed));
        assertThat(select(BackendChoice.CUDA, restricted).backend()).isEqualTo(BackendChoice.CUDA);
        assertThat(restricted.facts()).extracting(gpu -> gpu.get("visibleToCuda")).containsExactly(true, false);
    }

    @Test
    void theEntrypointRestrictsNothingUnlessGenerationsMix() {
        assertThat(SupportedGpus.restriction(verdict(NvidiaSmiOutputs.FOUR_A100, null))).isNull();
        assertThat(SupportedGpus.restriction(verdict(NvidiaSmiOutputs.H200, null))).isNull();
        assertThat(SupportedGpus.restriction(verdict("", null))).isNull();
    }

    @Test
    void cudaVisibleDevicesHidingEveryGpuIsNoGpu() {
        GpuVerdict hidden = verdict(NvidiaSmiOutputs.A100, "");
        assertThat(hidden.kind()).isEqualTo(GpuVerdict.Kind.NONE_VISIBLE);
        assertThatThrownBy(() -> select(BackendChoice.CUDA, hidden))
                .hasMessageContaining("no NVIDIA GPU is usable here: CUDA_VISIBLE_DEVICES= leaves none of NVIDIA");
        assertThat(verdict("", null).detail()).isEqualTo("nvidia-smi lists no GPU");
    }

    @Test
    void anUnknownCapabilityIsTriedAsBeforeAndSaidToBeUnchecked() {
        GpuVerdict oldDriver = GpuVerdict.judge(DRIVER, GpuInventory.unavailable(
                "nvidia-smi failed with exit code 2: " + NvidiaSmiOutputs.OLD_DRIVER.strip()), CudaKernels.bundled(), null);
        assertThat(oldDriver.kind()).isEqualTo(GpuVerdict.Kind.CAPABILITY_UNKNOWN);
        BackendSelector.Selection selection = select(BackendChoice.AUTO, oldDriver);
        assertThat(selection.backend()).isEqualTo(BackendChoice.CUDA);
        assertThat(selection.reason()).isEqualTo("auto: CUDA backend in this build and NVIDIA driver 580.159.04;"
                + " compute capability not checked (nvidia-smi failed with exit code 2: Field \"compute_cap\" is not a"
                + " valid field to query.)");
        assertThat(selection.gpu().facts()).isEmpty();
        GpuVerdict garbage = verdict(NvidiaSmiOutputs.NO_DEVICES, null);
        assertThat(garbage.kind()).isEqualTo(GpuVerdict.Kind.CAPABILITY_UNKNOWN);
    }

    @Test
    void withoutADriverNvidiaSmiIsNotConsulted() {
        GpuVerdict none = GpuVerdict.judge(new GpuProbe.Result(false, "no NVIDIA driver loaded"),
                GpuInventory.unavailable("not asked"), CudaKernels.bundled(), null);
        assertThat(none.kind()).isEqualTo(GpuVerdict.Kind.NO_GPU);
        assertThat(select(BackendChoice.AUTO, none).reason())
                .isEqualTo("auto: CUDA backend in this build but no NVIDIA driver loaded");
    }
}
