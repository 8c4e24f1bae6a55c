package dev.pingkit.socket;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * The CLOCK_REALTIME reading a send is stamped with, without a native call per send. Linux slews CLOCK_MONOTONIC
 * (Java's {@link System#nanoTime()}, read without leaving Java) by the same NTP adjustments as CLOCK_REALTIME, so
 * their difference moves only when the wall clock is stepped. That difference is read through clock_gettime at most
 * once per {@link #RECHECK_NANOS}: a ping at its usual pace reads the clock itself before every send as before, a
 * flood once per a thousand or so sends, and a step of the clock reaches the stamps within that time. A stamp made
 * from the difference is never later than the wall clock (the difference is taken against a nanoTime read after
 * the clock, so a reply's kernel stamp never precedes it): at most the duration of that read early, and a read
 * slower than {@link #TIGHT_NANOS} (JNA's first, boxed calls) is not kept. One caller at a time (the socket's send
 * lock).
 */
final class SendClock {
    /** The longest a stamp goes on a difference read earlier: the longest a clock step goes unseen. */
    static final long RECHECK_NANOS = 10_000_000L;
    /** The slowest read of the clock whose difference is kept: the most a stamp can be early. */
    static final long TIGHT_NANOS = 2_000L;

    private final Memory timespec = new Memory(16);
    private final ByteBuffer view = NativeReceiver.view(timespec);
    private final long at = Pointer.nativeValue(timespec);
    private long offset; // CLOCK_REALTIME minus System.nanoTime(), as last read (at most the read's duration low)
    private long readAt; // System.nanoTime() when it was read
    private boolean kept;

    /** CLOCK_REALTIME now, in nanoseconds (never later than it). */
    long realtimeNanos() {
        long mono = System.nanoTime();
        if (kept && mono - readAt < RECHECK_NANOS) {
            return mono + offset;
        }
        LibC.clock_gettime(LibC.CLOCK_REALTIME, at);
        long real = view.getLong(0) * 1_000_000_000L + view.getLong(8);
        long after = System.nanoTime();
        offset = real - after;
        readAt = after;
        kept = after - mono <= TIGHT_NANOS;
        return real;
    }
}
