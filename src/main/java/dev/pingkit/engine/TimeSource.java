package dev.pingkit.engine;

/**
 * <b>The engine's monotonic clock, behind an interface so tests can run a whole ping session on fake time.</b>
 * It drives the send schedule, deadlines and waits. RTTs do not use it: they are kernel receive timestamps minus
 * the send times the socket reports (both CLOCK_REALTIME).
 */
@FunctionalInterface
public interface TimeSource {
    /** <b>Monotonic nanoseconds (arbitrary origin).</b> */
    long nanoTime();

    /** <b>The machine's monotonic clock, {@link System#nanoTime()}.</b> */
    TimeSource SYSTEM = System::nanoTime;
}
