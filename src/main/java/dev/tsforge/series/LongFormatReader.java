package dev.tsforge.series;

import java.io.IOException;
import java.io.InputStream;

/** Streams the rows of a long-format body to a handler, never holding more than a buffer of it. */
interface LongFormatReader {

    /** Receives each row; returns false to stop reading (too many errors already). */
    interface Handler {
        boolean row(BulkRow row);
    }

    /**
     * Reads until the body ends or the handler says stop.
     *
     * @throws dev.tsforge.web.ApiProblemException 400 when the body is not the format at all (no header, broken
     *                                              quoting, malformed JSON), naming the line
     */
    void read(InputStream body, BulkColumns columns, Handler handler) throws IOException;
}
