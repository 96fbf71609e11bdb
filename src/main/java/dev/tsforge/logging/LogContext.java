package dev.tsforge.logging;

import java.util.List;
import org.slf4j.MDC;

/**
 * The ids every log line of a request or a job carries (in the MDC, so that structured logs have them as fields and
 * a log search finds every line of one request, job, series or model). Set where the id becomes known; cleared by
 * whoever opened the scope, because request and job threads are pooled and would otherwise lend one request's ids to
 * the next.
 */
public final class LogContext {

    public static final String REQUEST_ID = "requestId";
    public static final String JOB_ID = "jobId";
    public static final String SERIES_ID = "seriesId";
    public static final String MODEL_ID = "modelId";

    private static final List<String> KEYS = List.of(REQUEST_ID, JOB_ID, SERIES_ID, MODEL_ID);

    private LogContext() {
    }

    /** Clears every id of ours when closed; opened by a request's filter and a job's entry point. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** A scope that starts and ends without any of our ids, whatever the pooled thread held before. */
    public static Scope open() {
        clear();
        return LogContext::clear;
    }

    public static void job(long jobId) {
        MDC.put(JOB_ID, String.valueOf(jobId));
    }

    public static void series(long seriesId) {
        MDC.put(SERIES_ID, String.valueOf(seriesId));
    }

    public static void model(long modelId) {
        MDC.put(MODEL_ID, String.valueOf(modelId));
    }

    /** A model and the series it belongs to. */
    public static void model(long modelId, long seriesId) {
        model(modelId);
        series(seriesId);
    }

    static void request(String requestId) {
        MDC.put(REQUEST_ID, requestId);
    }

    private static void clear() {
        KEYS.forEach(MDC::remove);
    }
}
