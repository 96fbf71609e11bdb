package dev.tsforge.training;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jobrunr.server.BackgroundJobServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Starts JobRunr's background job server again after a database outage. JobRunr 8.4 stops it for good at the first
 * storage error of its heartbeat ("An unrecoverable error occurred"), so without this a replica would never train
 * again after the database came back (DatabaseOutageTests shows it), while it went on serving forecasts.
 *
 * <p>It also restarts a server that runs but never takes a job. JobRunr writes its data version into the database
 * once, in a startup task right after the server starts, and takes no job until it can read it back; when that write
 * fails (the database went away in the server's first moments on a fresh database), nothing retries it before a
 * restart, and the server stays running and idle with no error logged (JobServerStartupTests).
 */
@Configuration
@EnableScheduling
class JobServerWatchdog {

    private static final Logger log = LoggerFactory.getLogger(JobServerWatchdog.class);

    /**
     * How long a server may run without taking jobs before it is started again: its startup tasks take milliseconds
     * when all is well. Each further restart of a server that stays so waits twice as long, up to {@link #MOST_GRACE}.
     */
    static final Duration STARTUP_GRACE = Duration.ofSeconds(10);
    static final Duration MOST_GRACE = Duration.ofMinutes(5);

    private final ObjectProvider<BackgroundJobServer> server;
    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile boolean closing;
    /** When this server was first seen running but not ready; null once it is seen ready (or stopped). */
    private volatile Instant notReadySince;
    /** When it was last started again for that, and how long it is given now; while it is not ready. */
    private Instant restartedAt;
    private Duration grace = STARTUP_GRACE;

    JobServerWatchdog(ObjectProvider<BackgroundJobServer> server, JdbcClient jdbc, Clock clock) {
        this.server = server;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener(ContextClosedEvent.class)
    void closing() {
        closing = true;
    }

    /** Whether this replica is configured to run jobs but its job server has stopped. */
    boolean stopped() {
        BackgroundJobServer jobs = server.getIfAvailable();
        return jobs != null && !jobs.isRunning();
    }

    /**
     * Whether this replica's job server was running but not taking jobs when last checked: a start takes milliseconds,
     * and the first check comes one interval after the start.
     */
    boolean takesNoJobs() {
        return notReadySince != null;
    }

    @Scheduled(fixedDelayString = "${tsforge.training.watchdog-interval:10s}",
            initialDelayString = "${tsforge.training.watchdog-interval:10s}")
    void restartWhenTheDatabaseIsBack() {
        BackgroundJobServer jobs = server.getIfAvailable();
        if (closing || jobs == null) {
            return;
        }
        boolean stopped = !jobs.isRunning();
        boolean stuck = !stopped && notReadyTooLong(jobs);
        if (!stopped && !stuck) {
            return;
        }
        try {
            jdbc.sql("SELECT 1").query(Integer.class).single();
        } catch (DataAccessException stillDown) {
            return;
        }
        if (closing) {
            return;
        }
        if (stopped) {
            log.warn("JobRunr's background job server had stopped (its database was unreachable); starting it again");
            notReadySince = null;
            jobs.start();
        } else {
            log.warn("JobRunr's background job server has run for {} s without taking jobs (its startup tasks did not "
                    + "write JobRunr's data version: the database was unreachable as it started); starting it again",
                    Duration.between(notReadySince, clock.instant()).toSeconds());
            restartedAt = clock.instant();
            grace = grace.multipliedBy(2).compareTo(MOST_GRACE) > 0 ? MOST_GRACE : grace.multipliedBy(2);
            jobs.stop();
            jobs.start();
        }
    }

    /**
     * Notes when a running server is first seen not ready; true once that has lasted past its grace since then or
     * since its last restart. Only the master runs JobRunr's startup tasks: another replica waits for it, and a
     * restart would not help it.
     */
    private boolean notReadyTooLong(BackgroundJobServer jobs) {
        boolean ready;
        try {
            ready = !jobs.isNotReadyToProcessJobs();
        } catch (RuntimeException databaseDown) {
            // it reads its data version from the database until it has found it once
            return false;
        }
        if (ready) {
            notReadySince = null;
            restartedAt = null;
            grace = STARTUP_GRACE;
            return false;
        }
        Instant now = clock.instant();
        if (notReadySince == null) {
            notReadySince = now;
        }
        Instant since = restartedAt != null ? restartedAt : notReadySince;
        return jobs.isMaster() && Duration.between(since, now).compareTo(grace) > 0;
    }
}
