package dev.tsforge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Tracing is off unless configured: requests get trace ids (in the logs' MDC) but no span leaves the process without
 * an OTLP endpoint ({@link TracingTests} sets one).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TracingDefaultsTests {

    @Autowired
    ApplicationContext context;

    @Test
    void noSpanExporterWithoutAnEndpoint() {
        assertThat(context.getBeansOfType(Tracer.class)).hasSize(1);
        assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
    }
}
