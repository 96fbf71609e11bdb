package dev.tsforge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The settings bind under the names the README documents, with their defaults. */
class TsforgePropertiesTests {

    @Test
    void fusedLstmIsOnByDefault() {
        assertThat(bind(Map.of()).training().fusedLstm()).isTrue();
    }

    @Test
    void fusedLstmCanBeTurnedOff() {
        assertThat(bind(Map.of("tsforge.training.fused-lstm", "false")).training().fusedLstm()).isFalse();
    }

    @Test
    void aFusedLstmValueThatIsNoBooleanIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("tsforge.training.fused-lstm", "maybe")))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("tsforge.training.fused-lstm");
    }

    @Test
    void collectionRunChildrenAreBoundedAndDispatchedByDefault() {
        TsforgeProperties.Training defaults = bind(Map.of()).training();
        assertThat(defaults.childrenInFlight()).isEqualTo(2);
        assertThat(defaults.dispatchInterval()).isEqualTo(Duration.ofSeconds(5));
        TsforgeProperties.Training set = bind(Map.of("tsforge.training.children-in-flight", "8",
                "tsforge.training.dispatch-interval", "2s")).training();
        assertThat(set.childrenInFlight()).isEqualTo(8);
        assertThat(set.dispatchInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void forecastsTakeOneTurnPerCoreByDefault() {
        TsforgeProperties.Forecasting defaults = bind(Map.of()).forecasting();
        assertThat(defaults.concurrency()).isZero();
        assertThat(defaults.permits()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(defaults.queueTimeout()).isEqualTo(Duration.ofSeconds(10));
        TsforgeProperties.Forecasting set = bind(Map.of("tsforge.forecasting.concurrency", "3",
                "tsforge.forecasting.queue-timeout", "250ms")).forecasting();
        assertThat(set.permits()).isEqualTo(3);
        assertThat(set.queueTimeout()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theBackendIsReadAsABackendChoice() {
        assertThat(bind(Map.of("tsforge.runtime.backend", "cpu")).runtime().backend()).isEqualTo(BackendChoice.CPU);
        assertThat(bind(Map.of()).runtime().backend()).isEqualTo(BackendChoice.AUTO);
    }

    private static TsforgeProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("tsforge", TsforgeProperties.class);
    }
}
