package dev.tsforge.training;

import dev.tsforge.model.TrainingOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What the training queue does, for operators: jobs by event and architecture, time waited in the queue, epoch time,
 * windows fitted per second, AUTO candidates tried, and the shared queue's depth. Every replica reports its own
 * events; the depth is the shared queue's, read from the database at each scrape, so every replica reports the same.
 */
@Component
class TrainingMetrics {

    /** What happened to a job; a tag value, so that one counter answers "how many failed" and "how many started". */
    enum Event { STARTED, SUCCEEDED, FAILED, CANCELLED, HANDED_BACK }

    private final MeterRegistry registry;

    TrainingMetrics(MeterRegistry registry, TrainingQueueRepository queue) {
        this.registry = registry;
        Gauge.builder("tsforge.training.queue.depth", queue, repository -> repository.countByStatus(JobStatus.QUEUED))
                .description("Jobs waiting in the shared training queue (all replicas)")
                .tag("status", "queued").register(registry);
        Gauge.builder("tsforge.training.queue.depth", queue, repository -> repository.countByStatus(JobStatus.RUNNING))
                .description("Jobs running (all replicas)")
                .tag("status", "running").register(registry);
        // at zero from the start, so that a dashboard or an alert sees them before the first AUTO search or promotion
        for (String kind : List.of("statistical", "network")) {
            for (boolean qualified : new boolean[] {true, false}) {
                candidates(kind, qualified);
            }
        }
        promotions();
    }

    void event(TrainingJob job, Event event) {
        Counter.builder("tsforge.training.jobs")
                .description("Jobs of the training queue by what happened to them")
                .tag("event", event.name().toLowerCase(Locale.ROOT))
                .tag("kind", job.kind().name().toLowerCase(Locale.ROOT))
                .tag("architecture", architecture(job))
                .register(registry).increment();
    }

    /** A job started on this replica after {@code waited} in the queue. */
    void started(TrainingJob job, Duration waited) {
        event(job, Event.STARTED);
        Timer.builder("tsforge.training.queue.wait")
                .description("Time from a job's submission to its start")
                .tag("kind", job.kind().name().toLowerCase(Locale.ROOT))
                .publishPercentileHistogram()
                .register(registry).record(waited.isNegative() ? Duration.ZERO : waited);
    }

    void epoch(TrainingJob job, long nanos) {
        Timer.builder("tsforge.training.epoch")
                .description("Time of one training epoch")
                .tag("architecture", architecture(job))
                .register(registry).record(Duration.ofNanos(nanos));
    }

    /** Training windows fitted per second over the whole fit (windows × epochs / time), for a network's fit. */
    void fitted(TrainingJob job, TrainingOutcome outcome) {
        if (outcome.epochsRun() < 1 || outcome.windows() < 1 || outcome.trainingMillis() < 1) {
            return;
        }
        DistributionSummary.builder("tsforge.training.throughput")
                .description("Training windows fitted per second, over all epochs of a fit")
                .baseUnit("windows.per.second")
                .tag("architecture", architecture(job))
                .register(registry)
                .record(outcome.windows() * (double) outcome.epochsRun() * 1000.0 / outcome.trainingMillis());
    }

    void candidatesTried(List<Candidate> tried) {
        for (Candidate candidate : tried) {
            candidates(candidate.statistical() ? "statistical" : "network", candidate.qualified()).increment();
        }
    }

    /** A model became its series' champion at registration. */
    void promoted() {
        promotions().increment();
    }

    private Counter candidates(String kind, boolean qualified) {
        return Counter.builder("tsforge.auto.candidates").description("Candidates an AUTO search scored")
                .tag("kind", kind).tag("qualified", String.valueOf(qualified)).register(registry);
    }

    private Counter promotions() {
        return Counter.builder("tsforge.promotions").description("Models made champion of their series")
                .tag("trigger", "training").register(registry);
    }

    /** AUTO for a search (whatever it chose), else the spec's architecture. */
    private static String architecture(TrainingJob job) {
        return job.autoBudgetSeconds() != null ? "AUTO" : job.spec().architectureName();
    }
}
