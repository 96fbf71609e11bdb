package dev.tsforge.support;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Request bodies compressed as clients compress them, for {@link HttpApi#postEncoded}. */
public final class Compressed {

    private interface Coder {
        OutputStream around(OutputStream out) throws IOException;
    }

    private Compressed() {
    }

    /** One zstd frame, as Nixtla's client writes a body over 1 MiB. */
    public static byte[] zstd(String text) {
        return coded(text, ZstdOutputStream::new);
    }

    public static byte[] gzip(String text) {
        return coded(text, GZIPOutputStream::new);
    }

    private static byte[] coded(String text, Coder coder) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = coder.around(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
