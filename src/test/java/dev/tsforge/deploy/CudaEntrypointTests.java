package dev.tsforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.runtime.SupportedGpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA image's entrypoint, run with a stand-in {@code java} on the PATH that answers as
 * {@link SupportedGpus} would and echoes how the service was started: what CUDA_VISIBLE_DEVICES the service gets.
 */
class CudaEntrypointTests {

    static final String IN_IMAGE = "/opt/tsforge/cuda-entrypoint.sh";

    @TempDir
    Path bin;

    @Test
    void theImageRunsTheScriptAndTheScriptTheHelperOfThisBuild() throws IOException {
        Dockerfile.Stage runtime = Dockerfile.parse(ProjectFiles.DOCKERFILE_CUDA).finalStage();
        assertThat(runtime.arguments("COPY")).contains("--chmod=0755 docker/cuda-entrypoint.sh " + IN_IMAGE);
        assertThat(ProjectFiles.CUDA_ENTRYPOINT).content().contains(" " + SupportedGpus.class.getName() + ")");
        assertThat(ProjectFiles.CUDA_ENTRYPOINT.toFile().canExecute()).isTrue();
    }

    @Test
    void mixedGenerationsLeaveTheServiceOnlyTheSupportedGpus() throws Exception {
        assertThat(start("echo GPU-a1b2c3d4", null))
                .contains("service CUDA_VISIBLE_DEVICES=GPU-a1b2c3d4 args=-jar /opt/tsforge/app/tsforge.jar"
                        + " --server.port=9090")
                .contains("helper JDK_JAVA_OPTIONS=unset");
    }

    @Test
    void nothingToHideLeavesTheVariableUnset() throws Exception {
        assertThat(start("true", null)).contains("service CUDA_VISIBLE_DEVICES=unset args=-jar");
    }

    @Test
    void aValueAlreadySetIsKeptAndTheHelperNotAsked() throws Exception {
        assertThat(start("echo GPU-a1b2c3d4", "1")).contains("service CUDA_VISIBLE_DEVICES=1 args=-jar")
                .doesNotContain("helper");
        assertThat(start("echo GPU-a1b2c3d4", "")).contains("service CUDA_VISIBLE_DEVICES= args=-jar");
    }

    @Test
    void aFailingHelperDoesNotStopTheStart() throws Exception {
        assertThat(start("echo half; exit 1", null)).contains("service CUDA_VISIBLE_DEVICES=unset args=-jar");
    }

    private String start(String helper, String cudaVisibleDevices) throws IOException, InterruptedException {
        Path java = bin.resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                case "$*" in
                  *SupportedGpus*) echo "helper JDK_JAVA_OPTIONS=${JDK_JAVA_OPTIONS-unset}" >&2; %s ;;
                  *) echo "service CUDA_VISIBLE_DEVICES=${CUDA_VISIBLE_DEVICES-unset} args=$*" ;;
                esac
                """.formatted(helper));
        assertThat(java.toFile().setExecutable(true)).isTrue();
        ProcessBuilder builder = new ProcessBuilder("sh", ProjectFiles.CUDA_ENTRYPOINT.toString(), "--server.port=9090")
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("JDK_JAVA_OPTIONS", "-XX:MaxRAMPercentage=40");
        builder.environment().remove("CUDA_VISIBLE_DEVICES");
        if (cudaVisibleDevices != null) {
            builder.environment().put("CUDA_VISIBLE_DEVICES", cudaVisibleDevices);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
