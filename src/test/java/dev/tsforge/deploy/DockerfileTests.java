package dev.tsforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.deploy.Dockerfile.Stage;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CPU and CUDA Dockerfiles and the compose file, checked against the build and the service's configuration:
 * there is no Docker engine on the build machine, so this is what keeps the paths, port and settings honest.
 */
class DockerfileTests {

    private static final String ACTUATOR_READINESS = "/actuator/health/readiness";
    private static final Pattern CACHE_DIR_FLAG = Pattern.compile("-Dorg\\.bytedeco\\.javacpp\\.cachedir=(\\S+)");
    private static final Pattern APPLICATION_FILENAME = Pattern.compile("--application-filename\\s+(\\S+)");

    static Stream<Arguments> dockerfiles() throws IOException {
        return Stream.of(
                Arguments.of("CPU", Dockerfile.parse(ProjectFiles.DOCKERFILE)),
                Arguments.of("CUDA", Dockerfile.parse(ProjectFiles.DOCKERFILE_CUDA)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void everyBaseImageIsPinnedToATag(String flavour, Dockerfile dockerfile) {
        assertThat(dockerfile.baseImages()).isNotEmpty().allSatisfy(image -> {
            assertThat(image).as("FROM %s names a tag or digest", image).matches(".+(:[^/:]+|@sha256:[0-9a-f]{64})");
            assertThat(tag(image)).as("tag of %s", image).isNotEqualTo("latest").matches(".*\\d.*");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void buildsWithTheMavenWrapperOnAJdkAndRunsOnAJre(String flavour, Dockerfile dockerfile) {
        Stage build = dockerfile.stages().get(0);
        assertThat(build.image()).startsWith("eclipse-temurin:17").contains("-jdk");
        assertThat(build.arguments("RUN")).anySatisfy(run -> assertThat(run)
                .contains("./mvnw -B").contains("package").contains("-DskipTests"));
        assertThat(dockerfile.baseImages()).anySatisfy(image -> assertThat(image)
                .startsWith("eclipse-temurin:17").contains("-jre"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void copiesOnlyWhatTheBuildNeedsAndTheContextHas(String flavour, Dockerfile dockerfile) throws IOException {
        List<String> ignored = dockerignorePatterns();
        List<String> sources = dockerfile.stages().stream()
                .flatMap(stage -> stage.arguments("COPY").stream())
                .filter(copy -> !copy.startsWith("--from"))
                .flatMap(copy -> {
                    List<String> words = Arrays.asList(copy.split("\\s+"));
                    return words.subList(0, words.size() - 1).stream().filter(word -> !word.startsWith("--"));
                })
                .toList();
        assertThat(sources).contains("mvnw", "pom.xml", "src/", ".mvn/").allSatisfy(source -> {
            assertThat(ProjectFiles.ROOT.resolve(source)).as("build context has %s", source).exists();
            assertThat(isIgnored(source, ignored)).as(".dockerignore keeps %s", source).isFalse();
        });
    }

    @Test
    void dockerignoreKeepsBuildOutputDataAndHistoryOutOfTheContext() throws IOException {
        List<String> ignored = dockerignorePatterns();
        assertThat(List.of("target/tsforge-0.1.0-SNAPSHOT.jar", "data/tsforge.mv.db", ".git/HEAD"))
                .allSatisfy(path -> assertThat(isIgnored(path, ignored)).as("%s ignored", path).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void runsAsANonRootNumericUser(String flavour, Dockerfile dockerfile) {
        String user = dockerfile.finalStage().last("USER").orElseThrow(() -> new AssertionError("no USER"));
        assertThat(user).as("USER uid[:gid], numeric so Kubernetes can verify runAsNonRoot").matches("\\d+(:\\d+)?");
        assertThat(Integer.parseInt(user.split(":")[0])).isNotZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void exposesThePortTheServiceListensOn(String flavour, Dockerfile dockerfile) {
        int port = ProjectFiles.serverPort();
        assertThat(dockerfile.finalStage().arguments("EXPOSE")).containsExactly(String.valueOf(port));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void healthCheckAsksTheReadinessGroupOnThatPort(String flavour, Dockerfile dockerfile) {
        String healthcheck = dockerfile.finalStage().last("HEALTHCHECK")
                .orElseThrow(() -> new AssertionError("no HEALTHCHECK"));
        assertThat(healthcheck).contains(" CMD ").contains(ACTUATOR_READINESS)
                .containsAnyOf("127.0.0.1/${SERVER_PORT:-" + ProjectFiles.serverPort() + "}",
                        "localhost:" + ProjectFiles.serverPort());
        // Only tools every base image has: bash, not curl or wget
        assertThat(healthcheck).contains("\"bash\"").doesNotContain("curl").doesNotContain("wget");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void nativesAreUnpackedAtBuildTimeWhereTheServiceLooksForThem(String flavour, Dockerfile dockerfile) {
        String warmup = dockerfile.stages().stream().flatMap(stage -> stage.arguments("RUN").stream())
                .filter(run -> run.contains("NativeCacheWarmup")).findFirst()
                .orElseThrow(() -> new AssertionError("no RUN of NativeCacheWarmup"));
        assertThat(warmup).contains(dev.tsforge.runtime.NativeCacheWarmup.class.getName());

        Matcher cacheDir = CACHE_DIR_FLAG.matcher(warmup);
        assertThat(cacheDir.find()).as("warm-up sets the JavaCPP cache dir").isTrue();
        // JavaCPP's cache holds absolute symlinks: filled and used at one path
        Map<String, String> env = dockerfile.finalStage().env();
        assertThat(env).containsEntry("TSFORGE_RUNTIME_CACHE_DIR", cacheDir.group(1));
        assertThat(dockerfile.finalStage().arguments("COPY")).anySatisfy(copy -> assertThat(copy)
                .startsWith("--from=build").endsWith(" " + cacheDir.group(1) + "/")
                .contains(" " + cacheDir.group(1) + "/ "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void startsTheExtractedApplicationJar(String flavour, Dockerfile dockerfile) {
        String extract = dockerfile.stages().get(0).arguments("RUN").stream()
                .filter(run -> run.contains("-Djarmode=tools")).findFirst()
                .orElseThrow(() -> new AssertionError("no jarmode tools extract"));
        assertThat(extract).contains("extract --layers").contains("target/tsforge-*.jar");
        Matcher filename = APPLICATION_FILENAME.matcher(extract);
        assertThat(filename.find()).isTrue();
        String jar = "/opt/tsforge/app/" + filename.group(1);

        Stage runtime = dockerfile.finalStage();
        if (flavour.equals("CUDA")) {
            // the entrypoint script sets CUDA_VISIBLE_DEVICES first, then starts the same jar (CudaEntrypointTests)
            assertThat(runtime.last("ENTRYPOINT")).hasValue("[\"" + CudaEntrypointTests.IN_IMAGE + "\"]");
            assertThat(ProjectFiles.CUDA_ENTRYPOINT).content().contains("app=" + jar + "\n")
                    .endsWith("exec java -jar \"$app\" \"$@\"\n");
        } else {
            assertThat(runtime.last("ENTRYPOINT")).hasValue("[\"java\", \"-jar\", \"" + jar + "\"]");
        }
        // Every layer of `jarmode tools list-layers`, each into the directory the manifest's Class-Path is relative to
        assertThat(runtime.arguments("COPY")).contains(
                "--from=build /workspace/layers/dependencies/ /opt/tsforge/app/",
                "--from=build /workspace/layers/spring-boot-loader/ /opt/tsforge/app/",
                "--from=build /workspace/layers/snapshot-dependencies/ /opt/tsforge/app/",
                "--from=build /workspace/layers/application/ /opt/tsforge/app/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void dataVolumeHoldsTheDefaultDatabaseAndTheModels(String flavour, Dockerfile dockerfile) {
        Stage runtime = dockerfile.finalStage();
        String volume = runtime.last("VOLUME").orElseThrow(() -> new AssertionError("no VOLUME"));
        String workdir = runtime.last("WORKDIR").orElseThrow(() -> new AssertionError("no WORKDIR"));

        // application.yml's H2 URL is relative to the working directory: jdbc:h2:file:./data/tsforge;...
        String url = ProjectFiles.applicationProperties().getProperty("spring.datasource.url");
        Matcher relative = Pattern.compile("jdbc:h2:file:\\./([^;]+)/[^/;]+(;.*)?").matcher(url);
        assertThat(relative.matches()).as("relative H2 file URL: %s", url).isTrue();
        assertThat(workdir + "/" + relative.group(1)).isEqualTo(volume);

        assertThat(runtime.env().get("TSFORGE_STORAGE_MODEL_DIR")).startsWith(volume + "/");
        assertThat(runtime.arguments("RUN")).anySatisfy(run -> assertThat(run)
                .contains("mkdir -p " + runtime.env().get("TSFORGE_STORAGE_MODEL_DIR"))
                .contains("chown -R " + runtime.last("USER").orElseThrow()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void mathThreadsAndOpenMpThreadsAgreeAndFitASmallMachine(String flavour, Dockerfile dockerfile) {
        Map<String, String> env = dockerfile.finalStage().env();
        assertThat(env.get("TSFORGE_RUNTIME_MATH_THREADS")).isEqualTo("1");
        assertThat(env.get("OMP_NUM_THREADS")).isEqualTo(env.get("TSFORGE_RUNTIME_MATH_THREADS"));
        assertThat(env.get("OMP_WAIT_POLICY")).as("idle OpenMP threads sleep").isEqualTo("PASSIVE");
        assertThat(env.get("JDK_JAVA_OPTIONS")).contains("-XX:MaxRAMPercentage=").doesNotContain("-Xmx");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void runtimeHasFontsForTheChartsAndApiKeysOn(String flavour, Dockerfile dockerfile) {
        String runs = dockerfile.finalStage().instructions().stream()
                .filter(instruction -> instruction.keyword().equals("RUN"))
                .map(Dockerfile.Instruction::arguments)
                .reduce("", String::concat);
        assertThat(runs).contains("fontconfig").contains("fonts-dejavu-core");
        assertThat(dockerfile.finalStage().env()).containsEntry("TSFORGE_SECURITY_ENABLED", "true")
                .doesNotContainKey("TSFORGE_SECURITY_ADMIN_KEY");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dockerfiles")
    void runtimeLogsJsonLines(String flavour, Dockerfile dockerfile) {
        assertThat(dockerfile.finalStage().env()).containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
    }

    @Test
    void cpuImageRunsTheCpuBackend() throws IOException {
        Dockerfile cpu = Dockerfile.parse(ProjectFiles.DOCKERFILE);
        assertThat(cpu.finalStage().image()).startsWith("eclipse-temurin:17").contains("-jre");
        assertThat(cpu.finalStage().env()).containsEntry("TSFORGE_RUNTIME_BACKEND", "cpu");
        assertThat(cpu.stages().get(0).arguments("RUN")).noneMatch(run -> run.contains("-Pcuda"));
    }

    @Test
    void cudaImageBuildsTheCudaProfileOnTheCudaRuntimeAndRunsTheCudaBackend() throws IOException {
        Dockerfile cuda = Dockerfile.parse(ProjectFiles.DOCKERFILE_CUDA);
        Stage runtime = cuda.finalStage();
        assertThat(runtime.image()).isEqualTo("nvidia/cuda:11.6.2-cudnn8-runtime-ubuntu20.04");
        assertThat(cuda.stages().get(0).arguments("RUN")).anySatisfy(run -> assertThat(run)
                .contains("./mvnw -B -Pcuda package"));
        assertThat(runtime.env()).containsEntry("TSFORGE_RUNTIME_BACKEND", "cuda")
                .containsEntry("JAVA_HOME", "/opt/java/openjdk");
        // A Java 17 runtime from the pinned Temurin JRE image, into the CUDA image
        Stage jre = cuda.stage("jre").orElseThrow(() -> new AssertionError("no jre stage"));
        assertThat(jre.image()).startsWith("eclipse-temurin:17").contains("-jre");
        assertThat(runtime.arguments("COPY")).contains("--from=jre /opt/java/openjdk /opt/java/openjdk");
        // No GPU at build: the warm-up is held to the CPU backend, and the cache stays writable for the CUDA natives
        assertThat(cuda.stages().get(0).arguments("RUN")).anySatisfy(run -> assertThat(run)
                .contains("BACKEND_PRIORITY_CPU=100 BACKEND_PRIORITY_GPU=0").contains("NativeCacheWarmup"));
        assertThat(runtime.arguments("COPY")).anySatisfy(copy -> assertThat(copy)
                .contains("--chown=" + runtime.last("USER").orElseThrow())
                .contains(runtime.env().get("TSFORGE_RUNTIME_CACHE_DIR")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTheCpuImageOnAHealthyPinnedPostgres() throws IOException {
        Map<String, Object> compose = ProjectFiles.readYaml(ProjectFiles.COMPOSE);
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> tsforge = (Map<String, Object>) services.get("tsforge");
        Map<String, Object> postgres = (Map<String, Object>) services.get("postgres");

        Map<String, Object> build = (Map<String, Object>) tsforge.get("build");
        Path context = ProjectFiles.COMPOSE.getParent().resolve((String) build.get("context")).normalize();
        assertThat(context).isEqualTo(ProjectFiles.ROOT);
        assertThat(context.resolve((String) build.get("dockerfile"))).isEqualTo(ProjectFiles.DOCKERFILE);

        assertThat((String) postgres.get("image")).matches("postgres:\\d+(\\.\\d+)?(-[a-z0-9.]+)?");
        assertThat((Map<String, Object>) postgres.get("healthcheck")).containsKey("test");
        assertThat((Map<String, Object>) tsforge.get("depends_on"))
                .containsEntry("postgres", Map.of("condition", "service_healthy"));

        Map<String, Object> env = (Map<String, Object>) tsforge.get("environment");
        assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "postgres").containsEntry("PGHOST", "postgres")
                .containsKeys("PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD");
        assertThat(env.get("OMP_NUM_THREADS")).isEqualTo(env.get("TSFORGE_RUNTIME_MATH_THREADS"));

        String dataVolume = Dockerfile.parse(ProjectFiles.DOCKERFILE).finalStage().last("VOLUME").orElseThrow();
        assertThat((List<String>) tsforge.get("volumes")).contains("models:" + dataVolume);
        assertThat((Map<String, Object>) compose.get("volumes")).containsKey("models");
        assertThat((List<String>) tsforge.get("ports")).contains(ProjectFiles.serverPort() + ":" + ProjectFiles.serverPort());
    }

    private static String tag(String image) {
        if (image.contains("@")) {
            return image.substring(image.indexOf('@') + 1);
        }
        return image.substring(image.lastIndexOf(':') + 1);
    }

    private static List<String> dockerignorePatterns() throws IOException {
        List<String> patterns = Files.readAllLines(ProjectFiles.DOCKERIGNORE).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.endsWith("/") ? line.substring(0, line.length() - 1) : line)
                .toList();
        assertThat(patterns).as("isIgnored() does not handle exceptions (!pattern)").noneMatch(p -> p.startsWith("!"));
        return patterns;
    }

    /** Docker's rule for our patterns: a pattern matches a path or anything below it; no negations in use. */
    private static boolean isIgnored(String path, List<String> patterns) {
        String normalized = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Path candidate = Path.of(normalized);
        return patterns.stream().anyMatch(pattern -> {
            var matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            for (Path prefix = candidate; prefix != null; prefix = prefix.getParent()) {
                if (matcher.matches(prefix)) {
                    return true;
                }
            }
            return false;
        });
    }
}
