package dev.tsforge.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository's deployment files, found from the working directory Maven runs the tests in. */
final class ProjectFiles {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path DOCKERFILE = ROOT.resolve("docker/Dockerfile");
    static final Path DOCKERFILE_CUDA = ROOT.resolve("docker/Dockerfile.cuda");
    static final Path CUDA_ENTRYPOINT = ROOT.resolve("docker/cuda-entrypoint.sh");
    static final Path COMPOSE = ROOT.resolve("docker/compose.yaml");
    static final Path DOCKERIGNORE = ROOT.resolve(".dockerignore");
    static final Path CHART = ROOT.resolve("helm/tsforge");
    static final Path APPLICATION_YML = ROOT.resolve("src/main/resources/application.yml");

    private ProjectFiles() {
    }

    /** The service's application.yml, flattened to properties as Spring Boot reads it. */
    static Properties applicationProperties() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource(APPLICATION_YML));
        return yaml.getObject();
    }

    /** The port the service listens on: {@code server.port}, or Spring Boot's 8080 when the file leaves it out. */
    static int serverPort() {
        return Integer.parseInt(applicationProperties().getProperty("server.port", "8080"));
    }

    static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    static Map<String, Object> readYaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return yaml().load(reader);
        }
    }
}
