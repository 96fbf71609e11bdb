package dev.tsforge.web;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.zstd.ZstdInputStream;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.springframework.http.HttpHeaders;

/**
 * Request bodies a client compressed ({@code Content-Encoding: zstd} or {@code gzip}), decoded as the application
 * reads them, so that every endpoint takes them. Nixtla's Python client compresses bodies over 1 MiB with zstd
 * before it sends them; {@code curl --data-binary @body.json.gz} with the header works too. The decoded bytes count
 * against the same limit as a plain body: a small compressed body that expands without end stops at it (413).
 */
final class RequestEncoding {

    /** The codings decoded, as {@code Content-Encoding} names them. */
    static final List<String> SUPPORTED = List.of("zstd", "gzip", "identity");

    private RequestEncoding() {
    }

    /**
     * The request as the application should read it: itself when it declares no coding (or {@code identity}), else
     * a request whose body is decoded and whose headers no longer declare the coding or the encoded length.
     *
     * @param counted  the body as received, already bounded by {@link RequestSizeFilter}
     * @param maxBytes the most decoded bytes that may be read
     * @throws ApiProblemException 415 for a coding not decoded here, or more than one
     */
    static HttpServletRequest decoded(HttpServletRequest counted, long maxBytes) {
        String header = counted.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (header == null || header.isBlank()) {
            return counted;
        }
        String coding = header.trim().toLowerCase(Locale.ROOT);
        if (coding.equals("identity")) {
            return counted;
        }
        if (!coding.equals("zstd") && !coding.equals("gzip")) {
            throw new ApiProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding " + header.trim()
                    + " is not decoded here; send the body as it is, or compressed with one of zstd or gzip",
                    Map.of("supportedEncodings", SUPPORTED));
        }
        return new Decoded(counted, coding, maxBytes);
    }

    private static final class Decoded extends HttpServletRequestWrapper {

        private final String coding;
        private final long maxBytes;
        private ServletInputStream stream;

        Decoded(HttpServletRequest request, String coding, long maxBytes) {
            super(request);
            this.coding = coding;
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                InputStream raw = super.getInputStream();
                stream = new DecodedStream(coding.equals("zstd") ? new ZstdInputStream(raw)
                        : new GZIPInputStream(raw), maxBytes);
            }
            return stream;
        }

        @Override
        public int getContentLength() {
            return -1;
        }

        @Override
        public long getContentLengthLong() {
            return -1;
        }

        @Override
        public String getHeader(String name) {
            return dropped(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return dropped(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !dropped(name)).toList());
        }

        private static boolean dropped(String name) {
            return HttpHeaders.CONTENT_ENCODING.equalsIgnoreCase(name)
                    || HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name);
        }
    }

    /** The decoded bytes, counted against the limit as {@link RequestSizeFilter} counts a plain body's. */
    private static final class DecodedStream extends ServletInputStream {

        private final InputStream in;
        private final ByteBudget budget;
        private boolean finished;

        DecodedStream(InputStream in, long maxBytes) {
            this.in = in;
            this.budget = new ByteBudget(maxBytes);
        }

        private int counted(int read) throws BodyTooLargeException {
            finished |= read < 0;
            return budget.counted(read);
        }

        @Override
        public int read() throws IOException {
            try {
                int value = in.read();
                counted(value < 0 ? -1 : 1);
                return value;
            } catch (MalformedInputException malformed) {
                throw unreadable(malformed);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return counted(in.read(buffer, offset, length));
            } catch (MalformedInputException malformed) {
                throw unreadable(malformed);
            }
        }

        /** The zstd decoder's unchecked error as the I/O error a body reader answers 400 for. */
        private static IOException unreadable(MalformedInputException malformed) {
            return new IOException("the body is not valid zstd: " + malformed.getMessage(), malformed);
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("a decoded body is read blocking");
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
