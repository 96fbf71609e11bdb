package dev.tsforge.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whether ND4J's CUDA kernels can run on the GPUs this process would use, and what was seen. Decided from files and
 * nvidia-smi before ND4J loads: an unsupported GPU fails only at ND4J's first kernel
 * ({@code CUDA_ERROR_NO_BINARY_FOR_GPU}), too late for {@code auto} to fall back.
 *
 * @param kind    what was found
 * @param detail  one sentence for the log, the refusal and /actuator/info
 * @param seen    every GPU nvidia-smi listed
 * @param visible those {@code CUDA_VISIBLE_DEVICES} leaves to CUDA
 * @param kernels what they were judged against
 */
record GpuVerdict(Kind kind, String detail, GpuInventory seen, GpuInventory visible, CudaKernels kernels) {

    enum Kind {
        /** No driver or no device node: no GPU at all. */
        NO_GPU,
        /** The driver lists no GPU, or {@code CUDA_VISIBLE_DEVICES} hides them all. */
        NONE_VISIBLE,
        /** A driver and a device, but nvidia-smi could not say their compute capability: not checked. */
        CAPABILITY_UNKNOWN,
        /** Every visible GPU runs the kernels. */
        SUPPORTED,
        /** No visible GPU runs them. */
        UNSUPPORTED,
        /** Some visible GPUs run them and some do not. */
        MIXED
    }

    /** Whether the CUDA backend may be tried: supported, or not known to be unsupported. */
    boolean usable() {
        return kind == Kind.SUPPORTED || kind == Kind.CAPABILITY_UNKNOWN;
    }

    static GpuVerdict judge(GpuProbe.Result probe, GpuInventory seen, CudaKernels kernels, String cudaVisibleDevices) {
        if (!probe.usable()) {
            return new GpuVerdict(Kind.NO_GPU, probe.detail(), seen, seen, kernels);
        }
        if (seen.unknown()) {
            return new GpuVerdict(Kind.CAPABILITY_UNKNOWN, probe.detail() + "; compute capability not checked ("
                    + seen.problem() + ")", seen, seen, kernels);
        }
        GpuInventory visible = seen.visibleTo(cudaVisibleDevices);
        if (visible.gpus().isEmpty()) {
            String why = seen.gpus().isEmpty() ? "nvidia-smi lists no GPU"
                    : "CUDA_VISIBLE_DEVICES=" + cudaVisibleDevices + " leaves none of " + seen.describe();
            return new GpuVerdict(Kind.NONE_VISIBLE, why, seen, visible, kernels);
        }
        List<Gpu> unknown = visible.gpus().stream().filter(gpu -> gpu.computeCapability() == null).toList();
        if (!unknown.isEmpty()) {
            return new GpuVerdict(Kind.CAPABILITY_UNKNOWN, visible.describe() + ", " + driver(visible)
                    + "; compute capability not checked (nvidia-smi did not give it)", seen, visible, kernels);
        }
        Map<Boolean, List<Gpu>> runs = visible.gpus().stream()
                .collect(Collectors.partitioningBy(gpu -> kernels.runOn(gpu.computeCapability())));
        if (runs.get(false).isEmpty()) {
            return new GpuVerdict(Kind.SUPPORTED, visible.describe() + ", " + driver(visible), seen, visible, kernels);
        }
        if (runs.get(true).isEmpty()) {
            return new GpuVerdict(Kind.UNSUPPORTED, capabilities(runs.get(false)) + "; " + kernels.coverage(),
                    seen, visible, kernels);
        }
        return new GpuVerdict(Kind.MIXED, "GPUs of mixed generations: " + names(runs.get(true)) + " can run ND4J's"
                + " kernels, " + capabilities(runs.get(false)) + "; " + kernels.coverage()
                + ", and ND4J uses every GPU CUDA shows it", seen, visible, kernels);
    }

    /** {@code CUDA_VISIBLE_DEVICES} naming only the visible GPUs the kernels run on; null when none have a UUID. */
    String supportedDevices() {
        List<String> uuids = visible.gpus().stream()
                .filter(gpu -> gpu.computeCapability() != null && kernels.runOn(gpu.computeCapability()))
                .map(Gpu::uuid)
                .toList();
        return uuids.isEmpty() || uuids.contains(null) ? null : String.join(",", uuids);
    }

    /** Every GPU seen, for /actuator/info: what nvidia-smi said, whether ND4J's kernels run on it, whether CUDA sees it. */
    List<Map<String, Object>> facts() {
        return seen.gpus().stream().map(gpu -> {
            Map<String, Object> facts = new LinkedHashMap<>(gpu.facts());
            if (gpu.computeCapability() != null) {
                facts.put("nd4jKernelsRun", kernels.runOn(gpu.computeCapability()));
            }
            facts.put("visibleToCuda", visible.gpus().contains(gpu));
            return facts;
        }).toList();
    }

    /** "NVIDIA H200 has compute capability 9.0", or for several, each with its own. */
    private static String capabilities(List<Gpu> gpus) {
        return gpus.stream()
                .map(gpu -> gpu.name() + " has compute capability " + gpu.computeCapability())
                .distinct()
                .collect(Collectors.joining(", "));
    }

    private static String names(List<Gpu> gpus) {
        return gpus.stream().map(Gpu::describe).distinct().collect(Collectors.joining(", "));
    }

    private static String driver(GpuInventory inventory) {
        return inventory.gpus().stream().map(Gpu::driverVersion).filter(java.util.Objects::nonNull).findFirst()
                .map(version -> "driver " + version).orElse("driver version unknown");
    }
}
