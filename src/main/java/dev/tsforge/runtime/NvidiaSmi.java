package dev.tsforge.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Asks nvidia-smi for the GPUs, their compute capability and memory, without loading any CUDA library: it must run
 * before ND4J loads, which decides the backend once per JVM. The NVIDIA container runtime mounts nvidia-smi into
 * GPU containers. Missing, failing or hanging, it gives an {@link GpuInventory#unknown() unknown} inventory, never
 * an exception.
 */
final class NvidiaSmi {

    /** Long enough for a driver that is slow on its first call (persistence mode off), short enough for a start. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<String> command;
    private final List<String> fields;
    private final Duration timeout;

    NvidiaSmi(List<String> command, List<String> fields, Duration timeout) {
        this.command = List.copyOf(command);
        this.fields = List.copyOf(fields);
        this.timeout = timeout;
    }

    static NvidiaSmi system() {
        return new NvidiaSmi(command("nvidia-smi", GpuInventory.FIELDS), GpuInventory.FIELDS, TIMEOUT);
    }

    /** {@code nvidia-smi --query-gpu=<fields> --format=csv,noheader,nounits}. */
    static List<String> command(String executable, List<String> fields) {
        return List.of(executable, "--query-gpu=" + String.join(",", fields), "--format=csv,noheader,nounits");
    }

    GpuInventory query() {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return GpuInventory.unavailable(command.get(0) + " not found (" + e.getMessage() + ")");
        }
        // read while it runs: a full pipe would block it until the timeout
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return GpuInventory.unavailable(command.get(0) + " gave no answer within " + timeout.toSeconds() + " s");
            }
            String text = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (process.exitValue() != 0) {
                return GpuInventory.unavailable(command.get(0) + " failed with exit code " + process.exitValue() + ": "
                        + firstLine(text));
            }
            return GpuInventory.parse(fields, text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return GpuInventory.unavailable(command.get(0) + " interrupted");
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            return GpuInventory.unavailable(command.get(0) + "'s output unreadable: " + e.getMessage());
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String firstLine(String text) {
        List<String> lines = new ArrayList<>(text.strip().lines().toList());
        return lines.isEmpty() ? "(no output)" : lines.get(0);
    }
}
