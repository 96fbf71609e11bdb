package dev.tsforge.deploy;

import static dev.tsforge.deploy.Manifests.at;
import static dev.tsforge.deploy.Manifests.list;
import static dev.tsforge.deploy.Manifests.map;
import static dev.tsforge.deploy.Manifests.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.FileSystemUtils;

/**
 * The Helm chart, linted and rendered with Helm's own library (helm-java): defaults (CPU, H2), a GPU node, and
 * PostgreSQL with autoscaling; values the schema or the chart refuse.
 */
@Tag("helm")
class HelmChartTests {

    private static final String RELEASE = "demo";
    private static final String FULLNAME = "demo-tsforge";
    private static final String ADMIN_KEY = "tsf_chart-test-admin-key";
    private static final Path GPU_VALUES = ProjectFiles.CHART.resolve("ci/gpu-values.yaml");
    private static final Path POSTGRES_VALUES = ProjectFiles.CHART.resolve("ci/postgres-rwx-values.yaml");
    private static final String DATA_DIR = "/var/lib/tsforge/data";
    // helm-java renders for Kubernetes 1.20 unless told otherwise, below the chart's kubeVersion
    private static final String KUBE_VERSION = "v1.33.0";
    private static final List<String> FREE_FORM_VALUES = List.of("nodeSelector", "resources", "podSecurityContext",
            "securityContext", "startup", "liveness", "readiness");

    @Test
    void lintPassesStrictly() {
        LintResult lint = new Helm(ProjectFiles.CHART).lint().strict().call();

        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    }

    @Test
    void defaultsRunTheCpuImageOnH2WithOnePodAtATime() {
        Manifests manifests = render(UnaryOperator.identity());

        assertThat(manifests.kinds()).containsExactlyInAnyOrder(
                "ServiceAccount", "ConfigMap", "Secret", "PersistentVolumeClaim", "Service", "Deployment");
        Map<String, Object> deployment = manifests.one("Deployment");
        assertThat((Integer) at(deployment, "spec.replicas")).isEqualTo(1);
        assertThat((String) at(deployment, "spec.strategy.type")).isEqualTo("Recreate");

        Map<String, Object> container = manifests.container();
        assertThat(container.get("image")).isEqualTo("tsforge:0.1.0");
        Map<String, Object> config = map(manifests.one("ConfigMap"), "data");
        assertThat(config).containsEntry("TSFORGE_RUNTIME_BACKEND", "cpu")
                .doesNotContainKeys("SPRING_PROFILES_ACTIVE", "PGHOST");
        assertThat((Map<String, Object>) at(container, "resources.limits")).doesNotContainKey("nvidia.com/gpu");

        Map<String, Object> pod = manifests.podSpec();
        assertThat(pod).doesNotContainKeys("runtimeClassName", "nodeSelector", "tolerations");
        assertThat(list(container, "env")).extracting(variable -> variable.get("name"))
                .containsExactly("TSFORGE_SECURITY_ADMIN_KEY");
    }

    @Test
    void settingsComeFromTheConfigMapAndMatchTheImage() throws IOException {
        Manifests manifests = render(UnaryOperator.identity());
        Dockerfile.Stage image = Dockerfile.parse(ProjectFiles.DOCKERFILE).finalStage();

        Map<String, Object> config = map(manifests.one("ConfigMap"), "data");
        assertThat(list(manifests.container(), "envFrom"))
                .containsExactly(Map.of("configMapRef", Map.of("name", FULLNAME)));
        assertThat(config)
                .containsEntry("TSFORGE_RUNTIME_MATH_THREADS", "1")
                .containsEntry("OMP_NUM_THREADS", "1")
                // 90% of the 3Gi memory limit, in JavaCPP's binary megabytes; off-heap left at the heap size
                .containsEntry("TSFORGE_RUNTIME_MAX_PHYSICAL_BYTES", "2764M")
                .doesNotContainKey("TSFORGE_RUNTIME_MAX_BYTES")
                .containsEntry("JDK_JAVA_OPTIONS", "-XX:MaxRAMPercentage=40 -XX:+ExitOnOutOfMemoryError")
                // The images' pre-filled JavaCPP cache and model directory
                .containsEntry("TSFORGE_RUNTIME_CACHE_DIR", image.env().get("TSFORGE_RUNTIME_CACHE_DIR"))
                .containsEntry("TSFORGE_STORAGE_MODEL_DIR", image.env().get("TSFORGE_STORAGE_MODEL_DIR"));

        // JSON log lines by default, like the image; a plain-text choice leaves the variable out
        assertThat(config).containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
                .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", image.env().get("LOGGING_STRUCTURED_FORMAT_CONSOLE"));
        assertThat(map(render(helm -> helm.set("logging.structuredFormat", "logstash")).one("ConfigMap"), "data"))
                .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "logstash");
        assertThat(map(render(helm -> helm.set("logging.structuredFormat", "")).one("ConfigMap"), "data"))
                .doesNotContainKey("LOGGING_STRUCTURED_FORMAT_CONSOLE");

