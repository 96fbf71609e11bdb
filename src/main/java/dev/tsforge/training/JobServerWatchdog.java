package dev.tsforge.training;

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
 */
@Configuration
@EnableScheduling
class JobServerWatchdog {

    private static final Logger log = LoggerFactory.getLogger(JobServerWatchdog.class);

    private final ObjectProvider<BackgroundJobServer> server;
    private final JdbcClient jdbc;
    private volatile boolean closing;

    JobServerWatchdog(ObjectProvider<BackgroundJobServer> server, JdbcClient jdbc) {
        this.server = server;
        this.jdbc = jdbc;
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

    @Scheduled(fixedDelayString = "${tsforge.training.watchdog-interval:10s}",
            initialDelayString = "${tsforge.training.watchdog-interval:10s}")
    void restartWhenTheDatabaseIsBack() {
        if (closing || !stopped()) {
            return;
        }
        try {
            jdbc.sql("SELECT 1").query(Integer.class).single();
        } catch (DataAccessException stillDown) {
            return;
        }
        log.warn("JobRunr's background job server had stopped (its database was unreachable); starting it again");
        server.getObject().start();
    }
}
