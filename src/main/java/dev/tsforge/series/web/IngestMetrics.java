package dev.tsforge.series.web;

import dev.tsforge.series.IngestResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Points and request bytes of the ingests that were stored, by format; a refused batch counts nothing. */
@Component
public class IngestMetrics {

    private final MeterRegistry registry;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param format {@code json} or {@code csv} */
    void stored(String format, long bytes, IngestResult result) {
        Counter.builder("tsforge.ingest.points").description("Points stored by ingests")
                .tag("format", format).tag("write", "insert").register(registry).increment(result.inserted());
        Counter.builder("tsforge.ingest.points").description("Points stored by ingests")
                .tag("format", format).tag("write", "update").register(registry).increment(result.updated());
        Counter.builder("tsforge.ingest.bytes").description("Request bytes of stored ingests").baseUnit("bytes")
                .tag("format", format).register(registry).increment(bytes);
    }
}
