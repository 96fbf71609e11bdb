package dev.tsforge.runtime;

import org.bytedeco.javacpp.Pointer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the ND4J backend: which one serves, and the process's memory against its limit
 * ({@link ProcessMemoryLimit}). Past the limit every training job fails, so the instance is reported DOWN just before
 * that rather than failing job after job.
 */
@Component("nd4j")
class NativeMemoryHealthIndicator implements HealthIndicator {

    /** Share of the limit above which the instance is reported DOWN. */
    static final double DOWN_ABOVE = 0.95;

    private final Nd4jRuntime runtime;

    NativeMemoryHealthIndicator(Nd4jRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Health health() {
        long physical = Pointer.physicalBytes();
        long maxPhysical = ProcessMemoryLimit.bytes();
        Health.Builder builder = maxPhysical > 0 && physical > DOWN_ABOVE * maxPhysical ? Health.down() : Health.up();
        return builder.withDetail("backend", runtime.facts().get("backend"))
                .withDetail("offHeapBytes", Pointer.totalBytes())
                .withDetail("maxBytes", Pointer.maxBytes())
                .withDetail("physicalBytes", physical)
                .withDetail("maxPhysicalBytes", maxPhysical)
                .build();
    }
}
