package dev.tsforge.forecasting.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.HttpApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Forecasts take turns, one at a time in this context: a request waits for the turn and is refused with 503 after
 * the queue timeout; other requests never wait; a client that sends its body slowly holds no turn. A turn is held
 * here by passing a request through the service's own filter with a chain that waits on a latch, as a long forecast
 * would hold it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tsforge.forecasting.concurrency=1", "tsforge.forecasting.queue-timeout=1500ms"})
@ActiveProfiles("test")
class ForecastAdmissionTests {

    /** A forecast of a model that does not exist: answered 404 once admitted, so it shows that it was. */
    private static final String UNKNOWN_MODEL = "{\"modelId\": 987654, \"horizon\": 3, \"values\": [1, 2, 3, 4]}";

    @LocalServerPort
    int port;

    @Autowired
    ForecastAdmission admission;

    @Autowired
    MeterRegistry meters;

    private HttpApi api;

    @BeforeEach
    void client() {
        api = HttpApi.localhost(port);
    }

    @Test
    void aForecastWaitsForTheTurnAndIsRefusedWith503AfterTheQueueTimeout() throws Exception {
        double refusedBefore = meters.counter("tsforge.forecast.refused.busy").count();
        try (HeldTurn held = new HeldTurn()) {
            long start = System.nanoTime();
            HttpResponse<String> refused = api.post("/api/v1/forecasts", "application/json", UNKNOWN_MODEL);
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            JsonNode problem = api.json(refused);
            assertThat(problem.get("type").asString()).isEqualTo("urn:tsforge:problem:forecasts-busy");
            assertThat(problem.get("detail").asString()).contains("1500 ms", "tsforge.forecasting.queue-timeout");
            assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/forecasts");
            assertThat(waitedMs).isGreaterThanOrEqualTo(1450);
            assertThat(meters.counter("tsforge.forecast.refused.busy").count()).isEqualTo(refusedBefore + 1);

            // batches take turns too; requests that are not single or batch forecasts never wait (the turn is held
            // until this block ends: one that waited for it would not be answered here)
            assertThat(api.post("/api/v1/forecasts/batch", "application/json", "{\"items\": [" + UNKNOWN_MODEL
                    + "]}").statusCode()).isEqualTo(503);
            HttpResponse<String> created = api.post("/api/v1/series", "application/json",
                    "{\"name\": \"admission-" + System.nanoTime() + "\", \"frequency\": \"P1D\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(api.get("/api/v1/forecasts").statusCode()).isEqualTo(405);
        }
        HttpResponse<String> admitted = api.post("/api/v1/forecasts", "application/json", UNKNOWN_MODEL);
        assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(404);
    }

    @Test
    void aWaitingForecastIsAnsweredOnceTheTurnIsFree() throws Exception {
        CompletableFuture<HttpResponse<String>> waiting;
        try (HeldTurn held = new HeldTurn()) {
            waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return api.post("/api/v1/forecasts", "application/json", UNKNOWN_MODEL);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            assertThat(waiting).isNotDone();
        }
        HttpResponse<String> answered = waiting.get(5, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(404);
        assertThat(api.json(answered).get("detail").asString()).contains("987654");
    }

    /**
     * Half a body, then a pause longer than the queue timeout: had the slow request taken the turn before reading its
     * body, the forecast sent meanwhile would be refused. Its body, once complete, is read as sent.
     */
    @Test
    void aClientSendingItsBodySlowlyHoldsNoTurn() throws Exception {
        byte[] body = UNKNOWN_MODEL.getBytes(StandardCharsets.UTF_8);
        try (Socket slow = new Socket("127.0.0.1", port)) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /api/v1/forecasts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(300);

            // admitted, not refused after waiting the queue timeout
            HttpResponse<String> meanwhile = api.post("/api/v1/forecasts", "application/json", UNKNOWN_MODEL);
            assertThat(meanwhile.statusCode()).as(meanwhile.body()).isEqualTo(404);

            Thread.sleep(1700);
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(slow.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 404");
            String answer = in.lines().reduce("", String::concat);
            assertThat(answer).contains("987654");
        }
    }

    /** The one turn, held by a request in the service's filter until closed. */
    private final class HeldTurn implements AutoCloseable {

        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final CompletableFuture<Void> holder;

        HeldTurn() throws InterruptedException {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/forecasts");
            request.setContent(new byte[0]);
            holder = CompletableFuture.runAsync(() -> {
                try {
                    admission.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
                        entered.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(entered.await(5, TimeUnit.SECONDS)).as("the turn taken").isTrue();
        }

        @Override
        public void close() throws Exception {
            release.countDown();
            holder.get(5, TimeUnit.SECONDS);
        }
    }
}
