package dev.tsforge.training;

import dev.tsforge.config.TsforgeProperties;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Hands collection runs' children to JobRunr a few at a time, and closes runs whose children have all finished.
 *
 * <p>Why children wait in our table rather than in JobRunr: JobRunr OSS (8.4) has one first-come queue per database
 * and one pool of workers per server (its {@code @Job} has no queue or priority; those are JobRunr Pro), and the
 * pool is the training concurrency. A thousand children enqueued at once would put every later request, a single
 * training or a backtest, behind all of them. So at most {@code tsforge.training.children-in-flight} children of all
 * runs are in JobRunr at once, across replicas; a request waits for at most those. The count and the hand-over happen
 * under the training queue's lock, so replicas dispatching at once keep the bound.
 *
 * <p>This is short work, and it runs where no training can hold it up: in the worker that has just finished a child
 * (so the next one follows at once), in the request that starts or cancels a run, and every
 * {@code tsforge.training.dispatch-interval} on every replica's scheduler thread (which also closes a run whose last
 * child ended on a replica that died before closing it).
 */
@Component
class ChildDispatcher implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ChildDispatcher.class);

    private final CollectionRunRepository runs;
    private final TrainingQueue queue;
    private final TsforgeProperties properties;
    private final Clock clock;

    ChildDispatcher(CollectionRunRepository runs, TrainingQueue queue, TsforgeProperties properties, Clock clock) {
        this.runs = runs;
        this.queue = queue;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sweep, properties.training().dispatchInterval());
    }

    /** After a job's run on this replica: if it was a child, close its run when it was the last, and dispatch. */
    void afterRun(long jobId) {
        runs.runOf(jobId).ifPresent(runId -> {
            runs.finishDone(runId, clock.instant());
            dispatch();
        });
    }

    /** Closes the run if all its children have finished, and hands waiting children on. */
    void settle(long runId) {
        runs.finishDone(runId, clock.instant());
        dispatch();
    }

    /**
     * Hands as many waiting children to JobRunr as the bound allows. They are handed over before the transaction that
     * marks them dispatched commits: should it fail, a child is in JobRunr yet marked waiting, and the next dispatch
     * hands it over again, which JobRunr skips (the id is derived); the other order could leave a child marked
     * dispatched that JobRunr never got, waiting for ever.
     *
     * @return how many children were handed over
     */
    int dispatch() {
        int bound = properties.training().childrenInFlight();
        List<Long> handed = queue.locked(() -> {
            long free = bound - runs.childrenInFlight();
            if (free <= 0) {
                return List.of();
            }
            List<Long> next = runs.undispatched((int) free);
            next.forEach(queue::handToJobRunr);
            runs.markDispatched(next);
            return next;
        });
        if (!handed.isEmpty()) {
            log.info("Collection run children {} handed to JobRunr", handed);
        }
        return handed.size();
    }

    private void sweep() {
        try {
            runs.finishDone(null, clock.instant());
            dispatch();
        } catch (DataAccessException | TransactionException unreachable) {
            // the database is down or busy: the next sweep tries again, as does the end of every child
            log.debug("Collection run dispatch skipped: {}", unreachable.getMessage());
        }
    }
}
