package dev.pingkit.cli.prober;

/**
 * <b>How late probes leave against their schedule, all targets together, as a histogram</b>
 * ({@code pingkit_probe_lateness_seconds}): whether the prober keeps up with its targets on this machine.
 * Lateness is a probe's gap to its target's previous probe minus the interval, so one late probe counts once and
 * does not make the next look early.
 */
final class Lateness {
    /** Bounds in seconds; 10 ms is the prober's goal for the 99th percentile. */
    static final Buckets BUCKETS = Buckets.parse("0.0001,0.0005,0.001,0.002,0.005,0.01,0.02,0.05,0.1,0.5,1");

    private final long[] counts = new long[BUCKETS.size() + 1];
    private long sumNanos;
    private long total;

    synchronized void record(long lateNanos) {
        counts[BUCKETS.indexOf(lateNanos)]++;
        sumNanos += lateNanos;
        total++;
    }

    /** Per-bucket counts (the last is {@code +Inf}), their sum in nanoseconds and their total, at one instant. */
    synchronized long[] snapshot() {
        long[] s = new long[counts.length + 2];
        System.arraycopy(counts, 0, s, 0, counts.length);
        s[counts.length] = sumNanos;
        s[counts.length + 1] = total;
        return s;
    }
}
