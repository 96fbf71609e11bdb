package dev.tsforge.forecasting;

import dev.tsforge.registry.ModelVersion;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Forecast latency by output strategy and architecture, as a timer with a percentile histogram (so that quantiles
 * can be aggregated across replicas). A forecast counts from its lookups to its intervals; one that is refused (a
 * problem) does not count.
 */
@Component
class ForecastMetrics {

    private final MeterRegistry registry;

    ForecastMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param mode {@code single} for one forecast, {@code batch} for one model's share of a batch, {@code collection}
     *             for one model's share of a chunk of a collection forecast
     */
    void forecast(ModelVersion model, String mode, long nanos) {
        Timer.builder("tsforge.forecast.latency")
                .description("Time to answer a forecast, from the model's lookup to its intervals")
                .tag("strategy", model.spec().strategy().name().toLowerCase(Locale.ROOT))
                .tag("architecture", model.spec().architectureName())
                .tag("mode", mode)
                .publishPercentileHistogram()
                .register(registry).record(Duration.ofNanos(nanos));
    }
}
