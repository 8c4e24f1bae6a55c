package dev.pingkit.cli.prober;

import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

/**
 * <b>One target's counts, gauges and RTT histogram in constant memory.</b> The engine's thread writes, a scrape
 * reads: each method holds the series' lock for a field update or two, so a scrape copies all of a target's series
 * at one instant. Plain fields under one lock, not nine labelled client counters and a client histogram: a scrape
 * of 10 000 targets then costs a copy per target, not nine adder sums, a bucket map's copy and label lookups.
 */
final class TargetSeries {
    /** The order of {@link #copy}'s counts, and of the counter families a scrape writes. */
    static final int REQUESTS = 0, DUPLICATES = 1, SEND_ERRORS = 2, LATE = 3, CORRUPTED = 4, ERRORS = 5, LOST = 6,
            RESOLVE_ERRORS = 7, COUNTS = 8;

    /** The target's labels, made once: every data point of every scrape shares them. */
    final Labels labels;
    /** When the series began, the histogram's created timestamp (as the client's histogram reports its own). */
    private final long createdMillis = System.currentTimeMillis();
    private final RttDistribution rtt;
    private final long[] counts = new long[COUNTS];
    private double lastRttSeconds = -1;
    private int ttl = -1;

    /** {@code bounds}: the classic RTT bounds with {@code +Inf} last (shared); {@code schema}: the native one. */
    TargetSeries(ProberTarget target, double[] bounds, int schema) {
        this.labels = Labels.of("host", target.host(), "ip", target.ip());
        this.rtt = new RttDistribution(bounds, schema);
    }

    synchronized void count(int which) {
        counts[which]++;
    }

    /** An answered probe: its RTT in seconds into the histogram and the last-RTT gauge, its TTL (-1 unknown). */
    synchronized void answered(double rttSeconds, int ttl) {
        rtt.observe(rttSeconds);
        lastRttSeconds = rttSeconds;
        if (ttl >= 0) {
            this.ttl = ttl;
        }
    }

    /**
     * Everything at one instant: the counts in {@link #REQUESTS}.. order into {@code counts} from
     * {@code at * COUNTS}, the last RTT and TTL (-1 before the first reply) into {@code gauges} from {@code at * 2},
     * and the RTT histogram's data point as the result.
     */
    synchronized HistogramDataPointSnapshot copy(long[] counts, double[] gauges, int at) {
        System.arraycopy(this.counts, 0, counts, at * COUNTS, COUNTS);
        gauges[at * 2] = lastRttSeconds;
        gauges[at * 2 + 1] = ttl;
        return rtt.snapshot(labels, createdMillis);
    }
}
