package dev.pingkit.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * <b>Accumulates a run's statistics in constant memory: a few counters, running sums and a fixed histogram.</b>
 *
 * <p>Memory does not grow with the run length: a million-packet flood holds the same few kilobytes as one probe.
 * Every figure is in nanoseconds: min and max, a mean and variance by Welford's update (numerically stable), and a
 * {@link RttHistogram} for percentiles; duplicates are timed, corrupted replies are not.
 *
 * <p>One thread records (the run loop); any thread may take a {@link #snapshot()} while it does (a user's request
 * for interim figures, a scrape). No lock: a sequence counter, odd while a record is under way, tells a snapshot
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
    private long timed;
    private long minNanos = Long.MAX_VALUE;
    private long maxNanos = Long.MIN_VALUE;
    private double mean;
    private double m2;
    private final RttHistogram histogram;
    private final boolean off; // records nothing: for an engine whose targets keep no statistics

    /** <b>An empty recorder.</b> */
    public StatisticsRecorder() {
        this(false);
    }

    private StatisticsRecorder(boolean off) {
        this.off = off;
        this.histogram = off ? null : new RttHistogram();
    }

    /** A recorder that records nothing, so a run whose listener counts for itself pays nothing per packet. */
    static StatisticsRecorder off() {
        return new StatisticsRecorder(true);
    }

    /** <b>Counts one probe sent.</b> */
    public void sent() {
        if (off) {
            return;
        }
        long v = begin();
        try {
            transmitted++;
        } finally {
            end(v);
        }
    }

    /** <b>Counts an intact reply; {@code rttNanos < 0} means untimed. A duplicate is timed but not received.</b> */
    public void reply(long rttNanos, boolean duplicate) {
        if (off) {
            return;
        }
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
        if (off) {
            return;
        }
        long v = begin();
        try {
            corrupted++;
        } finally {
            end(v);
        }
    }

    /** <b>Counts an ICMP error about one of our probes.</b> */
    public void error() {
        if (off) {
            return;
        }
        long v = begin();
        try {
            errors++;
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

    /** <b>Duplicate replies so far.</b> */
    public long duplicates() {
        return duplicates;
    }

    /** <b>An immutable copy of the figures now.</b> */
    public ProbeStatistics snapshot() {
        if (off) {
            return new StatisticsRecorder().compute();
        }
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
        timed = o.timed;
        minNanos = o.minNanos;
        maxNanos = o.maxNanos;
        mean = o.mean;
        m2 = o.m2;
        histogram.copyFrom(o.histogram);
    }

    private ProbeStatistics compute() {
        if (timed == 0) {
            return new ProbeStatistics(transmitted, received, duplicates, errors, corrupted, 0, -1, -1, -1, -1,
                    -1, -1, -1);
        }
        return new ProbeStatistics(transmitted, received, duplicates, errors, corrupted, timed,
                minNanos, maxNanos, Math.round(mean), Math.round(Math.sqrt(m2 / timed)),
                histogram.percentile(50, minNanos, maxNanos),
                histogram.percentile(90, minNanos, maxNanos),
                histogram.percentile(99, minNanos, maxNanos));
    }
}
