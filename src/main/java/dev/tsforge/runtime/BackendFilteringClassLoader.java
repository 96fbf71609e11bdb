package dev.tsforge.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * Hides the service entries of the backends ND4J must not load and delegates everything else, so classes still
 * come from (and are identical to those of) the parent loader. ND4J finds its backends through
 * {@code ServiceLoader} on the loader set with {@code ND4JClassLoading.setNd4jClassloader}.
 */
final class BackendFilteringClassLoader extends ClassLoader {

    static final String BACKEND_SERVICE = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";

    private final Set<String> hiddenProviders;

    BackendFilteringClassLoader(ClassLoader parent, Set<String> hiddenProviders) {
        super(parent);
        this.hiddenProviders = Set.copyOf(hiddenProviders);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = super.getResources(name);
        if (!BACKEND_SERVICE.equals(name)) {
            return all;
        }
        List<URL> kept = new ArrayList<>();
        for (URL url : Collections.list(all)) {
            if (!namesHiddenProvider(url)) {
                kept.add(url);
            }
        }
        return Collections.enumeration(kept);
    }

    @Override
    public URL getResource(String name) {
        if (!BACKEND_SERVICE.equals(name)) {
            return super.getResource(name);
        }
        try {
            Enumeration<URL> kept = getResources(name);
            return kept.hasMoreElements() ? kept.nextElement() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private boolean namesHiddenProvider(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return content.lines()
                    .map(line -> line.replaceFirst("#.*", "").trim())
                    .anyMatch(hiddenProviders::contains);
        }
    }
}
