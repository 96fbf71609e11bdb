package dev.tsforge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which GPUs ND4J's CUDA kernels run on: CUDA's compatibility rules, and the list kept from the CUDA jar. */
class CudaKernelsTests {

    /** What cuobjdump found in libnd4jcuda.so of nd4j-cuda-11.6 1.0.0-M2.1 (issue #20). */
    private static final String MEASURED_SASS = "3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0, 8.6";

    private static final CudaKernels BUNDLED = CudaKernels.bundled();

    private static ComputeCapability cc(String dotted) {
        return ComputeCapability.parse(dotted);
    }

    @Test
    void theBundledListIsWhatCuobjdumpFoundInTheJar() {
        assertThat(BUNDLED.machineCodeList()).isEqualTo(MEASURED_SASS);
        assertThat(BUNDLED.ptx()).isEmpty();
        assertThat(BUNDLED.coverage()).isEqualTo("ND4J 1.0.0-M2.1 CUDA kernels cover 3.7–8.6 with no PTX");
        assertThat(BUNDLED.devicesRunOn()).isEqualTo("3.7–3.x, 5.x, 6.x, 7.x, 8.x");
    }

    @Test
    void theReadmeDocumentsTheBundledList() throws IOException {
        String readme = Files.readString(Path.of("README.md")).replaceAll("\\s+", " ");
        assertThat(readme).contains("holds machine code for compute capabilities **" + BUNDLED.machineCodeList() + "**")
                .contains(BUNDLED.coverage());
    }

    @Test
    void theListNamesTheNd4jVersionThePomBuildsWith() throws IOException {
        Matcher version = Pattern.compile("<dl4j\\.version>([^<]+)</dl4j\\.version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(version.find()).isTrue();
        assertThat(BUNDLED.library()).isEqualTo("ND4J " + version.group(1));
    }

    /**
     * bench/cuda-kernels.sh run on a stand-in jar and cuobjdump (neither the 905 MB jar nor the CUDA toolkit is here):
     * the list it derives from cuobjdump's listing format must be the list in the sources.
     */
    @Test
    void theScriptDerivesTheBundledListFromCuobjdumpsListing(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("nd4j-cuda.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("org/nd4j/nativeblas/linux-x86_64/libnd4jcuda.so"));
            zip.write(new byte[] {0x7f, 'E', 'L', 'F'});
            zip.closeEntry();
        }
        StringBuilder elf = new StringBuilder();
        int file = 1;
        for (int fatbin = 1; fatbin <= 3; fatbin++) {
            for (String arch : List.of("sm_37", "sm_50", "sm_52", "sm_60", "sm_61", "sm_70", "sm_75", "sm_80", "sm_86")) {
                elf.append("ELF file ").append(String.format("%4d", file++)).append(": libnd4jcuda.").append(fatbin)
                        .append('.').append(arch).append(".cubin\n");
            }
        }
        assertThat(runScript(dir, jar, elf.toString(), "")).isZero();
        // a PTX entry or another architecture is a disagreement
        assertThat(runScript(dir, jar, elf.toString(), "PTX file    1: libnd4jcuda.1.sm_86.ptx\n")).isEqualTo(1);
        assertThat(runScript(dir, jar, elf + "ELF file  999: libnd4jcuda.4.sm_90.cubin\n", "")).isEqualTo(1);
    }

    private static int runScript(Path dir, Path jar, String elfListing, String ptxListing) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path cuobjdump = bin.resolve("cuobjdump");
        Files.writeString(cuobjdump, "#!/bin/sh\ncase \"$1\" in\n  --list-elf) printf '" + elfListing + "' ;;\n"
                + "  --list-ptx) printf '" + ptxListing + "' ;;\nesac\n");
        assertThat(cuobjdump.toFile().setExecutable(true)).isTrue();
        ProcessBuilder builder = new ProcessBuilder("bash", "bench/cuda-kernels.sh", "--check").redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("CUDA_JAR", jar.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("nd4j-cuda.jar");
        return process.exitValue();
    }

    @Test
    void machineCodeRunsWithinItsMajorFromItsMinorUp() {
        assertThat(cc("8.0").machineCodeRunsOn(cc("8.0"))).isTrue();
        assertThat(cc("8.0").machineCodeRunsOn(cc("8.6"))).isTrue();
        assertThat(cc("8.0").machineCodeRunsOn(cc("8.9"))).isTrue();
        assertThat(cc("8.6").machineCodeRunsOn(cc("8.9"))).isTrue();
        assertThat(cc("8.6").machineCodeRunsOn(cc("8.0"))).isFalse();
        assertThat(cc("8.6").machineCodeRunsOn(cc("9.0"))).isFalse();
        assertThat(cc("7.5").machineCodeRunsOn(cc("8.0"))).isFalse();
    }

    @Test
    void ptxRunsOnEveryNewerDevice() {
        assertThat(cc("8.6").ptxRunsOn(cc("9.0"))).isTrue();
        assertThat(cc("8.6").ptxRunsOn(cc("10.0"))).isTrue();
        assertThat(cc("8.6").ptxRunsOn(cc("8.0"))).isFalse();
        CudaKernels withPtx = new CudaKernels("test", List.of(cc("8.0")), List.of(cc("8.6")));
        assertThat(withPtx.runOn(cc("9.0"))).isTrue();
        assertThat(withPtx.runOn(cc("7.5"))).isFalse();
        assertThat(withPtx.coverage()).isEqualTo("test CUDA kernels cover 8.0–8.0 with PTX for 8.6");
    }

    @Test
    void theBundledKernelsRunOnVoltaToAdaAndNotOnHopperOrNewer() {
        List.of("3.7", "5.0", "5.2", "5.3", "6.0", "6.1", "6.2", "7.0", "7.2", "7.5", "8.0", "8.6", "8.7", "8.9")
                .forEach(device -> assertThat(BUNDLED.runOn(cc(device))).as(device).isTrue());
        // K40 (3.5), H100/H200 (9.0), B200 (10.0), RTX 50 (12.0)
        List.of("3.0", "3.5", "9.0", "10.0", "12.0")
                .forEach(device -> assertThat(BUNDLED.runOn(cc(device))).as(device).isFalse());
    }

    @Test
    void architecturesReadAsCudaNamesThem() {
        assertThat(ComputeCapability.ofArchitecture("sm_86")).isEqualTo(cc("8.6"));
        assertThat(ComputeCapability.ofArchitecture("sm_100")).isEqualTo(cc("10.0"));
        assertThat(ComputeCapability.ofArchitecture("sm_90a")).isEqualTo(cc("9.0"));
        assertThat(ComputeCapability.ofArchitecture("compute_75")).isEqualTo(cc("7.5"));
        assertThatThrownBy(() -> ComputeCapability.ofArchitecture("gfx90a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ComputeCapability.parse("9")).isInstanceOf(IllegalArgumentException.class);
    }
}
