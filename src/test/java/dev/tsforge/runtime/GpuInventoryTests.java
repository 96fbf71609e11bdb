package dev.tsforge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** nvidia-smi's output read into GPUs, from recorded and nvidia-smi-formatted outputs, and odd ones. */
class GpuInventoryTests {

    @Test
    void readsTheRecordedH200LineOfTheShortQuery() {
        GpuInventory inventory = GpuInventory.parse(NvidiaSmiOutputs.BRIEF_FIELDS, NvidiaSmiOutputs.H200_BRIEF);
        assertThat(inventory.unknown()).isFalse();
        assertThat(inventory.gpus()).containsExactly(
                new Gpu(null, null, "NVIDIA H200", new ComputeCapability(9, 0), "580.159.04", null, null));
    }

    @Test
    void readsEveryFieldOfTheServicesQuery() {
        GpuInventory inventory = GpuInventory.parse(GpuInventory.FIELDS, NvidiaSmiOutputs.A100);
        assertThat(inventory.gpus()).containsExactly(new Gpu(0, "GPU-a1b2c3d4-0000-1111-2222-333344445555",
                "NVIDIA A100-SXM4-40GB", new ComputeCapability(8, 0), "535.104.05", 40960L, 40327L));
        assertThat(inventory.skipped()).isEmpty();
    }

    @Test
    void readsSeveralGpusInOrder() {
        GpuInventory inventory = GpuInventory.parse(GpuInventory.FIELDS, NvidiaSmiOutputs.FOUR_A100);
        assertThat(inventory.gpus()).extracting(Gpu::index).containsExactly(0, 1, 2, 3);
        assertThat(inventory.gpus()).extracting(Gpu::memoryFreeMiB).containsExactly(81037L, 81037L, 60211L, 81037L);
    }

    @Test
    void readsMixedGenerationsEachWithItsCapability() {
        GpuInventory inventory = GpuInventory.parse(GpuInventory.FIELDS, NvidiaSmiOutputs.A100_AND_H100);
        assertThat(inventory.gpus()).extracting(Gpu::computeCapability)
                .containsExactly(new ComputeCapability(8, 0), new ComputeCapability(9, 0));
        assertThat(inventory.describe())
                .isEqualTo("NVIDIA A100 80GB PCIe (compute capability 8.0), NVIDIA H100 PCIe (compute capability 9.0)");
    }

    @Test
    void noOutputIsNoGpuAndNotAnUnknownInventory() {
        GpuInventory inventory = GpuInventory.parse(GpuInventory.FIELDS, "\n");
        assertThat(inventory.unknown()).isFalse();
        assertThat(inventory.gpus()).isEmpty();
    }

    @Test
    void notAvailableFieldsAreUnknownValues() {
        Gpu gpu = GpuInventory.parse(GpuInventory.FIELDS, NvidiaSmiOutputs.MEMORY_NOT_AVAILABLE).gpus().get(0);
        assertThat(gpu.memoryTotalMiB()).isNull();
        assertThat(gpu.memoryFreeMiB()).isNull();
        assertThat(gpu.facts()).doesNotContainKeys("memoryTotalMiB", "memoryFreeMiB")
                .containsEntry("computeCapability", "8.0");
    }

    @Test
    void garbageIsAnUnknownInventoryNamingTheLine() {
        assertThat(GpuInventory.parse(GpuInventory.FIELDS, NvidiaSmiOutputs.NO_DEVICES).problem())
                .isEqualTo("unreadable nvidia-smi output: 'No devices were found'");
        assertThat(GpuInventory.parse(GpuInventory.FIELDS, "0, GPU-x, NVIDIA A100, eight, 535, 1, 1\n").unknown())
                .isTrue();
        assertThat(GpuInventory.parse(GpuInventory.FIELDS, "\u0000\u00ff,,,\n").unknown()).isTrue();
    }

    @Test
    void anOddLineAmongGoodOnesIsSkippedAndKept() {
        GpuInventory inventory = GpuInventory.parse(GpuInventory.FIELDS,
                NvidiaSmiOutputs.A100 + "WARNING: infoROM is corrupted at gpu 0000:41:00.0\n");
        assertThat(inventory.unknown()).isFalse();
        assertThat(inventory.gpus()).hasSize(1);
        assertThat(inventory.skipped()).containsExactly("WARNING: infoROM is corrupted at gpu 0000:41:00.0");
    }

    @Test
    void cudaVisibleDevicesPicksByUuidOrIndexAndStopsAtTheFirstUnknownEntry() {
        GpuInventory mixed = GpuInventory.parse(GpuInventory.FIELDS, NvidiaSmiOutputs.A100_AND_H100);
        assertThat(mixed.visibleTo(null).gpus()).hasSize(2);
        assertThat(mixed.visibleTo("GPU-a1b2c3d4-0000-1111-2222-333344445555").gpus())
                .extracting(Gpu::name).containsExactly("NVIDIA A100 80GB PCIe");
        assertThat(mixed.visibleTo("GPU-9f8e").gpus()).extracting(Gpu::name).containsExactly("NVIDIA H100 PCIe");
        assertThat(mixed.visibleTo("1,0").gpus()).extracting(Gpu::index).containsExactly(1, 0);
        // CUDA ignores everything after an entry it cannot match
        assertThat(mixed.visibleTo("0,7,1").gpus()).extracting(Gpu::index).containsExactly(0);
        assertThat(mixed.visibleTo("").gpus()).isEmpty();
        assertThat(mixed.visibleTo("-1").gpus()).isEmpty();
        assertThat(mixed.visibleTo("MIG-4f1c2b3a-0000-5555-aaaa-0123456789ab").gpus()).hasSize(2);
    }
}
