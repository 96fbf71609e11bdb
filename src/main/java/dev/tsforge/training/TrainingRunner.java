package dev.tsforge.training;

import dev.tsforge.model.InsufficientDataException;
import dev.tsforge.model.NetworkSpec;
import dev.tsforge.model.NetworkTrainer;
import dev.tsforge.model.TrainingOutcome;
import dev.tsforge.registry.ModelRegistry;
import dev.tsforge.registry.ModelStore;
import dev.tsforge.registry.ModelVersion;
import dev.tsforge.series.GapFreeRuns;
import dev.tsforge.series.Point;
import dev.tsforge.series.Series;
import dev.tsforge.series.SeriesService;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one job on a training thread: reads the points, fits without any open transaction, writes the artifact,
 * then registers the model and marks the job SUCCEEDED in one short transaction.
 */
@Component
class TrainingRunner {

    private static final Logger log = LoggerFactory.getLogger(TrainingRunner.class);

    private final TrainingJobRepository jobs;
    private final SeriesService series;
    private final NetworkTrainer trainer;
    private final ModelRegistry registry;
    private final ModelStore store;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private volatile boolean stopping;

    TrainingRunner(TrainingJobRepository jobs, SeriesService series, NetworkTrainer trainer, ModelRegistry registry,
            ModelStore store, TransactionTemplate transaction, Clock clock) {
        this.jobs = jobs;
        this.series = series;
        this.trainer = trainer;
        this.registry = registry;
        this.store = store;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Set when the application context starts closing, while the database is still open: the running fit stops
     * at its next epoch and records why, and queued jobs stay QUEUED (failed as interrupted at the next start).
     * A flag rather than a thread interrupt, which would close the database's file channels under it.
     */
    @EventListener(ContextClosedEvent.class)
    void stopTraining() {
        stopping = true;
    }

    void run(long jobId) {
        if (stopping || !jobs.markRunning(jobId, clock.instant())) {
            return; // deleted with its series, or failed by restart recovery, while it waited
        }
        TrainingJob job = jobs.find(jobId).orElseThrow();
        String artifact = store.artifactName(job.seriesId(), jobId);
        try {
            ModelVersion model = train(job, artifact);
            transaction.executeWithoutResult(status -> {
                long modelId = registry.register(model);
                if (!jobs.markSucceeded(jobId, modelId, clock.instant())) {
                    throw new IllegalStateException("the job was no longer RUNNING when training finished");
                }
            });
            log.info("Training job {} for series {} succeeded: loss {} in {} ms", jobId, job.seriesId(),
                    model.finalLoss(), model.trainingMillis());
        } catch (RuntimeException | Error e) {
            store.delete(artifact);
            log.warn("Training job {} for series {} failed", jobId, job.seriesId(), e);
            try {
                jobs.markFailed(jobId, describe(e), clock.instant());
            } catch (RuntimeException unrecorded) {
                // the next start-up fails the job as interrupted
                log.warn("Could not record the failure of training job {}: {}", jobId, unrecorded.getMessage());
            }
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    private ModelVersion train(TrainingJob job, String artifact) {
        Series target = series.get(job.seriesId());
        List<Point> points = series.points(job.seriesId(), null, null);
        NetworkSpec spec = job.spec();
        TrainingOutcome outcome = trainer.train(GapFreeRuns.split(points, target.frequency()), spec,
                (epoch, loss) -> {
                    if (stopping) {
                        throw new CancellationException("cancelled: the service shut down during epoch " + epoch
                                + "; submit the job again");
                    }
                    jobs.recordEpoch(job.id(), epoch, loss);
                }, store.resolve(artifact));
        ModelVersion model = new ModelVersion(0, job.seriesId(), job.id(), spec, points.get(0).timestamp(),
                points.get(points.size() - 1).timestamp(), points.size(), outcome.windows(), outcome.finalLoss(),
                outcome.trainingMillis(), outcome.engine(), artifact, clock.instant());
        store.writeProvenance(artifact, provenance(target, model));
        return model;
    }

    private static Map<String, Object> provenance(Series series, ModelVersion model) {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("series", Map.of("id", series.id(), "name", series.name(),
                "frequency", series.frequency().toString()));
        provenance.put("trainingJobId", model.trainingJobId());
        provenance.put("spec", model.spec());
        provenance.put("data", Map.of("from", model.dataFrom().toString(), "to", model.dataTo().toString(),
                "points", model.pointCount(), "windows", model.windowCount()));
        provenance.put("finalLoss", model.finalLoss());
        provenance.put("trainingMillis", model.trainingMillis());
        provenance.put("engine", model.engine());
        provenance.put("createdAt", model.createdAt().toString());
        return provenance;
    }

    private static String describe(Throwable e) {
        if (e instanceof InsufficientDataException || e instanceof IllegalStateException
                || e instanceof CancellationException) {
            return e.getMessage();
        }
        return "Training failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
