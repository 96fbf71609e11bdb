package dev.tsforge.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/** Names the library and backend that trained a model, for its provenance. */
final class Engine {

    /** DL4J jars carry no version in their manifest; their git.properties does. */
    private static final String GIT_PROPERTIES = "/org/eclipse/org.deeplearning4j-deeplearning4j-nn-git.properties";
    private static final String VERSION = readVersion();

    private Engine() {
    }

    static String describe() {
        return "deeplearning4j " + VERSION + " on " + Nd4j.getBackend().getClass().getSimpleName();
    }

    private static String readVersion() {
        try (InputStream in = MultiLayerNetwork.class.getResourceAsStream(GIT_PROPERTIES)) {
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
