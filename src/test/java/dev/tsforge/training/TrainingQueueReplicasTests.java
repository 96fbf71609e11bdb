package dev.tsforge.training;

import dev.tsforge.series.SeriesService;
import dev.tsforge.support.PostgresAvailable;
import dev.tsforge.support.Services;
import dev.tsforge.support.TestPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two replicas on one PostgreSQL, submitting at once from many threads, never admit more jobs than the queue's bound
 * (concurrency + queue capacity): the count and the insert are one locked step across replicas.
 */
@PostgresAvailable
class TrainingQueueReplicasTests {

    private static final String SCHEMA = TestPostgres.newSchema();
    private static final int CONCURRENCY = 1;
    private static final int QUEUE_CAPACITY = 2;
    private static final int CAPACITY = CONCURRENCY + QUEUE_CAPACITY;
    private static final int SENDERS_PER_REPLICA = 8;
    /** Bursts on an empty queue, each a fresh chance for the race. */
    private static final int BURSTS = 5;

    @AfterAll
    static void dropSchema() throws Exception {
        TestPostgres.dropSchema(SCHEMA);
    }

    private static ConfigurableApplicationContext replica(Path models) {
        return Services.startReplica(SCHEMA, models, "--tsforge.training.concurrency=" + CONCURRENCY,
                "--tsforge.training.queue-capacity=" + QUEUE_CAPACITY,
                // accepted jobs stay QUEUED: the bound is all that is measured
                "--jobrunr.background-job-server.enabled=false");
    }

    private static URI baseUri(ConfigurableApplicationContext context) {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void concurrentSubmissionsOnTwoReplicasAdmitExactlyTheCapacity(@TempDir Path models) throws Exception {
        try (ConfigurableApplicationContext a = replica(models); ConfigurableApplicationContext b = replica(models)) {
            TrainingService training = a.getBean(TrainingService.class);
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            long seriesId = Services.hourlySine(a.getBean(SeriesService.class), "burst", 100);
            QueueBurst burst = new QueueBurst();
            for (int i = 0; i < BURSTS; i++) {
                List<QueueBurst.Answer> answers = burst.submitAtOnce(List.of(baseUri(a), baseUri(b)), seriesId,
                        SENDERS_PER_REPLICA);
                QueueBurst.assertExactlyCapacityAccepted(answers, CAPACITY, jdbc);
                QueueBurst.cancelAll(training, answers);
            }
        }
    }
}
