package dev.tsforge.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The GPU architectures ND4J's CUDA library carries kernels for, and so the GPUs it can run on. Read from
 * {@value #RESOURCE}, which {@code bench/cuda-kernels.sh} derives from the CUDA jar with {@code cuobjdump}: the jar
 * (905 MB) is only in the {@code cuda} profile, so the default build cannot look inside it and keeps what was found
 * there instead.
 *
 * @param library the artifact the list was derived from
 * @param sass    architectures with machine code
 * @param ptx     architectures with PTX, which a newer driver can compile for a newer GPU
 */
record CudaKernels(String library, List<ComputeCapability> sass, List<ComputeCapability> ptx) {

    static final String RESOURCE = "cuda-kernels.properties";

    CudaKernels {
        sass = sass.stream().sorted().toList();
        ptx = ptx.stream().sorted().toList();
    }

    /** The kernels of the CUDA library this build's profile bundles. */
    static CudaKernels bundled() {
        try (InputStream in = CudaKernels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing beside " + CudaKernels.class.getName());
            }
            Properties properties = new Properties();
            properties.load(in);
            return new CudaKernels(properties.getProperty("library", "ND4J CUDA"),
                    architectures(properties.getProperty("sass", "")),
                    architectures(properties.getProperty("ptx", "")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ComputeCapability> architectures(String list) {
        return Arrays.stream(list.trim().split("[\\s,]+"))
                .filter(word -> !word.isEmpty())
                .map(ComputeCapability::ofArchitecture)
                .toList();
    }

    /** Whether some kernel of the library can run on a device of this capability. */
    boolean runOn(ComputeCapability device) {
        return sass.stream().anyMatch(code -> code.machineCodeRunsOn(device))
                || ptx.stream().anyMatch(code -> code.ptxRunsOn(device));
    }

    /** "ND4J 1.0.0-M2.1 CUDA kernels cover 3.7–8.6 with no PTX": the sentence every refusal and fallback quotes. */
    String coverage() {
        String range = sass.isEmpty() ? "no machine code"
                : sass.get(0) + "–" + sass.get(sass.size() - 1);
        String intermediate = ptx.isEmpty() ? "no PTX"
                : "PTX for " + ptx.stream().map(ComputeCapability::toString).collect(Collectors.joining(", "));
        return library + " CUDA kernels cover " + range + " with " + intermediate;
    }

    /**
     * The devices the machine code runs on, by major version: "3.7–3.x, 5.x, 6.x, 7.x, 8.x" (PTX, if any, adds "and
     * newer than …").
     */
    String devicesRunOn() {
        Map<Integer, Integer> lowestMinor = new TreeMap<>();
        sass.forEach(code -> lowestMinor.merge(code.major(), code.minor(), Math::min));
        String machineCode = lowestMinor.entrySet().stream()
                .map(major -> major.getValue() == 0 ? major.getKey() + ".x"
                        : major.getKey() + "." + major.getValue() + "–" + major.getKey() + ".x")
                .collect(Collectors.joining(", "));
        return ptx.isEmpty() ? machineCode : machineCode + " and any from " + ptx.get(0) + " on";
    }

    /** The machine-code architectures as the README lists them: "3.7, 5.0, …, 8.6". */
    String machineCodeList() {
        return sass.stream().map(ComputeCapability::toString).collect(Collectors.joining(", "));
    }
}
