package dev.tsforge.background;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * A bounded queue that one daemon thread drains, from the application's start to its stop: for work a request hands
 * over without waiting, where the request must not block when the work falls behind. {@link #offer} refuses when the
 * queue is full (the caller counts the drop); the thread takes what is queued, up to {@code batchSize} items at a
 * time (after waiting {@code linger} for more to come, where given), and {@link #process}es them. At stop it keeps
 * draining for up to five seconds, before the data source closes ({@link #getPhase()}); what is left then is lost, as
 * a replica that stops loses what it had not done.
 *
 * @param <T> what is queued
 */
public abstract class QueueWorker<T> implements SmartLifecycle {

    private static final long DRAIN_SECONDS = 5;

    private final String threadName;
    private final BlockingQueue<T> queue;
    private final int batchSize;
    private final Duration linger;
    private Thread thread;
    private volatile boolean running;

    protected QueueWorker(String threadName, int capacity, int batchSize) {
        this(threadName, capacity, batchSize, Duration.ZERO);
    }

    /**
     * @param linger how long the thread waits after the first item for more to join its batch: where each
     *               {@link #process} call has a fixed cost (a commit), fewer and larger batches cost less
     */
    protected QueueWorker(String threadName, int capacity, int batchSize, Duration linger) {
        this.threadName = threadName;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.linger = linger;
    }

    /** @return false when the queue is full: the item is not queued */
    protected final boolean offer(T item) {
        return queue.offer(item);
    }

    /** Items waiting, for a gauge. */
    protected final int queued() {
        return queue.size();
    }

    /** Processes what the thread took from the queue, oldest first; a failure must not escape (it ends the thread). */
    protected abstract void process(List<T> items);

    private void drain() {
        List<T> items = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                T first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                items.add(first);
                if (!linger.isZero() && running) {
                    Thread.sleep(linger.toMillis());
                }
                queue.drainTo(items, batchSize - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            process(items);
            items.clear();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::drain, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(DRAIN_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the data source (phase 0 and below) closes, so that the queue can still be written out. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
