package dev.pingkit.engine;

import java.util.Locale;

/**
 * <b>An immutable snapshot of a set of probes' statistics: counts, loss and RTT min/avg/max/mdev and percentiles, in
 * nanoseconds.</b>
 *
 * <p>{@link #received()} counts distinct probes answered with an intact reply; {@link #duplicates()} extra replies
 * to an already answered probe; {@link #errors()} ICMP errors (and refused sends) ending one of the probes;
 * {@link #corrupted()} replies with a bad checksum or an altered payload (counted neither as received nor as
 * duplicates). The RTT figures take in every timed reply, duplicates included; they keep the kernel timestamps'
 * full resolution. Percentiles come from a bounded histogram (within 0.8%). All RTT accessors return -1 when there
 * is no timed reply. A mode that prints figures by another tool's arithmetic keeps that arithmetic itself.
 */
public final class ProbeStatistics {
    private final long transmitted;
    private final long received;
    private final long duplicates;
    private final long errors;
    private final long corrupted;
    private final long timed;
    private final long minNanos;
    private final long maxNanos;
    private final long avgNanos;
    private final long mdevNanos;
    private final long p50;
    private final long p90;
    private final long p99;

    ProbeStatistics(long transmitted, long received, long duplicates, long errors, long corrupted, long timed,
                    long minNanos, long maxNanos, long avgNanos, long mdevNanos, long p50, long p90, long p99) {
        this.transmitted = transmitted;
        this.received = received;
        this.duplicates = duplicates;
        this.errors = errors;
        this.corrupted = corrupted;
        this.timed = timed;
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
        this.avgNanos = avgNanos;
        this.mdevNanos = mdevNanos;
        this.p50 = p50;
        this.p90 = p90;
        this.p99 = p99;
    }

    /** <b>Probes sent.</b> */
    public long transmitted() {
        return transmitted;
    }

    /** <b>Distinct probes answered by an intact reply.</b> */
    public long received() {
        return received;
    }

    /** <b>Extra replies to probes already answered.</b> */
    public long duplicates() {
        return duplicates;
    }

    /** <b>Probes ended by an ICMP error quoting them, or by a send the kernel refused.</b> */
    public long errors() {
        return errors;
    }

    /** <b>Replies with a bad checksum or an altered payload.</b> */
    public long corrupted() {
        return corrupted;
    }

    /** <b>Replies timed: the samples behind the RTT figures (received and duplicates).</b> */
    public long timed() {
        return timed;
    }

    /** <b>Probes sent but not answered, in percent of those sent; 0 when nothing was sent.</b> */
    public double lossPercent() {
        return transmitted == 0 ? 0 : (transmitted - received) * 100.0 / transmitted;
    }

    /** <b>True when at least one reply was timed.</b> */
    public boolean hasRtt() {
        return timed > 0;
    }

    /** <b>Smallest RTT, nanoseconds.</b> */
    public long minNanos() {
        return minNanos;
    }

    /** <b>Mean RTT, nanoseconds.</b> */
    public long avgNanos() {
        return avgNanos;
    }

    /** <b>Largest RTT, nanoseconds.</b> */
    public long maxNanos() {
        return maxNanos;
    }

    /** <b>Standard deviation of the RTTs (square root of the mean of squares less the square of the mean), ns.</b> */
    public long mdevNanos() {
        return mdevNanos;
    }

    /** <b>Median RTT from the histogram, nanoseconds.</b> */
    public long p50Nanos() {
        return p50;
    }

    /** <b>90th percentile RTT from the histogram, nanoseconds.</b> */
    public long p90Nanos() {
        return p90;
    }

    /** <b>99th percentile RTT from the histogram, nanoseconds.</b> */
    public long p99Nanos() {
        return p99;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(transmitted).append(" transmitted, ").append(received).append(" received");
        if (duplicates > 0) {
            b.append(", +").append(duplicates).append(" duplicates");
        }
        if (corrupted > 0) {
            b.append(", +").append(corrupted).append(" corrupted");
        }
        if (errors > 0) {
            b.append(", +").append(errors).append(" errors");
        }
        b.append(", ").append(percent(lossPercent())).append("% loss");
        if (hasRtt()) {
            b.append(", rtt min/avg/max/mdev = ").append(ms(minNanos)).append('/').append(ms(avgNanos)).append('/')
                    .append(ms(maxNanos)).append('/').append(ms(mdevNanos)).append(" ms");
        }
        return b.toString();
    }

    /** <b>Every figure, one per line.</b> */
    public String show() {
        StringBuilder b = new StringBuilder();
        b.append("transmitted  ").append(transmitted).append('\n');
        b.append("received     ").append(received).append('\n');
        b.append("duplicates   ").append(duplicates).append('\n');
        b.append("errors       ").append(errors).append('\n');
        b.append("corrupted    ").append(corrupted).append('\n');
        b.append("loss         ").append(percent(lossPercent())).append(" %\n");
        if (hasRtt()) {
            b.append("rtt min      ").append(ms(minNanos)).append(" ms\n");
            b.append("rtt avg      ").append(ms(avgNanos)).append(" ms\n");
            b.append("rtt max      ").append(ms(maxNanos)).append(" ms\n");
            b.append("rtt mdev     ").append(ms(mdevNanos)).append(" ms\n");
            b.append("rtt p50      ").append(ms(p50)).append(" ms\n");
            b.append("rtt p90      ").append(ms(p90)).append(" ms\n");
            b.append("rtt p99      ").append(ms(p99)).append(" ms\n");
        }
        return b.toString();
    }

    /** Six significant digits, trailing zeros dropped: "20", "33.3333". */
    static String percent(double p) {
        return String.format(Locale.ROOT, "%g", p).replaceAll("\\.?0+$", "");
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ProbeStatistics)) {
            return false;
        }
        ProbeStatistics s = (ProbeStatistics) o;
        return transmitted == s.transmitted && received == s.received && duplicates == s.duplicates
                && errors == s.errors && corrupted == s.corrupted && timed == s.timed && minNanos == s.minNanos
                && maxNanos == s.maxNanos && avgNanos == s.avgNanos && mdevNanos == s.mdevNanos && p50 == s.p50
                && p90 == s.p90 && p99 == s.p99;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(transmitted, received, duplicates, errors, corrupted, timed, minNanos,
                maxNanos, avgNanos, mdevNanos, p50, p90, p99);
    }
}
