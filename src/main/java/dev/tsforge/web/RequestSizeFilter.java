package dev.tsforge.web;

import dev.tsforge.config.TsforgeProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies over {@code tsforge.limits.max-request-bytes} with 413 before they are read into memory:
 * by {@code Content-Length} at once, and for chunked bodies as soon as the count passes the limit. Model imports
 * stream to disk under their own, larger limit and are left alone. Long-format uploads into a collection stream into
 * the database and get their own limit, {@code tsforge.limits.bulk.max-bytes}, enforced the same two ways. A
 * compressed body is decoded here too ({@link RequestEncoding}), its decoded bytes under the same limit.
 */
@Component
// before ForecastAdmission, which reads a forecast's body whole: through this filter's limit and decoding
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class RequestSizeFilter extends OncePerRequestFilter {

    private static final Pattern MODEL_IMPORT = Pattern.compile("/api/v1/series/[^/]+/models/?");
    private static final Pattern BULK_UPLOAD = Pattern.compile("/api/v1/collections/[^/]+/points/?");

    private final long maxBytes;
    private final long maxBulkBytes;
    private final JsonMapper json;

    RequestSizeFilter(TsforgeProperties properties, JsonMapper json) {
        this.maxBytes = properties.limits().maxRequestBytes();
        this.maxBulkBytes = properties.limits().bulk().maxBytes();
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && MODEL_IMPORT.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean bulk = "POST".equals(request.getMethod()) && BULK_UPLOAD.matcher(request.getRequestURI()).matches();
        long limit = bulk ? maxBulkBytes : maxBytes;
        if (request.getContentLengthLong() > limit) {
            HttpProblems.write(json, request, response, tooLarge(limit, bulk));
            return;
        }
        HttpServletRequest decoded;
        try {
            decoded = RequestEncoding.decoded(new BoundedRequest(request, limit), limit);
        } catch (ApiProblemException unsupported) {
            HttpProblems.write(json, request, response, unsupported);
            return;
        }
        chain.doFilter(decoded, response);
    }

    private static ApiProblemException tooLarge(long limit, boolean bulk) {
        return new ApiProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit
                + " bytes (tsforge.limits." + (bulk ? "bulk.max-bytes" : "max-request-bytes") + "); nothing was "
                + "stored. Split it into smaller requests.", Map.of("maxBytes", limit));
    }

    private static final class BoundedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;
        private ServletInputStream stream;

        BoundedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new BoundedStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    private static final class BoundedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final ByteBudget budget;

        BoundedStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.budget = new ByteBudget(maxBytes);
        }

        @Override
        public int read() throws IOException {
            int value = in.read();
            budget.counted(value < 0 ? -1 : 1);
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return budget.counted(in.read(buffer, offset, length));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
