package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many training submissions at once over real HTTP, spread over one or more running services (replicas) on one
 * database, for the tests of the queue's bound under concurrency. The job server is expected off, so that accepted
 * jobs stay QUEUED until {@link #cancelAll} cancels them.
 */
final class QueueBurst {

    /** Long enough for the queue tests' series of 100 points; never run, the job server being off. */
    static final String SPEC = "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], \"lookback\": 10, "
            + "\"horizon\": 6, \"epochs\": 10, \"validationFraction\": 0}";

    record Answer(int status, String retryAfter, JsonNode body) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Sends {@code perService} submissions to each service's {@code baseUri} at once: every sender waits on one
     * barrier, then posts. Returns every answer.
     */
    List<Answer> submitAtOnce(List<URI> services, long seriesId, int perService) throws Exception {
        int senders = services.size() * perService;
        CyclicBarrier start = new CyclicBarrier(senders);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (URI service : services) {
                for (int i = 0; i < perService; i++) {
                    answers.add(pool.submit(() -> {
                        HttpRequest request = HttpRequest.newBuilder(
                                        service.resolve("/api/v1/series/" + seriesId + "/trainings"))
                                .timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(SPEC))
                                .build();
                        start.await(30, TimeUnit.SECONDS);
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        return new Answer(response.statusCode(),
                                response.headers().firstValue("Retry-After").orElse(null),
                                json.readTree(response.body()));
                    }));
                }
            }
            List<Answer> result = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                result.add(answer.get(120, TimeUnit.SECONDS));
            }
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Asserts that exactly {@code capacity} submissions were accepted and every other one was refused as
     * queue-full with Retry-After, and that the database holds exactly {@code capacity} active jobs.
     */
    static void assertExactlyCapacityAccepted(List<Answer> answers, int capacity, JdbcClient jdbc) {
        List<Answer> accepted = answers.stream().filter(answer -> answer.status() == 202).toList();
        List<Answer> refused = answers.stream().filter(answer -> answer.status() != 202).toList();
        assertThat(accepted).as("accepted of %d submissions", answers.size()).hasSize(capacity);
        assertThat(accepted).allSatisfy(answer -> assertThat(answer.body().get("status").asString())
                .isEqualTo("QUEUED"));
        assertThat(refused).hasSize(answers.size() - capacity).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(503);
            assertThat(answer.retryAfter()).isEqualTo(String.valueOf(TrainingQueue.RETRY_AFTER_SECONDS));
            assertThat(answer.body().get("type").asString()).isEqualTo("urn:tsforge:problem:queue-full");
            assertThat(answer.body().get("capacity").asInt()).isEqualTo(capacity);
            assertThat(answer.body().get("retryAfterSeconds").asInt())
                    .isEqualTo(TrainingQueue.RETRY_AFTER_SECONDS);
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM training_job WHERE status IN ('QUEUED', 'RUNNING')")
                .query(Long.class).single()).as("active jobs in the database").isEqualTo(capacity);
    }

    /** Cancels the accepted (queued) jobs, which empties the queue for the next burst. */
    static void cancelAll(TrainingService training, List<Answer> answers) {
        answers.stream().filter(answer -> answer.status() == 202)
                .forEach(answer -> training.cancel(answer.body().get("id").asLong()));
    }
}
