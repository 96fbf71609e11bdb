package dev.tsforge.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Looks for an NVIDIA driver and device without loading any CUDA library, so that a missing GPU is reported in one
 * sentence instead of a native stack trace. The NVIDIA container runtime mounts the same files into containers.
 */
final class GpuProbe {

    /** Whether a GPU looks usable, and what was seen. */
    record Result(boolean usable, String detail) {
    }

    private final Path driverVersion;
    private final Path controlDevice;

    GpuProbe(Path root) {
        this.driverVersion = root.resolve("proc/driver/nvidia/version");
        this.controlDevice = root.resolve("dev/nvidiactl");
    }

    static GpuProbe system() {
        return new GpuProbe(Path.of("/"));
    }

    Result probe() {
        if (!Files.isReadable(driverVersion)) {
            return new Result(false, "no NVIDIA driver loaded (" + driverVersion + " is missing)");
        }
        if (!Files.exists(controlDevice)) {
            return new Result(false, "the NVIDIA driver is loaded but no device node is visible (" + controlDevice
                    + " is missing)");
        }
        return new Result(true, "NVIDIA driver " + firstLine());
    }

    private String firstLine() {
        try {
            return Files.readAllLines(driverVersion).stream().findFirst().orElse("").trim();
        } catch (IOException e) {
            return "(version unreadable)";
        }
    }
}
