package dev.tsforge.deploy;

import static dev.tsforge.deploy.Manifests.at;
import static dev.tsforge.deploy.Manifests.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's {@code gpu.computeAffinity}: a GPU pod is scheduled only on nodes whose GPU ND4J's CUDA kernels run
 * on, by the compute capability label of NVIDIA GPU Feature Discovery.
 */
@Tag("helm")
class HelmChartGpuTests {

    private static final Path GPU_VALUES = ProjectFiles.CHART.resolve("ci/gpu-values.yaml");
    private static final Map<String, Object> BELOW_HOPPER = Map.of(
            "key", "nvidia.com/gpu.compute.major", "operator", "Lt", "values", List.of("9"));

    @TempDir
    Path dir;

    private static Manifests render(UnaryOperator<TemplateCommand> values) {
        TemplateCommand template = new Helm(ProjectFiles.CHART).template().withName("demo")
                .withNamespace("forecasting").withKubeVersion("v1.33.0").set("security.adminKey", "tsf_chart-admin");
        return Manifests.parse(values.apply(template).call());
    }

    private static List<Map<String, Object>> nodeSelectorTerms(Manifests manifests) {
        return list(manifests.podSpec(), "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                + ".nodeSelectorTerms");
    }

    @Test
    void aGpuPodNeedsANodeBelowComputeCapability9() {
        Manifests manifests = render(helm -> helm.withValuesFile(GPU_VALUES));
        assertThat(nodeSelectorTerms(manifests)).containsExactly(Map.of("matchExpressions", List.of(BELOW_HOPPER)));
    }

    @Test
    void aCpuPodHasNoAffinity() {
        assertThat(render(UnaryOperator.identity()).podSpec()).doesNotContainKey("affinity");
    }

    @Test
    void switchedOffForClustersWithoutGpuFeatureDiscovery() {
        Manifests manifests = render(helm -> helm.withValuesFile(GPU_VALUES).set("gpu.computeAffinity.enabled", false));
        assertThat(manifests.podSpec()).doesNotContainKey("affinity");
        // the rest of the GPU scheduling stays
        assertThat((Map<String, Object>) at(manifests.podSpec(), "nodeSelector"))
                .containsEntry("nvidia.com/gpu.present", "true");
    }

    @Test
    void labelOperatorAndValueCanBeChanged() {
        Manifests manifests = render(helm -> helm.withValuesFile(GPU_VALUES)
                .set("gpu.computeAffinity.label", "example.com/gpu-major")
                .set("gpu.computeAffinity.operator", "In")
                .set("gpu.computeAffinity.value", "8"));
        assertThat(nodeSelectorTerms(manifests)).containsExactly(Map.of("matchExpressions", List.of(Map.of(
                "key", "example.com/gpu-major", "operator", "In", "values", List.of("8")))));
    }

    @Test
    void theConditionIsAddedToEachOfTheUsersOwnNodeSelectorTerms() throws IOException {
        Path values = Files.writeString(dir.resolve("affinity.yaml"), """
                affinity:
                  nodeAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      nodeSelectorTerms:
                        - matchExpressions:
                            - {key: pool, operator: In, values: [gpu-a]}
                        - matchExpressions:
                            - {key: pool, operator: In, values: [gpu-b]}
                  podAntiAffinity:
                    preferredDuringSchedulingIgnoredDuringExecution:
                      - weight: 1
                        podAffinityTerm:
                          topologyKey: kubernetes.io/hostname
                          labelSelector: {matchLabels: {app: other}}
                """);
        Manifests manifests = render(helm -> helm.withValuesFile(GPU_VALUES).withValuesFile(values));
        assertThat(nodeSelectorTerms(manifests)).extracting(term -> term.get("matchExpressions")).containsExactly(
                List.of(Map.of("key", "pool", "operator", "In", "values", List.of("gpu-a")), BELOW_HOPPER),
                List.of(Map.of("key", "pool", "operator", "In", "values", List.of("gpu-b")), BELOW_HOPPER));
        assertThat((Map<String, Object>) at(manifests.podSpec(), "affinity")).containsKey("podAntiAffinity");
        // without gpu.enabled the user's affinity is left as it was
        Manifests cpu = render(helm -> helm.withValuesFile(values));
        assertThat(nodeSelectorTerms(cpu)).extracting(term -> term.get("matchExpressions")).containsExactly(
                List.of(Map.of("key", "pool", "operator", "In", "values", List.of("gpu-a"))),
                List.of(Map.of("key", "pool", "operator", "In", "values", List.of("gpu-b"))));
    }

    @Test
    void theSchemaRefusesAnOperatorOrValueKubernetesWouldNot() {
        assertThatThrownBy(() -> render(helm -> helm.withValuesFile(GPU_VALUES)
                .set("gpu.computeAffinity.operator", "LessThan")))
                .hasMessageContaining("'/gpu/computeAffinity/operator': value must be one of");
        assertThatThrownBy(() -> render(helm -> helm.withValuesFile(GPU_VALUES)
                .set("gpu.computeAffinity.value", "nine")))
                .hasMessageContaining("/gpu/computeAffinity/value");
    }
}
