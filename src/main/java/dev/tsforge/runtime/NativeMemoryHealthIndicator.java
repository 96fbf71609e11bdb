package dev.tsforge.runtime;

import org.bytedeco.javacpp.Pointer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the ND4J backend: which one serves, and its off-heap memory against JavaCPP's limit. Past the limit
 * JavaCPP refuses every allocation (an {@code OutOfMemoryError} per training or forecast), so the instance is
 * reported DOWN well before that rather than failing request after request.
 */
@Component("nd4j")
class NativeMemoryHealthIndicator implements HealthIndicator {

    /** Share of {@code maxPhysicalBytes} above which the instance is reported DOWN. */
    static final double DOWN_ABOVE = 0.95;

    private final Nd4jRuntime runtime;

    NativeMemoryHealthIndicator(Nd4jRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Health health() {
        long physical = Pointer.physicalBytes();
        long maxPhysical = Pointer.maxPhysicalBytes();
        Health.Builder builder = maxPhysical > 0 && physical > DOWN_ABOVE * maxPhysical ? Health.down() : Health.up();
        return builder.withDetail("backend", runtime.facts().get("backend"))
                .withDetail("offHeapBytes", Pointer.totalBytes())
                .withDetail("maxBytes", Pointer.maxBytes())
                .withDetail("physicalBytes", physical)
                .withDetail("maxPhysicalBytes", maxPhysical)
                .build();
    }
}
