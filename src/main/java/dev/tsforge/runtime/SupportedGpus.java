package dev.tsforge.runtime;

/**
 * Prints the {@code CUDA_VISIBLE_DEVICES} that leaves CUDA only the GPUs ND4J's kernels run on, when a machine mixes
 * generations (an A100 beside an H100); prints nothing otherwise. The CUDA image's entrypoint runs it before the
 * service's JVM, because CUDA reads the variable once, when the process initialises it, and a JVM cannot change its
 * own environment.
 *
 * <p>Why restrict rather than refuse: the supported GPUs work, and ND4J spreads its threads over every device CUDA
 * shows it, so one unsupported device would fail some kernels at random. Why not when the variable is already set:
 * it is the operator's (or the device plugin's) choice; the service then checks it at start and refuses or falls
 * back with the reason. When no GPU is supported nothing is restricted either, so that {@code cuda} refuses and
 * {@code auto} falls back, naming the GPU.
 */
public final class SupportedGpus {

    private SupportedGpus() {
    }

    public static void main(String[] args) {
        if (System.getenv("CUDA_VISIBLE_DEVICES") != null) {
            return;
        }
        GpuProbe.Result probe = GpuProbe.system().probe();
        if (!probe.usable()) {
            return;
        }
        String devices = restriction(GpuVerdict.judge(probe, NvidiaSmi.system().query(), CudaKernels.bundled(), null));
        if (devices != null) {
            System.err.println("tsforge: CUDA_VISIBLE_DEVICES=" + devices + " (only the GPUs ND4J's kernels run on)");
            System.out.println(devices);
        }
    }

    /** The value to set, or null to leave the variable unset. */
    static String restriction(GpuVerdict verdict) {
        return verdict.kind() == GpuVerdict.Kind.MIXED ? verdict.supportedDevices() : null;
    }
}
