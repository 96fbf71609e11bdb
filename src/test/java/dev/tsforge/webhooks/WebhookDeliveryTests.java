package dev.tsforge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tsforge.support.Await;
import dev.tsforge.support.Csv;
import dev.tsforge.support.HttpApi;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks end to end over real HTTP: subscriptions made through the API, deliveries sent by the service's own
 * poller to a receiver in the test (the JDK's {@code HttpServer} on 127.0.0.1, which this context allows by
 * configuration), signatures checked as a receiver would check them (Standard Webhooks), a retry after a 500 seen in
 * the delivery log, and internal targets refused: private addresses, names that resolve to one (through the test's
 * resolver), and a name whose answer changes to a private address after the subscription was accepted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tsforge.webhooks.secret-key=" + WebhookDeliveryTests.KEY,
        "tsforge.webhooks.allowed-targets=127.0.0.1/32",
        "tsforge.webhooks.allow-http=true",
        "tsforge.webhooks.poll-interval=200ms",
        "tsforge.webhooks.first-retry-delay=300ms",
        "tsforge.webhooks.max-attempts=3"})
@ActiveProfiles("test")
// imported rather than found as a nested class, so that the PostgreSQL subclass gets it too
@Import(WebhookDeliveryTests.Names.class)
class WebhookDeliveryTests {

    static final String KEY = "q2jvU0s7n2o8m3QmRk1xY2Zq3v9t0PlW1sE4r6T8u0A=";
    private static final String JSON = "application/json";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Names the test's resolver answers: the receiver's (allowed), a private one, and one whose answer changes. */
    static final Map<String, String> NAMES = new ConcurrentHashMap<>(Map.of(
            "receiver.hooks.test", "127.0.0.1",
            "private.hooks.test", "192.168.10.20",
            "rebind.hooks.test", "203.0.113.7"));

