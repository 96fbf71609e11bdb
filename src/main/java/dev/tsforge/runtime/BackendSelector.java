package dev.tsforge.runtime;

import dev.tsforge.config.BackendChoice;
import java.util.Set;

/**
 * Decides, before ND4J loads, which backend it may load. ND4J itself picks the available backend of highest
 * priority, and those priorities come only from environment variables read once; hiding the other backend's
 * service entry (see {@link BackendFilteringClassLoader}) makes {@code tsforge.runtime.backend} the one switch.
 */
final class BackendSelector {

    static final String CPU_BACKEND = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    /** What this build and this machine offer. */
    record Offer(boolean cpuInBuild, boolean cudaInBuild, GpuVerdict gpu) {
    }

    /** The backend to load, the service entries ND4J must not see, and why; with the GPUs seen on the way. */
    record Selection(BackendChoice requested, BackendChoice backend, Set<String> hidden, String reason, GpuVerdict gpu) {
    }

    private BackendSelector() {
    }

    static Selection select(BackendChoice requested, Offer offer) {
        return switch (requested) {
            case CPU -> cpu(requested, offer, "asked for");
            case CUDA -> cuda(requested, offer);
            case AUTO -> offer.cudaInBuild() && offer.gpu().usable()
                    ? new Selection(requested, BackendChoice.CUDA, Set.of(CPU_BACKEND),
                            "auto: CUDA backend in this build and " + offer.gpu().detail(), offer.gpu())
                    : cpu(requested, offer, offer.cudaInBuild()
                            ? "auto: CUDA backend in this build but " + offer.gpu().detail()
                            : "auto: this build has no CUDA backend");
        };
    }

    private static Selection cpu(BackendChoice requested, Offer offer, String reason) {
        if (!offer.cpuInBuild()) {
            throw new BackendUnavailableException(
                    "tsforge.runtime.backend=" + name(requested) + " needs the CPU backend (nd4j-native), which this"
                            + " build does not contain.",
                    "Use a build with nd4j-native (the default build and the CUDA build both have it).");
        }
        return new Selection(requested, BackendChoice.CPU, Set.of(CUDA_BACKEND), reason, offer.gpu());
    }

    private static Selection cuda(BackendChoice requested, Offer offer) {
        if (!offer.cudaInBuild()) {
            throw new BackendUnavailableException(
                    "tsforge.runtime.backend=cuda, but this build has no CUDA backend (org.nd4j:nd4j-cuda-11.6 is not"
                            + " on the classpath).",
                    "Build with the CUDA profile (./mvnw -Pcuda package) or run the CUDA image"
                            + " (docker/Dockerfile.cuda); or set tsforge.runtime.backend=cpu or auto.");
        }
        GpuVerdict gpu = offer.gpu();
        switch (gpu.kind()) {
            case NO_GPU, NONE_VISIBLE -> throw new BackendUnavailableException(
                    "tsforge.runtime.backend=cuda, but no NVIDIA GPU is usable here: " + gpu.detail() + ".",
                    "Install the NVIDIA driver (CUDA 11.6 needs driver >= 510) or, in a container, run it with the"
                            + " NVIDIA runtime and a GPU (docker run --gpus all; in Kubernetes, a nvidia.com/gpu limit"
                            + " and runtimeClassName nvidia); or set tsforge.runtime.backend=cpu or auto.");
            case UNSUPPORTED -> throw new BackendUnavailableException(
                    "tsforge.runtime.backend=cuda, but ND4J's CUDA kernels cannot run on this GPU: " + gpu.detail()
                            + ". ND4J would fail at its first kernel (CUDA_ERROR_NO_BINARY_FOR_GPU).",
                    "Run on a GPU of compute capability " + gpu.kernels().devicesRunOn() + " (V100, T4, A100,"
                            + " A10/A10G, L4, RTX 30/40; the Helm chart's gpu.computeAffinity keeps the pod off newer"
                            + " nodes), or use the CPU image (docker/Dockerfile), or set tsforge.runtime.backend=cpu"
                            + " or auto.");
            case MIXED -> throw new BackendUnavailableException(
                    "tsforge.runtime.backend=cuda, but ND4J's CUDA kernels cannot run on every GPU CUDA shows this"
                            + " process: " + gpu.detail() + ".",
                    "Let CUDA see only the GPUs it can use, before the JVM starts: CUDA_VISIBLE_DEVICES="
                            + (gpu.supportedDevices() == null ? "<their indexes>" : gpu.supportedDevices())
                            + " (the CUDA image's entrypoint sets it so when it is unset); or give the process one"
                            + " GPU of compute capability " + gpu.kernels().devicesRunOn() + ".");
            default -> {
                return new Selection(requested, BackendChoice.CUDA, Set.of(CPU_BACKEND), "asked for; " + gpu.detail(),
                        gpu);
            }
        }
    }

    private static String name(BackendChoice choice) {
        return choice.name().toLowerCase(java.util.Locale.ROOT);
    }
}
