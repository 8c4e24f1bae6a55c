package dev.pingkit.engine;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * <b>The {@link Engine}'s receiving side: waits for a message on either family's socket (both at once when both
 * are open) and hands each one to the matcher.</b>
 *
 * <p>Run thread only; it reads the families' array without a lock (a family's socket is published before the
 * command that starts its first target). Nothing is allocated: every message lands in the matcher's reused
 * {@link dev.pingkit.socket.Inbound}.
 */
final class Receiver {
    private final FamilyState[] families;
    private final Matcher matcher;
    private boolean idle = true; // the last wait for a message ended without one: nothing was queued

    Receiver(FamilyState[] families, Matcher matcher) {
        this.families = families;
        this.matcher = matcher;
    }

    /** True when the last {@link #receive} ended without a message: nothing was queued. */
    boolean idle() {
        return idle;
    }

    /** Handles at most one message already queued on each socket, without waiting; true if there was one. */
    boolean readQueued() throws IOException {
        boolean any = false;
        for (FamilyState fs : families) {
            if (fs != null && fs.socket.receive(matcher.in, 0)) {
                matcher.handle(fs);
                any = true;
            }
        }
        return any;
    }

    /** Waits up to {@code waitNanos} for a message and handles at most one per socket. */
    void receive(long waitNanos) throws IOException {
        FamilyState v4 = families[0];
        FamilyState v6 = families[1];
        if (v4 != null && v6 != null) {
            int ready = v4.socket.await(v6.socket, waitNanos);
            idle = true;
            if ((ready & 1) != 0 && v4.socket.receive(matcher.in, 0)) {
                idle = false;
                matcher.handle(v4);
            }
            if ((ready & 2) != 0 && v6.socket.receive(matcher.in, 0)) {
                idle = false;
                matcher.handle(v6);
            }
        } else if (v4 != null || v6 != null) {
            FamilyState fs = v4 != null ? v4 : v6;
            idle = true;
            if (fs.socket.receive(matcher.in, waitNanos)) {
                idle = false;
                matcher.handle(fs);
            }
        } else if (waitNanos > 0) {
            LockSupport.parkNanos(waitNanos); // no target yet: an add unparks us
        }
    }
}