    @TestConfiguration
    static class Names {
        @Bean
        @Primary
        HostResolver testResolver() {
            return host -> {
                String address = NAMES.get(host);
                if (address != null) {
                    return new InetAddress[] {InetAddress.getByName(address)};
                }
                if (host.endsWith(".test")) {
                    throw new UnknownHostException(host);
                }
                return InetAddress.getAllByName(host);
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    DeliveryRepository deliveries;

    HttpApi api;
    HttpServer receiver;
    /** Statuses the receiver answers, in turn; 204 once they are used up. */
    final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    record Received(Map<String, String> headers, String body) {
    }

    @BeforeEach
    void start() throws Exception {
        api = HttpApi.localhost(port);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            received.add(new Received(headers, body));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void aPingIsDeliveredWithAValidSignature() throws Exception {
        JsonNode hook = subscribe("http://receiver.hooks.test:" + receiver.getAddress().getPort() + "/hook",
                "job.succeeded");
        String secret = hook.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(api.get("/api/v1/webhooks/" + hook.get("id").asLong()).body()).doesNotContain(secret);

        HttpResponse<String> test = api.post("/api/v1/webhooks/" + hook.get("id").asLong() + "/test", null, null);
        assertThat(test.statusCode()).as(test.body()).isEqualTo(202);
        JsonNode delivery = awaitDelivery(hook, "DELIVERED");

        assertThat(received).hasSize(1);
        Received request = received.get(0);
        assertSigned(request, secret);
        assertThat(request.headers().get("webhook-id")).isEqualTo(delivery.get("webhookId").asString());
        assertThat(request.headers().get("content-type")).startsWith("application/json");
        JsonNode body = MAPPER.readTree(request.body());
        assertThat(body.get("type").asString()).isEqualTo("ping");
        assertThat(body.get("data").get("webhookId").asLong()).isEqualTo(hook.get("id").asLong());
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(204);
        assertThat(delivery.get("attemptLog").get(0).get("statusCode").asInt()).isEqualTo(204);
        assertThat(delivery.get("deliveredAt").isNull()).isFalse();
    }

    @Test
    void aDeliveryIsRetriedAfterA500AndTheLogShowsBothAttempts() throws Exception {
        answers.add(500);
        JsonNode hook = subscribe("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "job.failed");
        api.post("/api/v1/webhooks/" + hook.get("id").asLong() + "/test", null, null);

        JsonNode delivery = awaitDelivery(hook, "DELIVERED");

        assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
        List<Integer> codes = StreamSupport.stream(delivery.get("attemptLog").spliterator(), false)
                .map(attempt -> attempt.get("statusCode").asInt()).toList();
        assertThat(codes).containsExactly(500, 204);
        assertThat(delivery.get("attemptLog").get(0).get("error").asString()).isEqualTo("HTTP 500");
        assertThat(received).hasSize(2);
        // the same message both times (one id, one body), each attempt signed with its own timestamp
        assertThat(received.get(1).headers().get("webhook-id")).isEqualTo(received.get(0).headers().get("webhook-id"));
        assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
        for (Received request : received) {
            assertSigned(request, hook.get("secret").asString());
        }
    }

    @Test
    void a410GoneDeactivatesTheSubscription() throws Exception {
        answers.add(410);
        JsonNode hook = subscribe("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "job.failed");
        api.post("/api/v1/webhooks/" + hook.get("id").asLong() + "/test", null, null);

        JsonNode delivery = awaitDelivery(hook, "FAILED");

        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(410);
        JsonNode subscription = api.json(api.get("/api/v1/webhooks/" + hook.get("id").asLong()));
        assertThat(subscription.get("active").asBoolean()).isFalse();
        assertThat(subscription.get("deactivatedReason").asString()).contains("410 Gone");
    }

    @Test
    void internalTargetsAreRefusedAtSubscription() throws Exception {
        for (String url : List.of("https://10.0.0.1/hook", "https://192.168.1.5/hook",
                "https://169.254.169.254/latest/meta-data", "https://[::1]/hook", "https://100.64.0.1/hook",
                "https://private.hooks.test/hook")) {
            HttpResponse<String> refused = create(url, "job.succeeded");
            assertThat(refused.statusCode()).as(url + ": " + refused.body()).isEqualTo(422);
            JsonNode problem = api.json(refused);
            assertThat(problem.get("type").asString()).isEqualTo("urn:tsforge:problem:webhook-target-forbidden");
            assertThat(problem.get("url").asString()).isEqualTo(url);
        }
        assertThat(api.json(create("https://private.hooks.test/hook", "job.succeeded")).get("detail").asString())
                .contains("resolves to 192.168.10.20");
        assertThat(api.get("/api/v1/webhooks").body()).doesNotContain("10.0.0.1", "private.hooks.test");
    }

    @Test
    void aNameThatResolvesToAnInternalAddressAtSendTimeIsNotCalled() throws Exception {
        JsonNode hook = subscribe("https://rebind.hooks.test/hook", "job.succeeded");
        NAMES.put("rebind.hooks.test", "10.1.2.3");
        try {
            api.post("/api/v1/webhooks/" + hook.get("id").asLong() + "/test", null, null);
            JsonNode delivery = awaitDelivery(hook, "FAILED");
            // refused before any connection, and not retried: another try would be refused the same way
            assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
            assertThat(delivery.get("lastStatusCode").isNull()).isTrue();
            assertThat(delivery.get("lastError").asString()).contains("resolves to 10.1.2.3");
        } finally {
            NAMES.put("rebind.hooks.test", "203.0.113.7");
        }
    }

    @Test
    void badSubscriptionsAreRefused() throws Exception {
        assertThat(create("ftp://example.com/hook", "job.succeeded").statusCode()).isEqualTo(400);
        assertThat(create("https://nowhere.hooks.test/hook", "job.succeeded").statusCode()).isEqualTo(400);
        // ping is sent on request to every subscription, never subscribed to
        HttpResponse<String> ping = create("https://example.com/hook", "ping");
        assertThat(ping.statusCode()).isEqualTo(400);
        assertThat(api.json(ping).get("type").asString()).isEqualTo("urn:tsforge:problem:invalid-field");
        assertThat(create("https://rebind.hooks.test/anomalies", "series.anomaly-found").statusCode()).isEqualTo(201);
        assertThat(create("https://example.com/hook", "job.exploded").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/webhooks/999999").statusCode()).isEqualTo(404);
    }

    @Test
    void aTrainingThatEndsIsAnnouncedToItsSubscribers() throws Exception {
        JsonNode hook = subscribe("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                "job.succeeded", "model.champion-changed");
        long series = api.createSeries("webhook-sine-" + System.nanoTime(), "P1D");
        api.ingestCsv(series, Csv.daily(120, day -> 10 + Math.sin(day / 2.0)));
        long job = api.startTraining(series, "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], "
                + "\"lookback\": 12, \"horizon\": 3, \"epochs\": 3, \"validationFraction\": 0.2}");
        JsonNode done = api.awaitJobStatus(job, Duration.ofMinutes(2), "SUCCEEDED", "FAILED");
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");

        long model = done.get("modelId").asLong();
        JsonNode ended = awaitReceived("job.succeeded", series);
        assertThat(ended.get("data").get("jobId").asLong()).isEqualTo(job);
        assertThat(ended.get("data").get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(ended.get("data").get("modelId").asLong()).isEqualTo(model);

        // promoted at registration (it beat seasonal naive) or now by hand: either way the subscribers hear of it
        boolean champion = api.json(api.get("/api/v1/models/" + model)).get("champion").asBoolean();
        if (!champion) {
            assertThat(api.post("/api/v1/models/" + model + "/promote", null, null).statusCode()).isEqualTo(200);
        }
        JsonNode changed = awaitReceived("model.champion-changed", series);
        assertThat(changed.get("data").get("modelId").asLong()).isEqualTo(model);
        assertThat(changed.get("data").get("previousModelId").isNull()).isTrue();
        assertThat(changed.get("data").get("trigger").asString()).isEqualTo(champion ? "training" : "manual");
        for (Received request : received) {
            assertSigned(request, hook.get("secret").asString());
        }
    }

    /** Two replicas claim the same due delivery at once: one wins; a claim whose lease ran out can be taken over. */
    @Test
    void aDeliveryIsClaimedByOneReplicaAndAnExpiredClaimIsTakenOver() throws Exception {
        JsonNode hook = subscribe("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "job.succeeded");
        // due only in a day, so that this replica's own poller leaves it alone
        Instant later = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        long id = deliveries.insert(hook.get("id").asLong(), "ping", "{}", later);

        assertThat(deliveries.due(later, 100)).contains(id);
        assertThat(deliveries.claim(id, "replica-a", later, later.plusSeconds(60))).isTrue();
        assertThat(deliveries.claim(id, "replica-b", later, later.plusSeconds(60))).isFalse();
        assertThat(deliveries.due(later.plusSeconds(30), 100)).doesNotContain(id);
        // replica-a crashed: after its lease, replica-b takes the delivery, and a late answer from replica-a is refused
        assertThat(deliveries.claim(id, "replica-b", later.plusSeconds(61), later.plusSeconds(121))).isTrue();
        assertThat(deliveries.finish(id, "replica-a", 1, "DELIVERED", 204, null, 5, later.plusSeconds(62),
                later.plusSeconds(62))).isFalse();
        assertThat(deliveries.finish(id, "replica-b", 1, "DELIVERED", 204, null, 5, later.plusSeconds(62),
                later.plusSeconds(62))).isTrue();
        assertThat(deliveries.find(id).orElseThrow().status()).isEqualTo("DELIVERED");
    }

    private JsonNode awaitReceived(String type, long series) throws Exception {
        return Await.until("a " + type + " delivery", Duration.ofSeconds(20), Duration.ofMillis(100),
                () -> List.copyOf(received).stream().map(request -> MAPPER.readTree(request.body()))
                        .filter(body -> body.get("type").asString().equals(type)
                                && body.get("data").path("seriesId").asLong() == series)
                        .findFirst().orElse(null),
                body -> body != null);
    }

    private JsonNode subscribe(String url, String... events) throws Exception {
        HttpResponse<String> created = create(url, events);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/api/v1/webhooks/" + api.json(created).get("id").asLong()));
        return api.json(created);
    }

    private HttpResponse<String> create(String url, String... events) throws Exception {
        return api.post("/api/v1/webhooks", JSON, MAPPER.writeValueAsString(Map.of("url", url, "events",
                List.of(events), "description", "test")));
    }

    private JsonNode awaitDelivery(JsonNode hook, String status) throws Exception {
        return Await.until("a " + status + " delivery", Duration.ofSeconds(20), Duration.ofMillis(100),
                () -> api.json(api.get("/api/v1/webhooks/" + hook.get("id").asLong() + "/deliveries"))
                        .get("items").get(0),
                delivery -> delivery != null && delivery.get("status").asString().equals(status));
    }

    /** What a receiver does (Standard Webhooks): HMAC-SHA256 of id.timestamp.body under the whsec_ secret's bytes. */
    private static void assertSigned(Received request, String secret) throws Exception {
        String id = request.headers().get("webhook-id");
        String timestamp = request.headers().get("webhook-timestamp");
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(60);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8));
        String signature = request.headers().get("webhook-signature");
        assertThat(signature).startsWith("v1,");
        assertThat(MessageDigest.isEqual(Base64.getDecoder().decode(signature.substring(3)), expected))
                .as("signature %s", signature).isTrue();
    }
}
