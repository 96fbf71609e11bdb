package dev.tsforge.runtime;

import java.util.Comparator;
import java.util.Optional;

/**
 * GPU memory as nvidia-smi reports it, for the GPUs CUDA shows this process ({@code CUDA_VISIBLE_DEVICES}). With
 * several, the one with the least free memory: ND4J may place a training on any of them.
 */
final class NvidiaSmiGpuMemory implements GpuMemory {

    private static final long MIB = 1L << 20;

    private final NvidiaSmi nvidiaSmi;
    private final String cudaVisibleDevices;

    NvidiaSmiGpuMemory(NvidiaSmi nvidiaSmi, String cudaVisibleDevices) {
        this.nvidiaSmi = nvidiaSmi;
        this.cudaVisibleDevices = cudaVisibleDevices;
    }

    @Override
    public boolean active() {
        return true;
    }

    @Override
    public Optional<Reading> read() {
        GpuInventory inventory = nvidiaSmi.query().visibleTo(cudaVisibleDevices);
        return inventory.gpus().stream()
                .filter(gpu -> gpu.memoryFreeMiB() != null && gpu.memoryTotalMiB() != null)
                .min(Comparator.comparingLong(Gpu::memoryFreeMiB))
                .map(gpu -> new Reading(gpu.memoryFreeMiB() * MIB, gpu.memoryTotalMiB() * MIB,
                        gpu.name() + (gpu.index() == null ? "" : " #" + gpu.index())));
    }
}
