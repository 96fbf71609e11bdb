package dev.tsforge.forecasting.web;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.forecasting.ForecastTurn;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.HttpProblems;
import dev.tsforge.web.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets at most {@code tsforge.forecasting.concurrency} forecast requests (one per core by default) be computed at
 * once, the rest waiting their turn in arrival order. A forecast is a fraction of a millisecond of CPU: with more
 * request threads running than cores, the scheduler slices them, and a request that loses its slice waits
 * milliseconds for it back, which is where the latency tail of many concurrent forecasts came from. A request that
 * waits past {@code tsforge.forecasting.queue-timeout} is refused with 503 ({@link ProblemType#FORECASTS_BUSY}) and
 * {@code Retry-After}.
 *
 * <p>Only single and batch forecasts ({@code POST /api/v1/forecasts[/batch]}) take turns: they are the requests that
 * are many, short and CPU-bound. A collection or TimeGPT-shaped forecast may cover thousands of series and would
 * hold a turn for seconds; an ingest or a chart waits on the database or the client as much as on a core. The body
 * is read whole before the request waits for its turn ({@link ReadBody}), so that a client sending slowly holds
 * none; it is already bounded by {@code tsforge.limits.max-request-bytes} ({@code RequestSizeFilter}, ordered
 * before this filter). A forecast of a model served through DL4J's {@code output()} hands its turn back before it
 * queues for the network's shared pass ({@link ForecastTurn}).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class ForecastAdmission extends OncePerRequestFilter {

    private static final Pattern FORECASTS = Pattern.compile("/api/v1/forecasts(/batch)?/?");

    private final Semaphore turns;
    private final Duration queueTimeout;
    private final Counter refused;
    private final JsonMapper json;

    ForecastAdmission(TsforgeProperties properties, MeterRegistry registry, JsonMapper json) {
        this.turns = new Semaphore(properties.forecasting().permits(), true);
        this.queueTimeout = properties.forecasting().queueTimeout();
        this.json = json;
        Gauge.builder("tsforge.forecast.waiting", turns, Semaphore::getQueueLength)
                .description("Forecast requests waiting for their turn").register(registry);
        this.refused = Counter.builder("tsforge.forecast.refused.busy")
                .description("Forecast requests refused after waiting tsforge.forecasting.queue-timeout")
                .register(registry);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !FORECASTS.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest read = ReadBody.of(request);
        boolean admitted;
        try {
            admitted = turns.tryAcquire(queueTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            refused.increment();
            busy(request, response);
            return;
        }
        ForecastTurn.taken(turns);
        try {
            chain.doFilter(read, response);
        } finally {
            // unless the forecast handed it back already, as one that waits for a shared network pass does
            ForecastTurn.handBack();
        }
    }

    private void busy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        HttpProblems.write(json, request, response, new ApiProblemException(ProblemType.FORECASTS_BUSY,
                "The request waited " + queueTimeout.toMillis() + " ms (tsforge.forecasting.queue-timeout) behind "
                        + "other forecasts and was not computed; ask again shortly."));
    }
}
