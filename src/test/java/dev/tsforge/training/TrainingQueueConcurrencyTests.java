package dev.tsforge.training;

import dev.tsforge.series.SeriesService;
import dev.tsforge.support.Services;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** On H2, in one service, submissions from many threads at once never admit more jobs than the queue's bound. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tsforge.training.concurrency=1", "tsforge.training.queue-capacity=2",
        // accepted jobs stay QUEUED: the bound is all that is measured
        "jobrunr.background-job-server.enabled=false"})
@ActiveProfiles("test")
class TrainingQueueConcurrencyTests {

    private static final int CAPACITY = 3;
    private static final int SENDERS = 12;
    private static final int BURSTS = 3;

    @LocalServerPort
    int port;
    @Autowired
    TrainingService training;
    @Autowired
    SeriesService series;
    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentSubmissionsAdmitExactlyTheCapacity() throws Exception {
        long seriesId = Services.hourlySine(series, "burst", 100);
        QueueBurst burst = new QueueBurst();
        for (int i = 0; i < BURSTS; i++) {
            List<QueueBurst.Answer> answers = burst.submitAtOnce(List.of(URI.create("http://127.0.0.1:" + port)),
                    seriesId, SENDERS);
            QueueBurst.assertExactlyCapacityAccepted(answers, CAPACITY, jdbc);
            QueueBurst.cancelAll(training, answers);
        }
    }
}
