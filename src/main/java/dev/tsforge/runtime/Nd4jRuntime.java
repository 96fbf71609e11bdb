package dev.tsforge.runtime;

import dev.tsforge.config.TsforgeProperties;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Loads the ND4J backend once at start-up (so a broken native set-up fails the start, not the first training)
 * and sizes its math threads.
 */
@Component
public class Nd4jRuntime {

    private static final Logger log = LoggerFactory.getLogger(Nd4jRuntime.class);

    private final Map<String, Object> facts;

    Nd4jRuntime(TsforgeProperties properties) {
        // NativeOpsHolder reads properties that only the backend's loading sets: load ND4J first
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        int threads = properties.runtime().mathThreads();
        if (threads > 0) {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
        }
        Map<String, Object> collected = new LinkedHashMap<>();
        collected.put("backend", backend);
        collected.put("blasVendor", String.valueOf(Nd4j.factory().blas().getBlasVendor()));
        collected.put("mathThreads", NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
        collected.put("dataType", Nd4j.dataType().toString());
        collected.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        this.facts = Collections.unmodifiableMap(collected);
        log.info("ND4J ready: {}", facts);
    }

    /** Backend, BLAS, threads and cores, for /actuator/info and logs. */
    public Map<String, Object> facts() {
        return facts;
    }
}
