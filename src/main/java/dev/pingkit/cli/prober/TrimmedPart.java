package dev.pingkit.cli.prober;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * <b>A part of an exposition ({@link ParallelExposition}) less what the whole has once</b>: a continued family's
 * header (its leading {@code #} lines, which no data line starts with) and, for OpenMetrics, the {@code # EOF} line
 * every part ends with.
 */
final class TrimmedPart extends OutputStream {
    private static final byte[] EOF = "# EOF\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream part;
    private boolean header;
    private boolean inComment;
    private final byte[] held;
    private int heldCount;

    TrimmedPart(OutputStream part, boolean dropHeader, boolean dropEof) {
        this.part = part;
        this.header = dropHeader;
        this.held = dropEof ? new byte[EOF.length] : null;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        while (header && off < end) {
            if (inComment) {
                while (off < end && b[off] != '\n') {
                    off++;
                }
                if (off < end) {
                    off++; // the newline
                    inComment = false;
                }
            } else if (b[off] == '#') {
                inComment = true;
            } else {
                header = false;
            }
        }
        len = end - off;
        if (len == 0) {
            return;
        }
        if (held == null) {
            part.write(b, off, len);
            return;
        }
        // The last EOF.length bytes stay here until the part ends: they are its # EOF.
        int excess = heldCount + len - held.length;
        if (excess <= 0) {
            System.arraycopy(b, off, held, heldCount, len);
            heldCount += len;
            return;
        }
        int fromHeld = Math.min(heldCount, excess);
        part.write(held, 0, fromHeld);
        System.arraycopy(held, fromHeld, held, 0, heldCount - fromHeld);
        heldCount -= fromHeld;
        int fromB = excess - fromHeld;
        if (fromB > 0) {
            part.write(b, off, fromB);
        }
        System.arraycopy(b, off + fromB, held, heldCount, len - fromB);
        heldCount += len - fromB;
    }

    @Override
    public void flush() {
    }

    /** The part is whole: its # EOF checked and dropped, and the part closed (handing over to the next). */
    @Override
    public void close() throws IOException {
        if (held != null && (heldCount != held.length || !Arrays.equals(held, EOF))) {
            throw new IOException("an OpenMetrics part did not end with # EOF");
        }
        part.close();
    }
}
