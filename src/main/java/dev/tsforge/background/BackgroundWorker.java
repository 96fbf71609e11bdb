package dev.tsforge.background;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One daemon thread that runs the work handed to it in order, from the application's start to its stop: for what a
 * commit sets off (scoring, counting, flagging) without the request that committed waiting for it. At stop it
 * finishes what is queued for up to five seconds, before the data source closes ({@link #getPhase()}); work handed
 * over while it is stopped is dropped, as a replica that stops drops what it had not done.
 */
public abstract class BackgroundWorker implements SmartLifecycle {

    private static final long DRAIN_SECONDS = 5;

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String threadName;
    private ExecutorService thread;
    private volatile boolean running;

    protected BackgroundWorker(String threadName) {
        this.threadName = threadName;
    }

    /** Queues {@code work} for the worker's thread; dropped (and logged) when the worker is not running. */
    protected final void submit(Runnable work) {
        if (!running) {
            log.debug("{} is stopped: work dropped", threadName);
            return;
        }
        try {
            thread.execute(work);
        } catch (RejectedExecutionException stopping) {
            log.debug("{} is stopping: work dropped", threadName);
        }
    }

    @Override
    public synchronized void start() {
        thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread worker = new Thread(runnable, threadName);
            worker.setDaemon(true);
            return worker;
        });
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the data source (phase 0 and below) closes, so that queued work can still be written. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
