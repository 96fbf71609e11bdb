package dev.tsforge.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The Kubernetes objects of one {@code helm template} run, parsed from its multi-document YAML. */
record Manifests(List<Map<String, Object>> objects) {

    @SuppressWarnings("unchecked")
    static Manifests parse(String rendered) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : ProjectFiles.yaml().loadAll(rendered)) {
            if (document != null) {
                objects.add((Map<String, Object>) document);
            }
        }
        return new Manifests(List.copyOf(objects));
    }

    List<String> kinds() {
        return objects.stream().map(object -> (String) object.get("kind")).toList();
    }

    List<Map<String, Object>> all(String kind) {
        return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
    }

    /** The only object of this kind; fails when there is none or more than one. */
    Map<String, Object> one(String kind) {
        List<Map<String, Object>> found = all(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " but found " + found.size() + " among " + kinds());
        }
        return found.get(0);
    }

    /** The deployment's only container. */
    Map<String, Object> container() {
        List<Map<String, Object>> containers = list(one("Deployment"), "spec.template.spec.containers");
        if (containers.size() != 1) {
            throw new AssertionError("expected one container, found " + containers.size());
        }
        return containers.get(0);
    }

    Map<String, Object> podSpec() {
        return map(one("Deployment"), "spec.template.spec");
    }

    /** Reads a dotted path of map keys; a missing step gives null. */
    @SuppressWarnings("unchecked")
    static <T> T at(Map<String, Object> object, String path) {
        Object current = object;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return (T) current;
    }

    static Map<String, Object> map(Map<String, Object> object, String path) {
        return Objects.requireNonNull(at(object, path), path);
    }

    static List<Map<String, Object>> list(Map<String, Object> object, String path) {
        return Objects.requireNonNull(at(object, path), path);
    }

    /** Finds the element of a list of maps whose {@code name} is the given one. */
    static Map<String, Object> named(List<Map<String, Object>> elements, String name) {
        return elements.stream().filter(element -> name.equals(element.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no element named " + name + " in " + elements));
    }
}
