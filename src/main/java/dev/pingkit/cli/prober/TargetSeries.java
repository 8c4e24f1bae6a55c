package dev.pingkit.cli.prober;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.model.snapshots.Labels;

/**
 * <b>One target's counts and gauges in constant memory, and its data point in the client's RTT histogram.</b> The
 * engine's thread writes, a scrape reads: each method holds the series' lock for a field update or two, so a scrape
 * copies all of a target's counts at one instant. Plain fields under one lock, not nine labelled client counters:
 * a scrape of 10 000 targets then costs a copy per target, not nine adder sums and label lookups.
 */
final class TargetSeries {
    /** The order of {@link #copy()}'s counts, and of the counter families a scrape writes. */
    static final int REQUESTS = 0, DUPLICATES = 1, SEND_ERRORS = 2, LATE = 3, CORRUPTED = 4, ERRORS = 5, LOST = 6,
            RESOLVE_ERRORS = 7, COUNTS = 8;

    final Labels labels;
    private final DistributionDataPoint rtt;
    private final long[] counts = new long[COUNTS];
    private double lastRttSeconds = -1;
    private int ttl = -1;

    TargetSeries(ProberTarget target, DistributionDataPoint rtt) {
        this.labels = Labels.of("host", target.host(), "ip", target.ip());
        this.rtt = rtt;
    }

    synchronized void count(int which) {
        counts[which]++;
    }

    /** An answered probe: its RTT in seconds into the histogram and the last-RTT gauge, its TTL (-1 unknown). */
    void answered(double rttSeconds, int ttl) {
        rtt.observe(rttSeconds);
        synchronized (this) {
            lastRttSeconds = rttSeconds;
            if (ttl >= 0) {
                this.ttl = ttl;
            }
        }
    }

    /** The counts in {@link #REQUESTS}.. order, then the last RTT and TTL (-1 before the first reply), at once. */
    synchronized double[] copy() {
        double[] c = new double[COUNTS + 2];
        for (int i = 0; i < COUNTS; i++) {
            c[i] = counts[i];
        }
        c[COUNTS] = lastRttSeconds;
        c[COUNTS + 1] = ttl;
        return c;
    }
}
