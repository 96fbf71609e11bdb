package dev.tsforge.runtime;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads the ND4J backend once and exits, without starting the service. Container images run it at build time so
 * that JavaCPP unpacks its native libraries into {@code org.bytedeco.javacpp.cachedir} then, not on every start of
 * a container whose file system is read-only or thrown away.
 */
public final class NativeCacheWarmup {

    private NativeCacheWarmup() {
    }

    public static void main(String[] args) {
        double sum = Nd4j.ones(4).sumNumber().doubleValue();
        System.out.printf("ND4J backend %s loaded, natives cached under %s (check sum %.1f)%n",
                Nd4j.getBackend().getClass().getSimpleName(),
                System.getProperty("org.bytedeco.javacpp.cachedir", System.getProperty("user.home") + "/.javacpp/cache"),
                sum);
    }
}
