package dev.tsforge.training;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.TrainingMemory;
import dev.tsforge.runtime.GpuMemory;
import dev.tsforge.series.SeriesService;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts a network's training on the CUDA backend only when the GPU has the memory it needs ({@link TrainingMemory})
 * free beside what the jobs already running on this replica hold; otherwise the job stays QUEUED with the reason in
 * {@code waitingFor} and JobRunr runs it again after {@code tsforge.training.gpu-memory-recheck}, the worker free
 * meanwhile. A job that needs more than the whole GPU fails at once with that reason. On the CPU backend, and for
 * statistical models, jobs start as before.
 *
 * <p>Conservative on purpose: a running job's estimate is subtracted from the free memory the driver reports even
 * when the job has already allocated it, so a second job may wait longer than it had to, never start into an out of
 * memory. Reservations are per replica: each replica has its own GPU.
 */
@Component
class GpuAdmission {

    private static final Logger log = LoggerFactory.getLogger(GpuAdmission.class);
    private static final long MIB = 1L << 20;

    /** What to do with a job now. */
    enum Verdict { START, WAIT, NEVER }

    record Decision(Verdict verdict, String reason) {
    }

    private final GpuMemory memory;
    private final TrainingJobRepository jobs;
    private final SeriesService series;
    private final TrainingQueue queue;
    private final Clock clock;
    private final Duration recheck;
    private final Map<Long, Long> held = new ConcurrentHashMap<>();

    GpuAdmission(GpuMemory memory, TrainingJobRepository jobs, SeriesService series, TrainingQueue queue, Clock clock,
            TsforgeProperties properties) {
        this.memory = memory;
        this.jobs = jobs;
        this.series = series;
        this.queue = queue;
        this.clock = clock;
        this.recheck = properties.training().gpuMemoryRecheck();
    }

    /**
     * Runs {@code work} for the job if it may start now, holding its estimate until the work returns; otherwise
     * records why it waits and has it run again later, or fails it.
     */
    void run(long jobId, Runnable work) {
        Long required = memory.active() ? required(jobId) : null;
        if (required == null) {
            work.run();
            return;
        }
        Decision decision = admit(jobId, required);
        switch (decision.verdict()) {
            case START -> {
                try {
                    work.run();
                } finally {
                    held.remove(jobId);
                }
            }
            case WAIT -> {
                if (jobs.markWaiting(jobId, decision.reason())) {
                    queue.runAgainAt(jobId, clock.instant().plus(recheck));
                    log.info("Training job {} waits: {}", jobId, decision.reason());
                }
            }
            case NEVER -> {
                jobs.markFailed(jobId, decision.reason(), clock.instant());
                log.warn("Training job {} failed: {}", jobId, decision.reason());
            }
        }
    }

    /** The job's estimate; null when there is nothing to admit (not a network, not QUEUED, gone). */
    private Long required(long jobId) {
        TrainingJob job = jobs.find(jobId).orElse(null);
        if (job == null || job.status() != JobStatus.QUEUED || !(job.spec() instanceof NetworkSpec network)) {
            return null;
        }
        long points = series.stats(job.seriesId()).count();
        long windows = Math.max(1, points - network.window().lookback() - network.window().horizon());
        return TrainingMemory.of(network, windows).totalBytes();
    }

    /** Decides against a fresh reading and, to start, takes the reservation under the same lock. */
    private synchronized Decision admit(long jobId, long required) {
        long holding = held.values().stream().mapToLong(Long::longValue).sum();
        Decision decision = memory.read()
                .map(reading -> decide(required, reading, holding, held.size()))
                .orElseGet(() -> new Decision(Verdict.START, "GPU memory unreadable; started unchecked"));
        if (decision.verdict() == Verdict.START) {
            held.put(jobId, required);
        }
        return decision;
    }

    /**
     * @param holding estimates of the jobs running on this replica
     * @param running how many they are
     */
    static Decision decide(long required, GpuMemory.Reading reading, long holding, int running) {
        if (required > reading.totalBytes()) {
            return new Decision(Verdict.NEVER, "This training needs about " + mib(required) + " of GPU memory, more "
                    + "than the " + mib(reading.totalBytes()) + " of " + reading.device() + ": use a smaller batch, "
                    + "fewer units or layers, a shorter lookback or series, or train on the CPU backend.");
        }
        long available = reading.freeBytes() - holding;
        if (available >= required) {
            return new Decision(Verdict.START, mib(required) + " of " + mib(available) + " available");
        }
        return new Decision(Verdict.WAIT, "GPU memory: needs about " + mib(required) + "; " + reading.device()
                + " has " + mib(reading.freeBytes()) + " free of " + mib(reading.totalBytes())
                + (running == 0 ? "" : ", of which " + running + " running job(s) here may take " + mib(holding)));
    }

    private static String mib(long bytes) {
        return (bytes + MIB - 1) / MIB + " MiB";
    }
}
