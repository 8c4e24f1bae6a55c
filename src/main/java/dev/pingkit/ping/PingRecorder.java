package dev.pingkit.ping;

import dev.pingkit.engine.StatisticsRecorder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Accumulates one ping run's statistics as iputils does ({@code gather_statistics}, {@code ping_print_statistics}),
 * in constant memory: integer microsecond sums ({@code tsum}, {@code tsum2}), min/max, the EWMA kept times 8, the
 * pipe, the time from the start to the last probe; beside them the engine's {@link StatisticsRecorder} for the
 * counts and the nanosecond figures. Duplicates are timed and included, corrupted replies are not timed.
 *
 * <p>The run thread records (from the schedule's event handling); any thread may take a {@link #snapshot()} while
 * it does (SIGQUIT). The same seqlock as the engine's recorder, around both: a snapshot never pairs the
 * engine's counts of one reply with the sums of the one before.
 */
final class PingRecorder {
    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(PingRecorder.class, "version", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through VERSION
    private long version;
    private final StatisticsRecorder probes = new StatisticsRecorder();
    private long startNanos = Long.MIN_VALUE;
    private long lastSendNanos = Long.MIN_VALUE;
    private long tsum;
    private double tsum2;
    private long tmin = Long.MAX_VALUE;
    private long tmax;
    private long rtt8;
    private int pipe;

    /** Marks the start of the run (monotonic nanoseconds): iputils' {@code time} counts from here. */
    void start(long nowNanos) {
        long v = begin();
        startNanos = nowNanos;
        end(v);
    }

    /** Counts one probe sent (or refused) at {@code nowNanos}. */
    void sent(long nowNanos) {
        long v = begin();
        if (startNanos == Long.MIN_VALUE) {
            startNanos = nowNanos;
        }
        lastSendNanos = nowNanos;
        probes.sent();
        end(v);
    }

    /** Counts an intact reply; a duplicate is timed but not received. */
    void reply(long rttNanos, boolean duplicate) {
        long v = begin();
        probes.reply(rttNanos, duplicate);
        if (rttNanos >= 0) {
            long us = rttNanos / 1000;
            tsum += us;
            tsum2 += (double) (us * us);
            tmin = Math.min(tmin, us);
            tmax = Math.max(tmax, us);
            rtt8 = rtt8 == 0 ? us * 8 : rtt8 + us - rtt8 / 8;
        }
        end(v);
    }

    /** Counts a reply with a bad checksum or an altered payload. */
    void corrupted() {
        long v = begin();
        probes.corrupted();
        end(v);
    }

    /** Counts an ICMP error ending one of our probes, or a refused send. */
    void error() {
        long v = begin();
        probes.error();
        end(v);
    }

    /** Records how many probes were in flight when one was acknowledged (iputils' {@code pipesize}). */
    void inFlight(int n) {
        if (n > pipe) {
            long v = begin();
            pipe = n;
            end(v);
        }
    }

    /** Distinct probes answered so far (run thread). */
    long received() {
        return probes.received();
    }

    /** ICMP errors so far (run thread). */
    long errors() {
        return probes.errors();
    }

    /** iputils' smoothed RTT ({@code rtt / 8}) in microseconds, 0 before the first reply: -A's interval. */
    long ewmaMicros() {
        return rtt8 / 8;
    }

    /** iputils' {@code tmax} in microseconds (0 before the first timed reply): the final wait is twice this. */
    long maxMicros() {
        return tmax;
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

    /** An immutable copy of the figures now. */
    PingStatistics snapshot() {
        while (true) {
            long v = (long) VERSION.getAcquire(this);
            if ((v & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            var counts = probes.snapshot();
            long start = startNanos;
            long last = lastSendNanos;
            long sum = tsum;
            double sum2 = tsum2;
            long min = tmin;
            long max = tmax;
            long ewma = rtt8 / 8;
            int inFlight = pipe;
            VarHandle.loadLoadFence();
            if ((long) VERSION.getOpaque(this) != v) {
                continue;
            }
            long elapsed = start == Long.MIN_VALUE || last == Long.MIN_VALUE ? 0 : last - start;
            long total = counts.timed();
            if (total == 0) {
                return new PingStatistics(counts, elapsed, -1, -1, -1, -1, -1, inFlight);
            }
            long avg = sum / total;
            long variance = sum < Integer.MAX_VALUE
                    // iputils' order of operations, which avoids rounding small RTTs to zero
                    ? (long) ((sum2 - (double) ((sum * sum) / total)) / total)
                    : (long) (sum2 / total - (double) (avg * avg));
            return new PingStatistics(counts, elapsed, min, avg, max, isqrt(variance), ewma, inFlight);
        }
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