        // A changed setting rolls the pods
        assertThat((String) at(manifests.one("Deployment"), "spec.template.metadata.annotations.checksum/config"))
                .matches("[0-9a-f]{64}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "resources.limits.memory=1.5Gi                      | 1382M |",
            "resources.limits.memory=4000M                      | 3433M |",
            "runtime.maxPhysicalBytes=5g,runtime.maxBytes=2g    | 5g    | 2g",
    })
    void javacppLimitsFollowTheMemoryLimitUnlessSet(String settings, String physical, String offHeap) {
        Manifests manifests = render(helm -> setAll(helm, settings));

        Map<String, Object> config = map(manifests.one("ConfigMap"), "data");
        assertThat(config.get("TSFORGE_RUNTIME_MAX_PHYSICAL_BYTES")).isEqualTo(physical);
        assertThat(config.get("TSFORGE_RUNTIME_MAX_BYTES")).isEqualTo(offHeap);
    }

    @Test
    void probesAskTheActuatorHealthGroupsOnTheServicePort() {
        Manifests manifests = render(UnaryOperator.identity());
        Map<String, Object> container = manifests.container();

        assertThat(list(container, "ports"))
                .containsExactly(Map.of("name", "http", "containerPort", ProjectFiles.serverPort(), "protocol", "TCP"));
        assertThat((String) at(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat((String) at(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
        assertThat((String) at(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(Stream.of("livenessProbe", "readinessProbe", "startupProbe")
                .map(probe -> (String) at(container, probe + ".httpGet.port"))).containsOnly("http");
        // Room for Flyway and unpacking natives on a first start: five minutes
        assertThat((Integer) at(container, "startupProbe.periodSeconds")
                * (Integer) at(container, "startupProbe.failureThreshold")).isGreaterThanOrEqualTo(300);

        Map<String, Object> service = manifests.one("Service");
        assertThat(list(service, "spec.ports")).containsExactly(
                Map.of("name", "http", "port", ProjectFiles.serverPort(), "targetPort", "http", "protocol", "TCP"));
    }

    @Test
    void runsAsNonRootOnAReadOnlyRootWithWritableDataAndTmp() throws IOException {
        Manifests manifests = render(UnaryOperator.identity());
        Map<String, Object> container = manifests.container();
        Map<String, Object> pod = manifests.podSpec();
        String imageUser = Dockerfile.parse(ProjectFiles.DOCKERFILE).finalStage().last("USER").orElseThrow();

        assertThat(map(container, "securityContext"))
                .containsEntry("runAsNonRoot", true)
                .containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false)
                .containsEntry("runAsUser", Integer.parseInt(imageUser.split(":")[0]))
                .containsEntry("capabilities", Map.of("drop", List.of("ALL")));
        assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true)
                .containsEntry("fsGroup", Integer.parseInt(imageUser.split(":")[1]));
        assertThat(pod).containsEntry("automountServiceAccountToken", false);

        List<Map<String, Object>> mounts = list(container, "volumeMounts");
        List<Map<String, Object>> volumes = list(pod, "volumes");
        assertThat(named(mounts, "data")).containsEntry("mountPath", DATA_DIR);
        assertThat(named(mounts, "tmp")).containsEntry("mountPath", "/tmp");
        assertThat((String) at(named(volumes, "data"), "persistentVolumeClaim.claimName")).isEqualTo(FULLNAME + "-data");
        assertThat(named(volumes, "tmp")).containsKey("emptyDir");
        // The CPU natives come pre-filled in the image: no writable cache needed
        assertThat(mounts).noneMatch(mount -> "javacpp-cache".equals(mount.get("name")));

        Map<String, Object> claim = manifests.one("PersistentVolumeClaim");
        assertThat((String) at(claim, "metadata.name")).isEqualTo(FULLNAME + "-data");
        assertThat((List<String>) at(claim, "spec.accessModes")).containsExactly("ReadWriteOnce");
        assertThat((String) at(claim, "spec.resources.requests.storage")).isEqualTo("10Gi");
        assertThat(map(claim, "metadata.annotations")).containsEntry("helm.sh/resource-policy", "keep");
    }

    @Test
    void anExistingClaimIsMountedInsteadOfANewOne() {
        Manifests manifests = render(helm -> helm.set("persistence.existingClaim", "tsforge-models"));

        assertThat(manifests.kinds()).doesNotContain("PersistentVolumeClaim");
        assertThat((String) at(named(list(manifests.podSpec(), "volumes"), "data"), "persistentVolumeClaim.claimName"))
                .isEqualTo("tsforge-models");
    }

    @Test
    void gpuValuesScheduleTheCudaImageOnAGpuNode() {
        Manifests manifests = render(helm -> helm.withValuesFile(GPU_VALUES));
        Map<String, Object> container = manifests.container();
        Map<String, Object> pod = manifests.podSpec();

        assertThat(container.get("image")).isEqualTo("tsforge:0.1.0-cuda");
        assertThat((Map<String, Object>) at(container, "resources.limits"))
                .containsEntry("nvidia.com/gpu", 1).containsEntry("memory", "8Gi");
        assertThat(pod).containsEntry("runtimeClassName", "nvidia");
        assertThat(map(pod, "nodeSelector")).containsEntry("nvidia.com/gpu.present", "true");
        assertThat(list(pod, "tolerations")).contains(
                Map.of("key", "nvidia.com/gpu", "operator", "Exists", "effect", "NoSchedule"));

        Map<String, Object> config = map(manifests.one("ConfigMap"), "data");
        assertThat(config).containsEntry("TSFORGE_RUNTIME_BACKEND", "cuda")
                .containsEntry("TSFORGE_RUNTIME_MATH_THREADS", "2").containsEntry("OMP_NUM_THREADS", "2")
                .containsEntry("OMP_WAIT_POLICY", "PASSIVE")
                .containsEntry("TSFORGE_RUNTIME_MAX_PHYSICAL_BYTES", "7372M");
        // The CUDA natives unpack at the first start: a writable cache, where the service is told to look
        Map<String, Object> cacheMount = named(list(container, "volumeMounts"), "javacpp-cache");
        assertThat(cacheMount.get("mountPath")).isEqualTo(config.get("TSFORGE_RUNTIME_CACHE_DIR"));
        assertThat((String) at(named(list(pod, "volumes"), "javacpp-cache"), "emptyDir.sizeLimit")).isEqualTo("8Gi");
        assertThat((Boolean) at(container, "securityContext.readOnlyRootFilesystem")).isTrue();
    }

    @Test
    void gpuSchedulingKeepsTheUsersOwnNodeSelectorAndTolerations() {
        Manifests manifests = render(helm -> helm.withValuesFile(GPU_VALUES)
                .set("nodeSelector.pool", "gpu-a100")
                .set("tolerations[0].key", "dedicated")
                .set("tolerations[0].operator", "Equal")
                .set("tolerations[0].value", "forecasting")
                .set("tolerations[0].effect", "NoSchedule")
                .set("runtime.backend", "auto"));
        Map<String, Object> pod = manifests.podSpec();

        assertThat(map(pod, "nodeSelector")).containsEntry("pool", "gpu-a100")
                .containsEntry("nvidia.com/gpu.present", "true");
        assertThat(list(pod, "tolerations")).extracting(toleration -> toleration.get("key"))
                .containsExactly("dedicated", "nvidia.com/gpu");
        assertThat(map(manifests.one("ConfigMap"), "data")).containsEntry("TSFORGE_RUNTIME_BACKEND", "auto");
    }

    @Test
    void postgresqlCredentialsComeFromAChartSecret() {
        Manifests manifests = render(helm -> helm
                .set("postgresql.enabled", true)
                .set("postgresql.host", "db.example.internal")
                .set("postgresql.password", "s3cret"));

        Map<String, Object> config = map(manifests.one("ConfigMap"), "data");
        assertThat(config).containsEntry("SPRING_PROFILES_ACTIVE", "postgres")
                .containsEntry("PGHOST", "db.example.internal").containsEntry("PGPORT", "5432")
                .containsEntry("PGDATABASE", "tsforge").doesNotContainKeys("PGUSER", "PGPASSWORD");

        Map<String, Object> secret = manifests.all("Secret").stream()
                .filter(candidate -> at(candidate, "metadata.name").equals(FULLNAME + "-postgresql"))
                .findFirst().orElseThrow();
        assertThat(decode(at(secret, "data.password"))).isEqualTo("s3cret");
        assertThat(decode(at(secret, "data.username"))).isEqualTo("tsforge");

        List<Map<String, Object>> env = list(manifests.container(), "env");
        assertThat((Map<String, Object>) at(named(env, "PGUSER"), "valueFrom.secretKeyRef"))
                .isEqualTo(Map.of("name", FULLNAME + "-postgresql", "key", "username"));
        assertThat((Map<String, Object>) at(named(env, "PGPASSWORD"), "valueFrom.secretKeyRef"))
                .isEqualTo(Map.of("name", FULLNAME + "-postgresql", "key", "password"));
        assertThat(manifests.container().toString()).doesNotContain("s3cret");
        // H2 is gone but the model store is still on one ReadWriteOnce volume: still one pod at a time
        assertThat((String) at(manifests.one("Deployment"), "spec.strategy.type")).isEqualTo("Recreate");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWebhookKeyComesFromAChartSecretAndOnlyWhenGiven() {
        String key = "q2jvU0s7n2o8m3QmRk1xY2Zq3v9t0PlW1sE4r6T8u0A=";
        Manifests manifests = render(helm -> helm.set("webhooks.encryptionKey", key)
                .set("webhooks.allowedTargets[0]", "10.96.0.0/12"));

        Map<String, Object> secret = manifests.all("Secret").stream()
                .filter(candidate -> at(candidate, "metadata.name").equals(FULLNAME + "-webhooks"))
                .findFirst().orElseThrow();
        assertThat(decode(at(secret, "data.encryption-key"))).isEqualTo(key);
        assertThat((Map<String, Object>) at(named(list(manifests.container(), "env"), "TSFORGE_WEBHOOKS_SECRET_KEY"),
                "valueFrom.secretKeyRef")).isEqualTo(Map.of("name", FULLNAME + "-webhooks", "key", "encryption-key"));
        assertThat(map(manifests.one("ConfigMap"), "data"))
                .containsEntry("TSFORGE_WEBHOOKS_ALLOWED_TARGETS", "10.96.0.0/12")
                .containsEntry("TSFORGE_WEBHOOKS_ALLOW_HTTP", "false");
        assertThat(manifests.container().toString()).doesNotContain(key);

        Manifests without = render(UnaryOperator.identity());
        assertThat(without.all("Secret")).noneMatch(candidate -> at(candidate, "metadata.name").toString()
                .endsWith("-webhooks"));
        assertThat(without.container().toString()).doesNotContain("TSFORGE_WEBHOOKS_SECRET_KEY");
    }

    @Test
    void postgresWithSharedModelStoreScalesAndIsScraped() {
        Manifests manifests = render(helm -> helm.withValuesFile(POSTGRES_VALUES));

        assertThat(manifests.all("Secret")).extracting(secret -> at(secret, "metadata.name"))
                .as("only the API key's: the database's is the user's own").containsExactly(FULLNAME + "-security");
        List<Map<String, Object>> env = list(manifests.container(), "env");
        assertThat((String) at(named(env, "PGPASSWORD"), "valueFrom.secretKeyRef.name")).isEqualTo("tsforge-db");

        Map<String, Object> deployment = manifests.one("Deployment");
        assertThat(map(deployment, "spec")).doesNotContainKey("replicas");
        assertThat((String) at(deployment, "spec.strategy.type")).isEqualTo("RollingUpdate");
        Map<String, Object> hpa = manifests.one("HorizontalPodAutoscaler");
        assertThat(map(hpa, "spec.scaleTargetRef")).containsEntry("kind", "Deployment").containsEntry("name", FULLNAME);
        assertThat((Integer) at(hpa, "spec.minReplicas")).isEqualTo(2);

        Map<String, Object> endpoint = list(manifests.one("ServiceMonitor"), "spec.endpoints").get(0);
        assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/actuator/prometheus");
        assertThat((Map<String, Object>) at(manifests.one("ServiceMonitor"), "spec.selector.matchLabels"))
                .isEqualTo(at(deployment, "spec.selector.matchLabels"));

        Map<String, Object> rule = list(manifests.one("Ingress"), "spec.rules").get(0);
        assertThat(rule.get("host")).isEqualTo("tsforge.example.com");
        assertThat((String) at(list(rule, "http.paths").get(0), "backend.service.name")).isEqualTo(FULLNAME);
    }

    @Test
    void modelsInPostgresqlScaleWithoutASharedVolume() {
        Manifests manifests = render(helm -> setAll(helm, "postgresql.enabled=true,postgresql.host=db,"
                + "postgresql.existingSecret=tsforge-db,persistence.enabled=false,replicaCount=3"));
        Map<String, Object> deployment = manifests.one("Deployment");
        assertThat((Integer) at(deployment, "spec.replicas")).isEqualTo(3);
        assertThat((String) at(deployment, "spec.strategy.type")).isEqualTo("RollingUpdate");
        assertThat(manifests.all("PersistentVolumeClaim")).isEmpty();
        assertThat((String) at(manifests.one("ConfigMap"), "data.TSFORGE_STORAGE_MODELS")).isEqualTo("database");
    }

    @Test
    void tracingLeavesThePodOnlyWithAnEndpoint() {
        assertThat(map(render(UnaryOperator.identity()).one("ConfigMap"), "data"))
                .doesNotContainKey("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT")
                .containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "0.1");
        Manifests traced = render(helm -> setAll(helm, "tracing.otlpEndpoint=http://collector:4318/v1/traces,"
                + "tracing.samplingProbability=1"));
        assertThat(map(traced.one("ConfigMap"), "data"))
                .containsEntry("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "http://collector:4318/v1/traces")
                .containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "runtime.backend     | gpu  | '/runtime/backend': value must be one of",
            "replicaCount        | -1   | '/replicaCount': minimum",
            "gpu.enabled         | yes  | '/gpu/enabled': got string, want boolean",
            "runtime.mathThreads | 0    | '/runtime/mathThreads': minimum",
            "runtime.maxBytes    | lots | '/runtime/maxBytes'",
            "gpu.enable          | true | 'enable' not allowed",
    })
    void schemaRefusesAWrongValue(String key, String value, String reported) {
        assertThatThrownBy(() -> render(helm -> helm.set(key, value)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(reported);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "runtime.backend=cuda                              | needs gpu.enabled=true",
            "replicaCount=2                                    | need postgresql.enabled=true",
            "autoscaling.enabled=true                          | need postgresql.enabled=true",
            "postgresql.enabled=true,postgresql.host=db,postgresql.existingSecret=s,replicaCount=2 | ReadWriteMany",
            "postgresql.enabled=true,postgresql.host=db,postgresql.existingSecret=s,replicaCount=2,persistence.enabled=false,storage.models=directory | storage.models=database",
            "postgresql.enabled=true                           | needs postgresql.host",
            "postgresql.enabled=true,postgresql.host=db        | needs postgresql.password or postgresql.existingSecret",
    })
    void chartRefusesASetUpThatCannotWork(String settings, String reason) {
        assertThatThrownBy(() -> render(helm -> setAll(helm, settings))).hasMessageContaining(reason);
    }

    @Test
    void lintFailsOnValuesTheSchemaRefuses(@TempDir Path workspace) throws IOException {
        Path chart = workspace.resolve("tsforge");
        FileSystemUtils.copyRecursively(ProjectFiles.CHART, chart);
        Path values = chart.resolve("values.yaml");
        Files.writeString(values, Files.readString(values).replace("  backend: \"\"", "  backend: gpu"));
        assertThat(Files.readString(values)).contains("backend: gpu");

        LintResult lint = new Helm(chart).lint().call();

        assertThat(lint.isFailed()).isTrue();
        assertThat(lint.getMessages()).anySatisfy(message -> assertThat(message).contains("'/runtime/backend': value must be one of"));
    }

    @Test
    void readmeDocumentsEveryValue() throws IOException {
        String readme = Files.readString(ProjectFiles.CHART.resolve("README.md"));
        Map<String, Object> values = ProjectFiles.readYaml(ProjectFiles.CHART.resolve("values.yaml"));

        assertThat(valueKeys("", values)).isNotEmpty()
                .allSatisfy(key -> assertThat(readme).as("README.md documents %s", key).contains("`" + key + "`"));
    }

    /** Dotted keys of values.yaml, down to the maps that hold Kubernetes objects or the user's own entries. */
    @SuppressWarnings("unchecked")
    private static List<String> valueKeys(String prefix, Map<String, Object> values) {
        List<String> keys = new ArrayList<>();
        values.forEach((key, value) -> {
            String path = prefix + key;
            if (value instanceof Map<?, ?> map && !map.isEmpty() && !FREE_FORM_VALUES.contains(key)) {
                keys.addAll(valueKeys(path + ".", (Map<String, Object>) map));
            } else {
                keys.add(path);
            }
        });
        return keys;
    }

    /** Renders with an admin key given, as most installs will (security is on by default). */
    private static Manifests render(UnaryOperator<TemplateCommand> values) {
        return renderWithoutAdminKey(helm -> values.apply(helm.set("security.adminKey", ADMIN_KEY)));
    }

    private static Manifests renderWithoutAdminKey(UnaryOperator<TemplateCommand> values) {
        TemplateCommand template = new Helm(ProjectFiles.CHART).template()
                .withName(RELEASE)
                .withNamespace("forecasting")
                .withKubeVersion(KUBE_VERSION);
        return Manifests.parse(values.apply(template).call());
    }

    @Test
    void securityIsOnByDefaultWithTheAdminKeyFromASecret() {
        Manifests manifests = render(helm -> helm.set("metrics.serviceMonitor.enabled", true));
        assertThat(map(manifests.one("ConfigMap"), "data")).containsEntry("TSFORGE_SECURITY_ENABLED", "true");
        Map<String, Object> secret = manifests.one("Secret");
        assertThat(map(secret, "data")).containsEntry("admin-key",
                java.util.Base64.getEncoder().encodeToString(ADMIN_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Map<String, Object> env = named(list(manifests.container(), "env"), "TSFORGE_SECURITY_ADMIN_KEY");
        assertThat((String) at(env, "valueFrom.secretKeyRef.name")).isEqualTo(at(secret, "metadata.name"));
        assertThat((String) at(env, "valueFrom.secretKeyRef.key")).isEqualTo("admin-key");
        // Prometheus needs an ADMIN key for /actuator/prometheus
        Map<String, Object> endpoint = list(map(manifests.one("ServiceMonitor"), "spec"), "endpoints").get(0);
        assertThat((String) at(endpoint, "authorization.credentials.name")).isEqualTo(at(secret, "metadata.name"));

        Manifests waiting = renderWithoutAdminKey(UnaryOperator.identity());
        assertThat(waiting.kinds()).as("no made-up admin key: the pod waits for the operator's Secret")
                .doesNotContain("Secret");
        assertThat((String) at(named(list(waiting.container(), "env"), "TSFORGE_SECURITY_ADMIN_KEY"),
                "valueFrom.secretKeyRef.name")).isEqualTo(FULLNAME + "-security");
        Manifests own = renderWithoutAdminKey(helm -> helm.set("security.existingSecret", "my-keys"));
        assertThat(own.kinds()).doesNotContain("Secret");
        assertThat((String) at(named(list(own.container(), "env"), "TSFORGE_SECURITY_ADMIN_KEY"),
                "valueFrom.secretKeyRef.name")).isEqualTo("my-keys");

        Manifests open = render(helm -> helm.set("security.enabled", false));
        assertThat(map(open.one("ConfigMap"), "data")).containsEntry("TSFORGE_SECURITY_ENABLED", "false");
        assertThat(open.kinds()).doesNotContain("Secret");
    }

    /** Applies {@code key=value,key=value} as {@code --set} does. */
    private static TemplateCommand setAll(TemplateCommand helm, String settings) {
        for (String setting : settings.split(",")) {
            String[] pair = setting.split("=", 2);
            helm.set(pair[0].strip(), pair[1].strip());
        }
        return helm;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
