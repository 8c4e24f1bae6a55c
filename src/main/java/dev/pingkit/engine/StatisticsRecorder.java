package dev.pingkit.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * <b>Accumulates a run's statistics in constant memory: a few counters, running sums and a fixed histogram.</b>
 *
 * <p>Memory does not grow with the run length: a million-packet flood holds the same few kilobytes as one probe.
 * The RTT arithmetic mirrors iputils' {@code gather_statistics} and {@code ping_print_statistics}: integer
 * microsecond sums ({@code tsum}, {@code tsum2}), min/max, the EWMA kept times 8, duplicates timed and included,
 * corrupted replies not timed. Alongside, a nanosecond mean and variance (Welford's update, numerically stable)
 * and a {@link RttHistogram} for percentiles.
 *
 * <p>One thread records (the run loop); any thread may take a {@link #snapshot()} while it does (SIGQUIT interim
 * statistics, a prober's scrape). No lock: a sequence counter, odd while a record is under way, tells a snapshot
 * to copy again (a seqlock), so recording costs two ordered stores and never waits. The single-field readers
 * ({@link #received()}, ...) are for the recording thread.
 */
public final class StatisticsRecorder {
    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(StatisticsRecorder.class, "version", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through VERSION
    private long version;
    private long transmitted;
    private long received;
    private long duplicates;
    private long errors;
    private long corrupted;
    private long startNanos = Long.MIN_VALUE;
    private long lastSendNanos = Long.MIN_VALUE;
    // iputils' arithmetic, microseconds
    private long tsum;
    private double tsum2;
    private long tmin = Long.MAX_VALUE;
    private long tmax;
    private long rtt8;
    private int pipe;
    // full resolution, nanoseconds
    private long timed;
    private long minNanos = Long.MAX_VALUE;
    private long maxNanos = Long.MIN_VALUE;
    private double mean;
    private double m2;
    private final RttHistogram histogram = new RttHistogram();

    /** <b>Marks the start of the run (monotonic nanoseconds); iputils' {@code time} counts from here.</b> */
    public void start(long nowNanos) {
        long v = begin();
        try {
            startNanos = nowNanos;
        } finally {
            end(v);
        }
    }

    /** <b>Counts one probe sent at {@code nowNanos} (monotonic).</b> */
    public void sent(long nowNanos) {
        long v = begin();
        try {
            if (startNanos == Long.MIN_VALUE) {
                startNanos = nowNanos;
            }
            transmitted++;
            lastSendNanos = nowNanos;
        } finally {
            end(v);
        }
    }

    /** <b>Counts an intact reply; {@code rttNanos < 0} means untimed. A duplicate is timed but not received.</b> */
    public void reply(long rttNanos, boolean duplicate) {
        long v = begin();
        try {
            if (duplicate) {
                duplicates++;
            } else {
                received++;
            }
            if (rttNanos >= 0) {
                time(rttNanos);
            }
        } finally {
            end(v);
        }
    }

    /** <b>Counts a reply with a bad checksum or altered payload.</b> */
    public void corrupted() {
        long v = begin();
        try {
            corrupted++;
        } finally {
            end(v);
        }
    }

    /** <b>Counts an ICMP error about one of our probes.</b> */
    public void error() {
        long v = begin();
        try {
            errors++;
        } finally {
            end(v);
        }
    }

    /** <b>Records how many probes were in flight when one was acknowledged (iputils' {@code pipesize}).</b> */
    public void inFlight(int n) {
        long v = begin();
        try {
            if (n > pipe) {
                pipe = n;
            }
        } finally {
            end(v);
        }
    }

    private long begin() {
        long v = (long) VERSION.getOpaque(this);
        VERSION.setOpaque(this, v + 1);
        VarHandle.storeStoreFence();
        return v;
    }

    private void end(long v) {
        VERSION.setRelease(this, v + 2);
    }

    private void time(long rttNanos) {
        long us = rttNanos / 1000;
        tsum += us;
        tsum2 += (double) (us * us);
        if (us < tmin) {
            tmin = us;
        }
        if (us > tmax) {
            tmax = us;
        }
        rtt8 = rtt8 == 0 ? us * 8 : rtt8 + us - rtt8 / 8;
        timed++;
        double d = rttNanos - mean;
        mean += d / timed;
        m2 += d * (rttNanos - mean);
        minNanos = Math.min(minNanos, rttNanos);
        maxNanos = Math.max(maxNanos, rttNanos);
        histogram.record(rttNanos);
    }

    /** <b>Probes sent so far.</b> */
    public long transmitted() {
        return transmitted;
    }

    /** <b>Distinct probes answered so far.</b> */
    public long received() {
        return received;
    }

    /** <b>ICMP errors so far.</b> */
    public long errors() {
        return errors;
    }

    /** <b>iputils' smoothed RTT ({@code rtt / 8}) in microseconds, 0 before the first reply: ping -A's interval.</b> */
    public long ewmaMicros() {
        return rtt8 / 8;
    }

    /** <b>iputils' {@code tmax} in microseconds (0 before the first timed reply): the final wait is twice this.</b> */
    public long maxMicros() {
        return tmax;
    }

    /** <b>An immutable copy of the figures now.</b> */
    public PingStatistics snapshot() {
        StatisticsRecorder copy = new StatisticsRecorder();
        while (true) {
            long v = (long) VERSION.getAcquire(this);
            if ((v & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            copy.copyFrom(this);
            VarHandle.loadLoadFence();
            if ((long) VERSION.getOpaque(this) == v) {
                return copy.compute();
            }
        }
    }

    private void copyFrom(StatisticsRecorder o) {
        transmitted = o.transmitted;
        received = o.received;
        duplicates = o.duplicates;
        errors = o.errors;
        corrupted = o.corrupted;
        startNanos = o.startNanos;
        lastSendNanos = o.lastSendNanos;
        tsum = o.tsum;
        tsum2 = o.tsum2;
        tmin = o.tmin;
        tmax = o.tmax;
        rtt8 = o.rtt8;
        pipe = o.pipe;
        timed = o.timed;
        minNanos = o.minNanos;
        maxNanos = o.maxNanos;
        mean = o.mean;
        m2 = o.m2;
        histogram.copyFrom(o.histogram);
    }

    private PingStatistics compute() {
        long elapsed = startNanos == Long.MIN_VALUE || lastSendNanos == Long.MIN_VALUE ? 0 : lastSendNanos - startNanos;
        if (timed == 0) {
            return new PingStatistics(transmitted, received, duplicates, errors, corrupted, elapsed,
                    -1, -1, -1, -1, -1, -1, -1, -1, -1, pipe, -1, -1, -1);
        }
        long total = timed;
        long tavg = tsum / total;
        long tmvar = tsum < Integer.MAX_VALUE
                // iputils' order of operations, which avoids rounding small RTTs to zero
                ? (long) ((tsum2 - (double) ((tsum * tsum) / total)) / total)
                : (long) (tsum2 / total - (double) (tavg * tavg));
        long mdevMicros = isqrt(tmvar);
        long mdevNanos = Math.round(Math.sqrt(m2 / timed));
        return new PingStatistics(transmitted, received, duplicates, errors, corrupted, elapsed,
                minNanos, maxNanos, Math.round(mean), mdevNanos,
                tmin, tavg, tmax, mdevMicros, rtt8 / 8, pipe,
                histogram.percentile(50, minNanos, maxNanos),
                histogram.percentile(90, minNanos, maxNanos),
                histogram.percentile(99, minNanos, maxNanos));
    }

    /** iputils' llsqrt: Newton's method on integers, 0 for non-positive input. */
    static long isqrt(long a) {
        long prev = Long.MAX_VALUE;
        long x = a;
        if (x > 0) {
            while (x < prev) {
                prev = x;
                x = (x + a / x) / 2;
            }
        }
        return Math.max(0, x);
    }
}
