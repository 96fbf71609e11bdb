package dev.tsforge.training;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The shared training queue as the database holds it, for every replica alike: its admission lock, and how many
 * requests and jobs are in it. What is queued is the rows of {@link TrainingJobRepository} and
 * {@link CollectionRunRepository}; {@link TrainingQueue} admits into it, {@link TrainingMetrics} reports its depth.
 */
@Repository
class TrainingQueueRepository {

    private final JdbcClient jdbc;

    TrainingQueueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the queue's admission lock (the one row of {@code training_queue_lock}) until the current transaction
     * ends; a submission on another thread or replica waits here until then. See {@link TrainingService}.
     *
     * @throws IllegalStateException outside a transaction, where the lock would be released at once
     */
    void lock() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the queue lock holds only within a transaction");
        }
        jdbc.sql("SELECT id FROM training_queue_lock WHERE id = 1 FOR UPDATE").query(Integer.class).single();
    }

    /**
     * Requests not yet finished, on every replica: the shared queue's length as its capacity counts it. A job asked
     * for on its own is one request, and so is a collection run however many children it has (they are bounded by
     * {@code tsforge.training.children-in-flight} instead, see {@link ChildDispatcher}).
     */
    long countActive() {
        return jdbc.sql("""
                SELECT (SELECT COUNT(*) FROM training_job
                        WHERE status IN ('QUEUED', 'RUNNING') AND collection_run_id IS NULL)
                     + (SELECT COUNT(*) FROM collection_run WHERE status = 'RUNNING')""")
                .query(Long.class)
                .single();
    }

    /** Jobs in one state, on every replica. */
    long countByStatus(JobStatus status) {
        return jdbc.sql("SELECT COUNT(*) FROM training_job WHERE status = :status").param("status", status.name())
                .query(Long.class)
                .single();
    }
}
