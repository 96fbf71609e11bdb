package dev.tsforge.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a plausible id (a proxy or client that
 * already tagged the request), else a new UUID. It is in the MDC for every log line of the request and echoed in the
 * response header, so a client quoting it finds the request's lines. First of all filters, so that the security
 * filters' lines and refusals carry it too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";

    /** Letters, digits and a few separators: anything else (a newline, a quote) could forge or break log lines. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        // the error page's lines belong to the same request: keep its id there too
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = requestId(request, response);
        response.setHeader(HEADER, id);
        try (LogContext.Scope scope = LogContext.open()) {
            LogContext.request(id);
            chain.doFilter(request, response);
        }
    }

    private static String requestId(HttpServletRequest request, HttpServletResponse response) {
        String assigned = response.getHeader(HEADER);
        if (assigned != null) {
            return assigned; // an error dispatch of a request that already has one
        }
        String sent = request.getHeader(HEADER);
        return sent != null && VALID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    }
}
