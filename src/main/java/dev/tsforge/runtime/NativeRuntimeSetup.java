package dev.tsforge.runtime;

import dev.tsforge.config.BackendChoice;
import java.util.Locale;
import java.util.Map;
import org.nd4j.common.config.ND4JClassLoading;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Prepares ND4J and JavaCPP before any bean can touch them: both read their settings once, in static
 * initialisers, so setting them later has no effect. Runs for every application context; in a JVM where ND4J is
 * already loaded (tests), {@link Nd4jRuntime} still checks that the loaded backend is the one asked for.
 */
class NativeRuntimeSetup implements EnvironmentPostProcessor {

    static final String BACKEND_PROPERTY = "tsforge.runtime.backend";

    /**
     * tsforge setting → system property; a -D on the command line wins over the setting. The physical memory limit
     * goes to {@link ProcessMemoryLimit}, not to JavaCPP, whose check on every allocation slows training.
     */
    private static final Map<String, String> SYSTEM_PROPERTIES = Map.of(
            "tsforge.runtime.cache-dir", "org.bytedeco.javacpp.cachedir",
            "tsforge.runtime.max-bytes", "org.bytedeco.javacpp.maxbytes",
            "tsforge.runtime.max-physical-bytes", ProcessMemoryLimit.PROPERTY);

    private static final String JAVACPP_PHYSICAL_LIMIT = "org.bytedeco.javacpp.maxphysicalbytes";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        SYSTEM_PROPERTIES.forEach((setting, systemProperty) -> {
            String value = environment.getProperty(setting);
            if (value != null && !value.isBlank() && System.getProperty(systemProperty) == null) {
                System.setProperty(systemProperty, value.trim());
            }
        });
        if (System.getProperty(JAVACPP_PHYSICAL_LIMIT) == null) {
            System.setProperty(JAVACPP_PHYSICAL_LIMIT, "0");
        }
        BackendSelector.Selection selection = select(environment);
        ClassLoader current = ND4JClassLoading.getNd4jClassloader();
        ClassLoader parent = current instanceof BackendFilteringClassLoader filtering ? filtering.getParent() : current;
        ND4JClassLoading.setNd4jClassloader(new BackendFilteringClassLoader(parent, selection.hidden()));
    }

    static BackendSelector.Selection select(ConfigurableEnvironment environment) {
        return BackendSelector.select(requested(environment), offer());
    }

    static BackendSelector.Offer offer() {
        return new BackendSelector.Offer(
                ND4JClassLoading.classPresentOnClasspath(BackendSelector.CPU_BACKEND),
                ND4JClassLoading.classPresentOnClasspath(BackendSelector.CUDA_BACKEND),
                SystemGpus.VERDICT);
    }

    /**
     * This machine's GPUs, looked at once per JVM: the setup and {@link Nd4jRuntime} both select, and nvidia-smi takes
     * up to a second on a large machine. Without a driver it is not asked (it could only fail).
     */
    private static final class SystemGpus {

        static final GpuVerdict VERDICT = judge();

        private static GpuVerdict judge() {
            GpuProbe.Result probe = GpuProbe.system().probe();
            GpuInventory seen = probe.usable() ? NvidiaSmi.system().query()
                    : GpuInventory.unavailable("not asked: " + probe.detail());
            return GpuVerdict.judge(probe, seen, CudaKernels.bundled(), System.getenv("CUDA_VISIBLE_DEVICES"));
        }
    }

    private static BackendChoice requested(ConfigurableEnvironment environment) {
        String value = environment.getProperty(BACKEND_PROPERTY, "auto").trim();
        try {
            return BackendChoice.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BackendUnavailableException(
                    BACKEND_PROPERTY + "=" + value + " is not a backend.",
                    "Set " + BACKEND_PROPERTY + " (or TSFORGE_RUNTIME_BACKEND) to auto, cpu or cuda.");
        }
    }
}
