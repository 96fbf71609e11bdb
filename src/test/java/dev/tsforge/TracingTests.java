package dev.tsforge;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tsforge.support.HttpApi;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With an OTLP endpoint configured, requests are exported as OpenTelemetry spans to it: here a collector stand-in
 * on loopback that keeps what it is sent. (Without one nothing is exported: {@link TracingDefaultsTests}.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.tracing.sampling.probability=1.0",
        "management.opentelemetry.tracing.export.schedule-delay=100ms"})
@ActiveProfiles("test")
// its collector stops after the class: a cached context would go on exporting to a closed port
@DirtiesContext
class TracingTests {

    /** One request the collector received. */
    record Received(String method, String path, String contentType, byte[] body) {
    }

    private static final BlockingQueue<Received> RECEIVED = new LinkedBlockingQueue<>();
    private static HttpServer collector;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void collector(DynamicPropertyRegistry registry) throws IOException {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                RECEIVED.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body.readAllBytes()));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint",
                () -> "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces");
    }

    @AfterAll
    static void stopCollector() {
        collector.stop(0);
    }

    @Test
    void requestsAreExportedAsSpansToTheConfiguredEndpoint() throws Exception {
        assertThat(context.getBeansOfType(SpanExporter.class)).isNotEmpty();
        assertThat(HttpApi.localhost(port).get("/api/v1/series").statusCode()).isEqualTo(200);
        Received received = null;
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); System.nanoTime() < deadline; ) {
            Received next = RECEIVED.poll(1, TimeUnit.SECONDS);
            if (next != null && new String(next.body(), StandardCharsets.ISO_8859_1).contains("/api/v1/series")) {
                received = next;
                break;
            }
        }
        assertThat(received).as("a span of GET /api/v1/series within 30 s").isNotNull();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/v1/traces");
        assertThat(received.contentType()).isEqualTo("application/x-protobuf");
    }
}
