package dev.tsforge.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error report as problem details instead of its HTML page: for requests Tomcat refuses before any
 * servlet runs (a request line or header it cannot parse, a URL it will not decode such as {@code %2F} or a
 * backslash, headers over {@code server.max-http-request-header-size}). Tomcat's message says what was wrong in the
 * client's terms (e.g. "Invalid character found in the request target"), so it becomes the detail; stack traces
 * never do.
 */
class ProblemReportValve extends ErrorReportValve {

    private static final int MAX_DETAIL = 300;

    private final JsonMapper json;

    ProblemReportValve(JsonMapper json) {
        this.json = json;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // as Tomcat's own report: nothing for a success, for a body already written, or for an error already reported
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String path = request.getDecodedRequestURI();
        ProblemDetail problem = HttpProblems.of(status, detail(status, path, response.getMessage(),
                throwable), path);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client has gone, or the response cannot take a body any more: nothing left to tell it
        }
    }

    private static String detail(int status, String path, String message, Throwable throwable) {
        String reason = message != null && !message.isBlank() ? message
                : throwable instanceof IllegalArgumentException && throwable.getMessage() != null
                        ? throwable.getMessage() : null;
        if (status >= 500 && status != 505 || reason == null) {
            return HttpProblems.detail(status, path);
        }
        String trimmed = reason.length() > MAX_DETAIL ? reason.substring(0, MAX_DETAIL) + "…" : reason;
        return trimmed.endsWith(".") ? trimmed : trimmed + ".";
    }
}
