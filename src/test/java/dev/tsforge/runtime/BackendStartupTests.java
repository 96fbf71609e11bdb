package dev.tsforge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real application in its own JVM, as an operator would, with a backend it cannot have: it must stop
 * at once with Spring Boot's failure report and one sentence of why, before loading any native library.
 */
@Tag("process")
class BackendStartupTests {

    @TempDir
    Path workDir;

    @Test
    void cudaOnACpuBuildRefusesToStartAndSaysWhy() throws Exception {
        Started started = start("--tsforge.runtime.backend=cuda");
        assertThat(started.exitCode()).isNotZero();
        assertThat(started.output())
                .contains("APPLICATION FAILED TO START")
                .contains("tsforge.runtime.backend=cuda, but this build has no CUDA backend")
                .contains("./mvnw -Pcuda package")
                .doesNotContain("Loaded [CpuBackend]");
        assertThat(started.seconds()).isLessThan(30);
    }

    @Test
    void anUnknownBackendIsRefusedByName() throws Exception {
        Started started = start("--tsforge.runtime.backend=gpu");
        assertThat(started.exitCode()).isNotZero();
        assertThat(started.output())
                .contains("APPLICATION FAILED TO START")
                .contains("tsforge.runtime.backend=gpu is not a backend")
                .contains("auto, cpu or cuda");
    }

    @Test
    void theEnvironmentVariableIsTheSameSwitch() throws Exception {
        Started started = start(List.of(), "TSFORGE_RUNTIME_BACKEND", "cuda");
        assertThat(started.exitCode()).isNotZero();
        assertThat(started.output()).contains("tsforge.runtime.backend=cuda, but this build has no CUDA backend");
    }

    @Test
    void securityWithoutAnAdminKeyRefusesToStart() throws Exception {
        Started started = start("--tsforge.security.enabled=true");
        assertThat(started.exitCode()).isNotZero();
        assertThat(started.output())
                .contains("APPLICATION FAILED TO START")
                .contains("tsforge.security.enabled=true, but no admin key is set.")
                .contains("TSFORGE_SECURITY_ADMIN_KEY");
    }

    private Started start(String argument) throws IOException, InterruptedException {
        return start(List.of(argument), null, null);
    }

    private Started start(List<String> arguments, String variable, String value)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // C1 alone: these processes only start and stop, so starting fast is all that counts
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.tsforge.TsforgeApplication",
                "--server.port=0", "--spring.datasource.url=jdbc:h2:mem:startup"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        if (variable != null) {
            builder.environment().put(variable, value);
        }
        long began = System.nanoTime();
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("the application stopped by itself").isTrue();
        return new Started(process.exitValue(), new String(output, StandardCharsets.UTF_8),
                (System.nanoTime() - began) / 1e9);
    }

    private record Started(int exitCode, String output, double seconds) {
    }
}
