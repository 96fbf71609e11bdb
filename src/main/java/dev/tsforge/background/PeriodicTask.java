package dev.tsforge.background;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A round of work every {@link #interval()} on a daemon thread of its own, from the application's start to its stop.
 * Rounds never overlap (the interval runs from the end of one to the start of the next), and a round that fails is
 * logged and the next one runs all the same: a poller of the database has to outlive a database that is briefly
 * gone. Replicas each run their own; a round that must happen once across them claims its work in the database.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String threadName;
    private ScheduledExecutorService timer;
    private volatile boolean running;

    protected PeriodicTask(String threadName) {
        this.threadName = threadName;
    }

    /** Between the end of one round and the start of the next (and before the first). */
    protected abstract Duration interval();

    /** One round; called on the task's thread, and by tests that want a round now. */
    protected abstract void tick();

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("A round of {} failed: {}", threadName, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        long millis = interval().toMillis();
        timer.scheduleWithFixedDelay(this::safeTick, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        timer.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
