package dev.pingkit.socket;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A socket's descriptor and its wake descriptor (an eventfd), closed safely under concurrent calls: each call
 * {@link #enter}s and {@link #exit}s, and the descriptors are closed only when no call is using them, so their
 * numbers cannot be reused under a poll still running. Closing makes the wake descriptor readable, which wakes
 * every poll on the socket, now and later.
 */
final class Descriptors {
    private static final int CLOSED = 1 << 30; // in state; the low bits count calls in progress

    final int fd;
    final int wakeFd;
    private final AtomicInteger state = new AtomicInteger();

    Descriptors(int fd, int wakeFd) {
        this.fd = fd;
        this.wakeFd = wakeFd;
    }

    /** Counts a call in; false (and nothing counted) once closed. */
    boolean enter() {
        while (true) {
            int seen = state.get();
            if ((seen & CLOSED) != 0) {
                return false;
            }
            if (state.compareAndSet(seen, seen + 1)) {
                return true;
            }
        }
    }

    /** Counts a call out; the last one out of a closed socket closes the descriptors. */
    void exit() {
        if (state.decrementAndGet() == CLOSED) {
            release();
        }
    }

    /** True once {@link #close()} was called. */
    boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }

    /** Marks closed and wakes every poll; closes the descriptors now if no call is in progress. Idempotent. */
    void close() {
        int seen;
        do {
            seen = state.get();
            if ((seen & CLOSED) != 0) {
                return;
            }
        } while (!state.compareAndSet(seen, seen | CLOSED));
        LibC.write(wakeFd, new long[] {1}, 8);
        if (seen == 0) {
            release();
        }
    }

    private void release() {
        LibC.close(fd);
        LibC.close(wakeFd);
    }
}
