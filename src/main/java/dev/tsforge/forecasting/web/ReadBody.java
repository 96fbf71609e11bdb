package dev.tsforge.forecasting.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body has been read whole into memory, to be handed on as if unread. A read that failed (a body
 * over its limit, a corrupt compressed one, a client that went away) fails again, after the bytes that came before
 * the failure, for whoever reads the body next: the usual problem then answers it, as if the body had never been
 * read ahead.
 */
final class ReadBody extends HttpServletRequestWrapper {

    /** Where {@code Content-Length} is unknown or large, the buffer starts at this and grows. */
    private static final int FIRST_BUFFER = 64 * 1024;

    private final byte[] body;
    private final IOException failure;
    private ServletInputStream stream;

    private ReadBody(HttpServletRequest request, byte[] body, IOException failure) {
        super(request);
        this.body = body;
        this.failure = failure;
    }

    static ReadBody of(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        var buffer = new ByteArrayOutputStream(length >= 0 && length < FIRST_BUFFER ? (int) length : FIRST_BUFFER);
        IOException failure = null;
        try {
            request.getInputStream().transferTo(buffer);
        } catch (IOException e) {
            failure = e;
        }
        return new ReadBody(request, buffer.toByteArray(), failure);
    }

    @Override
    public ServletInputStream getInputStream() {
        if (stream == null) {
            stream = new Replay(body, failure);
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    private static final class Replay extends ServletInputStream {

        private final byte[] body;
        private final IOException failure;
        private int at;

        Replay(byte[] body, IOException failure) {
            this.body = body;
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            if (at < body.length) {
                return body[at++] & 0xff;
            }
            return end();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (at < body.length) {
                int count = Math.min(length, body.length - at);
                System.arraycopy(body, at, buffer, offset, count);
                at += count;
                return count;
            }
            return end();
        }

        private int end() throws IOException {
            if (failure != null) {
                throw failure;
            }
            return -1;
        }

        @Override
        public boolean isFinished() {
            return at >= body.length && failure == null;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("the body was read ahead; there is nothing to read asynchronously");
        }
    }
}
