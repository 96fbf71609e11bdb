package dev.tsforge.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/** ND4J and DL4J jars carry no version in their manifest; their git.properties does. */
public final class NativeVersions {

    private static final String ND4J = "/org/eclipse/org.nd4j-nd4j-api-git.properties";
    private static final String DL4J = "/org/eclipse/org.deeplearning4j-deeplearning4j-nn-git.properties";

    private NativeVersions() {
    }

    public static String nd4j() {
        return read(Nd4j.class, ND4J);
    }

    public static String dl4j() {
        return read(MultiLayerNetwork.class, DL4J);
    }

    private static String read(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("git.build.version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
