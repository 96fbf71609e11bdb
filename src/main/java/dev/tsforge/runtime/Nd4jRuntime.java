package dev.tsforge.runtime;

import dev.tsforge.config.BackendChoice;
import dev.tsforge.config.TsforgeProperties;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.factory.Nd4jBackend;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * Loads the ND4J backend once at start-up, so a broken native set-up fails the start and not the first training,
 * checks that it is the backend {@code tsforge.runtime.backend} asked for, and sizes its math threads.
 */
@Component
public class Nd4jRuntime {

    private static final Logger log = LoggerFactory.getLogger(Nd4jRuntime.class);

    private final Map<String, Object> facts;
    private final boolean onCuda;

    Nd4jRuntime(TsforgeProperties properties, ConfigurableEnvironment environment) {
        BackendSelector.Selection selection = NativeRuntimeSetup.select(environment);
        Nd4jBackend backend = load(selection);
        int threads = properties.runtime().mathThreads();
        if (threads > 0) {
            // NativeOpsHolder reads properties that only the backend's loading sets: it must come after load()
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
        }
        this.facts = Collections.unmodifiableMap(collect(selection, backend));
        this.onCuda = selection.backend() == BackendChoice.CUDA;
        if (selection.requested() == BackendChoice.AUTO && selection.backend() == BackendChoice.CPU
                && selection.gpu().kind() != GpuVerdict.Kind.NO_GPU) {
            // a GPU the operator may expect to be used is not: say so above the facts
            log.warn("ND4J on the CPU although a GPU is present: {}", selection.reason());
        }
        log.info("ND4J ready: {}", facts);
    }

    private static Nd4jBackend load(BackendSelector.Selection selection) {
        Nd4jBackend backend;
        try {
            backend = Nd4j.getBackend();
            // the first operation is what loads the native libraries of some backends
            Nd4j.create(1).addi(1);
        } catch (Throwable e) {
            throw new BackendUnavailableException(
                    "The " + selection.backend() + " backend of ND4J failed to load (" + selection.reason() + "): "
                            + rootMessage(e),
                    selection.backend() == BackendChoice.CUDA
                            ? "Check that the CUDA 11.6 runtime and cuDNN 8 libraries are on the library path (the"
                                    + " CUDA image has them) and that the driver supports CUDA 11.6; or set"
                                    + " tsforge.runtime.backend=cpu."
                            : "Check that the JavaCPP cache directory (tsforge.runtime.cache-dir) is writable and"
                                    + " that the platform is linux-x86_64.",
                    e);
        }
        String expected = selection.backend() == BackendChoice.CUDA ? BackendSelector.CUDA_BACKEND
                : BackendSelector.CPU_BACKEND;
        if (!backend.getClass().getName().equals(expected)) {
            throw new BackendUnavailableException(
                    "tsforge.runtime.backend asked for " + selection.backend() + " (" + selection.reason()
                            + "), but ND4J had already loaded " + backend.getClass().getSimpleName() + ".",
                    "ND4J loads one backend per JVM: start a new JVM with the setting you want.");
        }
        return backend;
    }

    private static Map<String, Object> collect(BackendSelector.Selection selection, Nd4jBackend backend) {
        Map<String, Object> collected = new LinkedHashMap<>();
        collected.put("requested", selection.requested().name().toLowerCase(java.util.Locale.ROOT));
        collected.put("backend", backend.getClass().getSimpleName());
        collected.put("reason", selection.reason());
        collected.put("gpus", selection.gpu().facts());
        Properties environment = Nd4j.getExecutioner().getEnvironmentInformation();
        if (selection.backend() == BackendChoice.CUDA) {
            collected.put("devices", environment.get("cuda.devicesInformation"));
        }
        collected.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        collected.put("blasVendor", String.valueOf(Nd4j.factory().blas().getBlasVendor()));
        collected.put("mathThreads", NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
        collected.put("dataType", Nd4j.dataType().toString());
        NeuralNetConfiguration.Builder defaults = new NeuralNetConfiguration.Builder();
        collected.put("workspaceMode", Map.of("training", String.valueOf(defaults.getTrainingWorkspaceMode()),
                "inference", String.valueOf(defaults.getInferenceWorkspaceMode())));
        collected.put("javacpp", Map.of(
                "maxBytes", Pointer.maxBytes(),
                "maxPhysicalBytes", ProcessMemoryLimit.bytes(),
                "physicalLimitCheckedBy", ProcessMemoryLimit.checkedBy(),
                "cacheDir", cacheDir()));
        collected.put("nd4jVersion", NativeVersions.nd4j());
        return collected;
    }

    private static String cacheDir() {
        try {
            return Loader.getCacheDir().getPath();
        } catch (java.io.IOException e) {
            return "unavailable: " + e.getMessage();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Whether ND4J runs on the CUDA backend, so trainings take GPU memory. */
    public boolean onCuda() {
        return onCuda;
    }

    /** Backend, device, threads, memory limits and versions, for /actuator/info, health and the start-up log. */
    public Map<String, Object> facts() {
        return facts;
    }
}
