package dev.pingkit.cli.prober;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * <b>One output written as consecutive parts by several threads at once, the bytes reaching it in the parts'
 * order.</b> The first unfinished part (the head) writes straight through; any later part keeps what it is given in
 * 64 KB chunks ({@link Chunks}, reused) until every part before it has finished, then hands them over and writes through itself. So while
 * two threads write, about one part is held in memory, not the whole body.
 *
 * <p>Each part is written by one thread at a time and {@link Part#close closed} when it is whole; a part that fails
 * is not closed, the parts after it never reach the output, and {@link #fail} makes their writes throw so that
 * their threads stop early. Not for a part to flush: the output is flushed by its owner after the last part.
 */
final class OrderedParts {
    private static final int CHUNK = 1 << 16;

    /**
     * Chunks kept for the next parts and the next scrapes, up to a few parts' worth: a scrape of 10 000 targets
     * holds back ~15 MB over its course, which as new arrays each time would be a quarter more for the young
     * collections to do, and live in them (the young collections inside a scrape copy what is held).
     */
    static final class Chunks {
        private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
        private final AtomicInteger count = new AtomicInteger();
        private final int max;

        /** Keeps at most {@code max} free chunks of 64 KB. */
        Chunks(int max) {
            this.max = max;
        }

        byte[] take() {
            byte[] c = free.poll();
            if (c == null) {
                return new byte[CHUNK];
            }
            count.decrementAndGet();
            return c;
        }

        void give(byte[] c) {
            if (count.incrementAndGet() <= max) {
                free.add(c);
            } else {
                count.decrementAndGet();
            }
        }
    }

    private final OutputStream out;
    private final Chunks chunks;
    private final Part[] parts;
    private volatile boolean failed;
    /** The head part's index; {@link #moved} is notified when it changes or a part fails. */
    private volatile int head;
    private final Object moved = new Object();

    OrderedParts(OutputStream out, int count, Chunks chunks) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        this.out = out;
        this.chunks = chunks;
        this.parts = new Part[count];
        for (int i = 0; i < count; i++) {
            parts[i] = new Part(i);
        }
        parts[0].direct = true;
    }

    /** Part {@code i} (0 first). */
    Part part(int i) {
        return parts[i];
    }

    /** One part failed: the writes of every other part throw from now on, and nothing more reaches the output. */
    void fail() {
        failed = true;
        synchronized (moved) {
            moved.notifyAll();
        }
    }

    /** The index of the part that writes through now. */
    int head() {
        return head;
    }

    /**
     * Waits until part {@code index} or a later one is the head, at most {@code millis}: whether it is (or a part
     * failed, which ends every wait).
     */
    boolean awaitHead(int index, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        synchronized (moved) {
            while (head < index && !failed) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                moved.wait(left / 1_000_000 + 1);
            }
        }
        return true;
    }

    /** Part {@code from} has finished as the head: the next parts take over in turn, as far as they have finished. */
    private void advance(int from) throws IOException {
        for (int j = from + 1; j < parts.length && parts[j].takeOver(); j++) {
            // part j was whole already: its bytes are out, and the one after it takes over
        }
    }

    /** One part's bytes: through to the output while it is the head, into chunks before. */
    final class Part extends OutputStream {
        private final int index;
        private final List<byte[]> chunks = new ArrayList<>();
        private byte[] chunk;
        private int used;
        /** Writes go to the output: every part before this one has finished. */
        private boolean direct;
        private boolean finished;

        private Part(int index) {
            this.index = index;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (failed) {
                throw new IOException("the scrape failed in another part");
            }
            if (direct) {
                out.write(b, off, len);
                return;
            }
            while (len > 0) {
                if (chunk == null || used == chunk.length) {
                    chunk = OrderedParts.this.chunks.take();
                    chunks.add(chunk);
                    used = 0;
                }
                int n = Math.min(len, chunk.length - used);
                System.arraycopy(b, off, chunk, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        /** Held back: only the output's owner flushes, once, after the last part. */
        @Override
        public void flush() {
        }

        /** This part is whole; if it is the head, the parts after it take over. */
        @Override
        public void close() throws IOException {
            boolean head;
            synchronized (this) {
                if (finished) {
                    return;
                }
                finished = true;
                head = direct;
            }
            if (head) {
                advance(index);
            }
        }

        /** Every part before this one has finished: out with the chunks, and write through from now on. */
        private synchronized boolean takeOver() throws IOException {
            if (failed) {
                throw new IOException("the scrape failed in another part");
            }
            for (int i = 0; i < chunks.size(); i++) {
                byte[] c = chunks.get(i);
                out.write(c, 0, i == chunks.size() - 1 ? used : c.length);
                OrderedParts.this.chunks.give(c);
            }
            chunks.clear();
            chunk = null;
            direct = true;
            head = index;
            synchronized (moved) {
                moved.notifyAll();
            }
            return finished;
        }
    }
}
