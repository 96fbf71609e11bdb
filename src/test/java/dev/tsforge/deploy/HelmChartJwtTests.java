package dev.tsforge.deploy;

import static dev.tsforge.deploy.Manifests.at;
import static dev.tsforge.deploy.Manifests.list;
import static dev.tsforge.deploy.Manifests.map;
import static dev.tsforge.deploy.Manifests.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart's {@code security.jwt.*} values: passed to the service as environment, the public key as a file. */
@Tag("helm")
class HelmChartJwtTests {

    private static final String FULLNAME = "demo-tsforge";
    private static final String ISSUER = "https://keycloak.example.com/realms/tsforge";
    private static final String PEM = """
            -----BEGIN PUBLIC KEY-----
            MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo
            -----END PUBLIC KEY-----
            """;

    @TempDir
    Path dir;

    private static Manifests render(UnaryOperator<TemplateCommand> values) {
        TemplateCommand template = new Helm(ProjectFiles.CHART).template().withName("demo")
                .withNamespace("forecasting").withKubeVersion("v1.33.0").set("security.adminKey", "tsf_chart-admin");
        return Manifests.parse(values.apply(template).call());
    }

    private Path values(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "values-", ".yaml"), yaml);
    }

    @Test
    void offByDefault() {
        Manifests manifests = render(UnaryOperator.identity());

        assertThat(map(manifests.one("ConfigMap"), "data").keySet()).noneMatch(key -> key.contains("JWT"));
        assertThat(list(manifests.container(), "volumeMounts")).noneMatch(m -> "jwt-public-key".equals(m.get("name")));
    }

    @Test
    void anIssuerWithAudiencesAndRoleClaimsBecomesEnvironment() throws IOException {
        Path file = values("""
                security:
                  jwt:
                    issuerUri: %s
                    audiences: [tsforge-api, account]
                    roleClaims: [realm_access.roles, scope]
                """.formatted(ISSUER));
        Manifests manifests = render(helm -> helm.withValuesFile(file));

        assertThat(map(manifests.one("ConfigMap"), "data"))
                .containsEntry("TSFORGE_SECURITY_JWT_ISSUER_URI", ISSUER)
                .containsEntry("TSFORGE_SECURITY_JWT_AUDIENCES", "tsforge-api,account")
                .containsEntry("TSFORGE_SECURITY_JWT_ROLE_CLAIMS", "realm_access.roles,scope")
                .doesNotContainKeys("TSFORGE_SECURITY_JWT_JWK_SET_URI", "TSFORGE_SECURITY_JWT_PUBLIC_KEY_LOCATION");
        assertThat(manifests.all("ConfigMap")).hasSize(1);
    }

    @Test
    void aPublicKeyIsMountedWhereTheServiceIsToldToReadIt() throws IOException {
        Path file = values("""
                security:
                  jwt:
                    issuerUri: %s
                    publicKey: |
                %s""".formatted(ISSUER, PEM.indent(6)));
        Manifests manifests = render(helm -> helm.withValuesFile(file));

        Map<String, Object> keyMap = manifests.all("ConfigMap").stream()
                .filter(config -> at(config, "metadata.name").equals(FULLNAME + "-jwt")).findFirst().orElseThrow();
        assertThat(map(keyMap, "data").get("public-key.pem")).isEqualTo(PEM);

        String location = (String) map(manifests.all("ConfigMap").stream()
                .filter(config -> at(config, "metadata.name").equals(FULLNAME)).findFirst().orElseThrow(), "data")
                .get("TSFORGE_SECURITY_JWT_PUBLIC_KEY_LOCATION");
        Map<String, Object> mount = named(list(manifests.container(), "volumeMounts"), "jwt-public-key");
        assertThat(location).isEqualTo(mount.get("mountPath") + "/public-key.pem");
        assertThat(mount).containsEntry("readOnly", true);
        assertThat((String) at(named(list(manifests.podSpec(), "volumes"), "jwt-public-key"), "configMap.name"))
                .isEqualTo(FULLNAME + "-jwt");
        Map<String, Object> annotations = map(manifests.one("Deployment"), "spec.template.metadata.annotations");
        assertThat((String) annotations.get("checksum/jwt")).as("a new key rolls the pods").matches("[0-9a-f]{64}");
    }

    @Test
    void settingsThatCannotWorkAreRefused() throws IOException {
        Path both = values("""
                security:
                  jwt:
                    jwkSetUri: %s/protocol/openid-connect/certs
                    publicKey: |
                %s""".formatted(ISSUER, PEM.indent(6)));
        assertThatThrownBy(() -> render(helm -> helm.withValuesFile(both)))
                .hasMessageContaining("set jwkSetUri or publicKey, not both");
        assertThatThrownBy(() -> render(helm -> helm.set("security.enabled", false)
                .set("security.jwt.issuerUri", ISSUER))).hasMessageContaining("needs security.enabled=true");
        assertThatThrownBy(() -> render(helm -> helm.set("security.jwt.issuerUri", "keycloak")))
                .hasMessageContaining("'/security/jwt/issuerUri'");
        assertThatThrownBy(() -> render(helm -> helm.set("security.jwt.publicKey", "not-a-key")))
                .hasMessageContaining("'/security/jwt/publicKey'");
        assertThatThrownBy(() -> render(helm -> helm.set("security.jwt.issuer", ISSUER)))
                .hasMessageContaining("'issuer' not allowed");
    }
}
