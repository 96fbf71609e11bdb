package dev.tsforge.web;

/** The bytes a request body's stream may still hand out: {@link BodyTooLargeException} once they are spent. */
final class ByteBudget {

    private final long maxBytes;
    private long count;

    ByteBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** @return {@code read}, the count a stream's read returned (-1 at the end), after counting it */
    int counted(int read) throws BodyTooLargeException {
        if (read > 0) {
            count += read;
            if (count > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
        }
        return read;
    }
}
