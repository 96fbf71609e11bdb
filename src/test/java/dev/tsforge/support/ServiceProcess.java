package dev.tsforge.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real application in a JVM of its own, on an H2 file database and a model directory of a test's, so that a
 * test can kill it with SIGKILL (a crash, not a shutdown) and start it again on the same data.
 */
public final class ServiceProcess extends HttpApi implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        super("http://127.0.0.1:" + port);
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the service on {@code dir}'s data and waits until it is ready: an H2 file database in {@code dir}, unless
     * {@code settings} name another {@code --spring.datasource.url}.
     */
    public static ServiceProcess start(Path dir, String... settings) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                // C1 alone: a test's service lives for seconds to a minute, so starting fast beats peak speed
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.tsforge.TsforgeApplication",
                "--server.port=" + port,
                "--tsforge.storage.model-dir=" + dir.resolve("models")));
        // a second --spring.datasource.url would not replace the first: Spring joins repeated arguments with a comma
        if (Stream.of(settings).noneMatch(s -> s.startsWith("--spring.datasource.url="))) {
            command.add("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        }
        command.addAll(List.of(settings));
        Path log = dir.resolve("service-" + Instant.now().toEpochMilli() + ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        ServiceProcess service = new ServiceProcess(process, port, log);
        try {
            Await.until("the service's readiness", Duration.ofSeconds(90), Duration.ofMillis(250), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + dir);
                }
                try {
                    return service.get("/actuator/health/readiness").statusCode();
                } catch (IOException notYet) {
                    return -1; // not listening yet
                }
            }, status -> status == 200, status -> "see " + dir);
            return service;
        } catch (AssertionError | Exception notReady) {
            process.destroyForcibly();
            throw notReady;
        }
    }

    /** The last {@code lines} lines of the service's output, for a failure message (the test's folder goes). */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    protected String diagnostics() {
        return "\nthe service's last lines:\n" + logTail(40);
    }

    /** SIGKILL: no shutdown hook, no graceful anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
