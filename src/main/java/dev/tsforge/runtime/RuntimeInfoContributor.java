package dev.tsforge.runtime;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/** Shows which ND4J backend serves this instance under {@code nd4j} in {@code /actuator/info}. */
@Component
class RuntimeInfoContributor implements InfoContributor {

    private final Nd4jRuntime runtime;

    RuntimeInfoContributor(Nd4jRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("nd4j", runtime.facts());
    }
}
