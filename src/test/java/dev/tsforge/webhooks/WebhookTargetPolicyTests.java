package dev.tsforge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a webhook may reach, without a Spring context: the policy's table, address by address. */
class WebhookTargetPolicyTests {

    private static final Map<String, String> NAMES = Map.of("metadata.example.test", "169.254.169.254",
            "public.example.test", "93.184.215.14", "mixed.example.test", "10.0.0.7",
            "allowed.example.test", "10.20.30.40");

    private static TargetPolicy policy(List<String> allowed) {
        return new TargetPolicy(host -> {
            String address = NAMES.get(host);
            return address != null ? new InetAddress[] {InetAddress.getByName(address)}
                    : new InetAddress[] {InetAddress.getByName(host)};
        }, properties("", allowed));
    }

    static WebhookProperties properties(String key, List<String> allowed) {
        return new WebhookProperties(key, allowed, false, 6, Duration.ofSeconds(30), 3, Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMinutes(2), 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "0.0.0.0", "10.0.0.1", "172.16.5.4", "172.31.255.255",
            "192.168.0.1", "169.254.169.254", "100.64.0.1", "100.127.255.254", "198.18.0.1", "224.0.0.1",
            "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:10.0.0.1",
            "::ffff:127.0.0.1", "64:ff9b::a00:1", "2002:a00:1::1", "ff02::1", "metadata.example.test",
            "mixed.example.test"})
    void internalAddressesAreRefused(String host) {
        assertThatThrownBy(() -> policy(List.of()).addresses(host)).isInstanceOf(TargetPolicy.ForbiddenTarget.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
            "public.example.test"})
    void publicAddressesPass(String host) throws Exception {
        assertThat(policy(List.of()).addresses(host)).hasSize(1);
    }

    @Test
    void allowedTargetsLetRangesAndNamesThrough() throws Exception {
        TargetPolicy policy = policy(List.of("10.0.0.0/24", "allowed.example.test", "::1"));
        assertThat(policy.addresses("10.0.0.9")).hasSize(1);
        assertThat(policy.addresses("mixed.example.test")).hasSize(1);
        assertThat(policy.addresses("allowed.example.test")).hasSize(1);
        assertThat(policy.addresses("[::1]")).hasSize(1);
        assertThatThrownBy(() -> policy.addresses("10.0.1.9")).isInstanceOf(TargetPolicy.ForbiddenTarget.class);
        assertThatThrownBy(() -> policy.addresses("127.0.0.1")).isInstanceOf(TargetPolicy.ForbiddenTarget.class);
    }

    @Test
    void urlsMustBeHttpsWithAHostAndNoCredentials() {
        TargetPolicy policy = policy(List.of());
        for (String url : List.of("http://public.example.test/hook", "ftp://public.example.test/",
                "https://user:pw@public.example.test/", "https:///nohost", "not a url", "")) {
            assertThatThrownBy(() -> policy.check(url)).as(url).isInstanceOfSatisfying(ApiProblemException.class,
                    e -> assertThat(e.problemType()).isEqualTo(ProblemType.INVALID_FIELD));
        }
        assertThat(policy.check("https://public.example.test/hook").getHost()).isEqualTo("public.example.test");
        assertThatThrownBy(() -> policy.check("https://metadata.example.test/latest"))
                .isInstanceOfSatisfying(ApiProblemException.class,
                        e -> assertThat(e.problemType()).isEqualTo(ProblemType.WEBHOOK_TARGET_FORBIDDEN));
    }

    @Test
    void secretsAreSealedAndOpenedOnlyWithTheirKey() {
        SecretCipher cipher = new SecretCipher(properties("q2jvU0s7n2o8m3QmRk1xY2Zq3v9t0PlW1sE4r6T8u0A=", List.of()));
        byte[] secret = "a secret of thirty-two bytes....".getBytes();
        SecretCipher.Sealed sealed = cipher.seal(secret);
        assertThat(sealed.cipherText()).doesNotContain("secret");
        assertThat(cipher.open(sealed)).isEqualTo(secret);
        assertThat(cipher.seal(secret).nonce()).isNotEqualTo(sealed.nonce());

        SecretCipher other = new SecretCipher(properties("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", List.of()));
        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(IllegalStateException.class);
        SecretCipher none = new SecretCipher(properties("", List.of()));
        assertThatThrownBy(() -> none.seal(secret)).isInstanceOfSatisfying(ApiProblemException.class,
                e -> assertThat(e.problemType()).isEqualTo(ProblemType.WEBHOOKS_NOT_CONFIGURED));
        assertThatThrownBy(() -> new SecretCipher(properties("c2hvcnQ=", List.of())))
                .hasMessageContaining("32 bytes");
    }

    @Test
    void theSignatureIsStandardWebhooks() {
        // the example from the Standard Webhooks reference libraries' tests
        byte[] key = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(Signatures.sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}
