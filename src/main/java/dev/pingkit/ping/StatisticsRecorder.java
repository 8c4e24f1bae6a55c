package dev.pingkit.ping;

/**
 * <b>Accumulates a run's statistics in constant memory: a few counters, running sums and a fixed histogram.</b>
 *
 * <p>Memory does not grow with the run length: a million-packet flood holds the same few kilobytes as one probe.
 * The RTT arithmetic mirrors iputils' {@code gather_statistics} and {@code ping_print_statistics}: integer
 * microsecond sums ({@code tsum}, {@code tsum2}), min/max, the EWMA kept times 8, duplicates timed and included,
 * corrupted replies not timed. Alongside, a nanosecond mean and variance (Welford's update, numerically stable)
 * and a {@link RttHistogram} for percentiles.
 *
 * <p>Thread-safe: the run loop records, any thread may take a {@link #snapshot()} (SIGQUIT interim statistics).
 */
public final class StatisticsRecorder {
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
    public synchronized void start(long nowNanos) {
        startNanos = nowNanos;
    }

    /** <b>Counts one probe sent at {@code nowNanos} (monotonic).</b> */
    public synchronized void sent(long nowNanos) {
        if (startNanos == Long.MIN_VALUE) {
            startNanos = nowNanos;
        }
        transmitted++;
        lastSendNanos = nowNanos;
    }

    /** <b>Counts an intact reply; {@code rttNanos < 0} means untimed. A duplicate is timed but not received.</b> */
    public synchronized void reply(long rttNanos, boolean duplicate) {
        if (duplicate) {
            duplicates++;
        } else {
            received++;
        }
        if (rttNanos >= 0) {
            time(rttNanos);
        }
    }

    /** <b>Counts a reply with a bad checksum or altered payload.</b> */
    public synchronized void corrupted() {
        corrupted++;
    }

    /** <b>Counts an ICMP error about one of our probes.</b> */
    public synchronized void error() {
        errors++;
    }

    /** <b>Records how many probes were in flight when one was acknowledged (iputils' {@code pipesize}).</b> */
    public synchronized void inFlight(int n) {
        if (n > pipe) {
            pipe = n;
        }
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
    public synchronized long transmitted() {
        return transmitted;
    }

    /** <b>Distinct probes answered so far.</b> */
    public synchronized long received() {
        return received;
    }

    /** <b>ICMP errors so far.</b> */
    public synchronized long errors() {
        return errors;
    }

    /** <b>iputils' {@code tmax} in microseconds (0 before the first timed reply): the final wait is twice this.</b> */
    public synchronized long maxMicros() {
        return tmax;
    }

    /** <b>An immutable copy of the figures now.</b> */
    public synchronized PingStatistics snapshot() {
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
