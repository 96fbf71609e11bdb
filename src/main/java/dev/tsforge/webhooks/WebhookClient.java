package dev.tsforge.webhooks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one webhook attempt with Apache HttpClient, whose {@link DnsResolver} hook is where the target is checked: the
 * addresses the policy approved are the addresses the connection uses, so DNS cannot answer differently between the
 * check and the connect (rebinding), and https keeps its SNI and certificate check on the URL's host name. No system
 * proxy (it would resolve the name itself), no redirects (a 3xx could point anywhere), no automatic retries (ours are
 * in the delivery table), no cookies.
 */
class WebhookClient implements AutoCloseable {

    private static final int MAX_ERROR = 500;

    private final TargetPolicy policy;
    private final CloseableHttpClient http;

    WebhookClient(TargetPolicy policy, WebhookProperties properties) {
        this.policy = policy;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckingResolver(policy))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                                .setSocketTimeout(Timeout.of(properties.responseTimeout()))
                                .build())
                        .setMaxConnTotal(properties.senders())
                        .setMaxConnPerRoute(properties.senders())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(properties.responseTimeout()))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("tsforge-webhooks")
                .build();
    }

    /** What one attempt got: a status code, or an error (and whether the target itself was refused). */
    record Attempt(Integer statusCode, String error, boolean forbidden, long durationMillis) {
    }

    Attempt post(URI url, Map<String, String> headers, String body) {
        long start = System.nanoTime();
        HttpPost request = new HttpPost(url);
        headers.forEach(request::setHeader);
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        try {
            // an IP literal may never reach the resolver: checked here too (allowed-targets may have changed since)
            policy.addresses(url.getHost());
            ClassicHttpResponse response = http.executeOpen(null, request, null);
            int code = response.getCode();
            // the body is not read: a receiver streaming one without end must not hold a sender
            request.cancel();
            closeQuietly(response);
            String error = code >= 300 && code < 400 ? "redirect to " + header(response, "Location") + " not followed"
                    : null;
            return new Attempt(code, error, false, millisSince(start));
        } catch (IOException e) {
            TargetPolicy.ForbiddenTarget forbidden = forbiddenCause(e);
            String error = forbidden != null ? forbidden.getMessage()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new Attempt(null, truncate(error), forbidden != null, millisSince(start));
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    private static TargetPolicy.ForbiddenTarget forbiddenCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TargetPolicy.ForbiddenTarget forbidden) {
                return forbidden;
            }
        }
        return null;
    }

    private static String header(ClassicHttpResponse response, String name) {
        return response.getFirstHeader(name) == null ? "(none)" : response.getFirstHeader(name).getValue();
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException | RuntimeException ignored) {
            // the request was cancelled to drop the unread body; closing can only complain about that
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
    }

    /** The connection's resolver: the policy's checked answer, or a refusal before any socket is opened. */
    private record CheckingResolver(TargetPolicy policy) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return policy.addresses(host);
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            return Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            // only SPNEGO/Kerberos asks for it; the name as written is what we check and connect to
            return host;
        }
    }
}
