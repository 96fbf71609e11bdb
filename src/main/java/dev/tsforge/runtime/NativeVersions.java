package dev.tsforge.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** ND4J and DL4J jars carry no version in their manifest; their git.properties does. */
final class NativeVersions {

    private static final String ND4J = "/org/eclipse/org.nd4j-nd4j-api-git.properties";

    private NativeVersions() {
    }

    static String nd4j() {
        try (InputStream in = Nd4j.class.getResourceAsStream(ND4J)) {
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
