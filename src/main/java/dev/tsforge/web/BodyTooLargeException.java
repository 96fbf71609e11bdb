package dev.tsforge.web;

import java.io.IOException;

/**
 * Thrown by a request body's stream once more bytes than its limit have been read ({@code RequestSizeFilter}); the
 * problem handler, or a streaming reader that meets it among the causes, answers 413.
 */
public class BodyTooLargeException extends IOException {

    private final long maxBytes;

    BodyTooLargeException(long maxBytes) {
        super("request body larger than " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
