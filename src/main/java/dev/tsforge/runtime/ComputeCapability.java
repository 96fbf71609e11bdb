package dev.tsforge.runtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An NVIDIA compute capability, as nvidia-smi writes it ({@code 8.6}) or as CUDA names an architecture
 * ({@code sm_86}, {@code sm_90a}).
 */
record ComputeCapability(int major, int minor) implements Comparable<ComputeCapability> {

    private static final Pattern DOTTED = Pattern.compile("(\\d+)\\.(\\d)");
    // The last digit is the minor: sm_86 is 8.6, sm_100 is 10.0; a letter suffix (sm_90a) marks arch-specific code
    private static final Pattern ARCHITECTURE = Pattern.compile("(?:sm|compute)_(\\d+)(\\d)[a-z]?");

    ComputeCapability {
        if (major < 1 || minor < 0 || minor > 9) {
            throw new IllegalArgumentException("not a compute capability: " + major + "." + minor);
        }
    }

    /** {@code 9.0}; throws {@link IllegalArgumentException} on anything else. */
    static ComputeCapability parse(String dotted) {
        Matcher matcher = DOTTED.matcher(dotted.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a compute capability: '" + dotted + "'");
        }
        return new ComputeCapability(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** {@code sm_86} or {@code compute_86}; throws {@link IllegalArgumentException} on anything else. */
    static ComputeCapability ofArchitecture(String architecture) {
        Matcher matcher = ARCHITECTURE.matcher(architecture.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a CUDA architecture: '" + architecture + "'");
        }
        return new ComputeCapability(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /**
     * Whether machine code (SASS) built for this capability runs on {@code device}: CUDA's binary compatibility
     * holds within one major version, from the minor it was built for upwards (8.0 code runs on 8.6 and 8.9, 8.6
     * code on 8.9 but not 8.0), and never across majors.
     */
    boolean machineCodeRunsOn(ComputeCapability device) {
        return device.major == major && device.minor >= minor;
    }

    /** Whether PTX built for this capability can be compiled by the driver for {@code device}: any newer device. */
    boolean ptxRunsOn(ComputeCapability device) {
        return device.compareTo(this) >= 0;
    }

    @Override
    public int compareTo(ComputeCapability other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
