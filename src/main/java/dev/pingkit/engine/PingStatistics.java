package dev.pingkit.engine;

import java.util.Locale;

/**
 * <b>An immutable snapshot of a ping run's statistics: counts, loss, RTT min/avg/max/mdev, percentiles, time.</b>
 *
 * <p>Counts follow iputils: {@link #received()} counts distinct probes answered with an intact reply;
 * {@link #duplicates()} extra replies to an already answered probe; {@link #errors()} ICMP errors quoting one of our
 * probes; {@link #corrupted()} replies with a bad checksum or an altered payload (counted neither as received nor
 * as duplicates). RTT figures include duplicates, as iputils' do (its average divides by received + duplicates).
 *
 * <p>Two families of RTT figures: the {@code *Micros} ones are computed exactly as iputils does, in integer
 * microseconds (so a front end printing them matches {@code ping} digit for digit); the {@code *Nanos} ones keep
 * the kernel timestamps' full resolution. Percentiles come from a bounded histogram (within 0.8%).
 * All RTT accessors return -1 when there is no timed reply.
 */
public final class PingStatistics {
    private final long transmitted;
    private final long received;
    private final long duplicates;
    private final long errors;
    private final long corrupted;
    private final long elapsedNanos;
    private final long minNanos;
    private final long maxNanos;
    private final long avgNanos;
    private final long mdevNanos;
    private final long minMicros;
    private final long avgMicros;
    private final long maxMicros;
    private final long mdevMicros;
    private final long ewmaMicros;
    private final int pipe;
    private final long p50;
    private final long p90;
    private final long p99;

    PingStatistics(long transmitted, long received, long duplicates, long errors, long corrupted, long elapsedNanos,
                   long minNanos, long maxNanos, long avgNanos, long mdevNanos,
                   long minMicros, long avgMicros, long maxMicros, long mdevMicros, long ewmaMicros, int pipe,
                   long p50, long p90, long p99) {
        this.transmitted = transmitted;
        this.received = received;
        this.duplicates = duplicates;
        this.errors = errors;
        this.corrupted = corrupted;
        this.elapsedNanos = elapsedNanos;
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
        this.avgNanos = avgNanos;
        this.mdevNanos = mdevNanos;
        this.minMicros = minMicros;
        this.avgMicros = avgMicros;
        this.maxMicros = maxMicros;
        this.mdevMicros = mdevMicros;
        this.ewmaMicros = ewmaMicros;
        this.pipe = pipe;
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

    /** <b>Extra replies to probes already answered (iputils' {@code +N duplicates}).</b> */
    public long duplicates() {
        return duplicates;
    }

    /** <b>ICMP errors quoting one of our probes (iputils' {@code +N errors}).</b> */
    public long errors() {
        return errors;
    }

    /** <b>Replies with a bad checksum or an altered payload (iputils' {@code +N corrupted}).</b> */
    public long corrupted() {
        return corrupted;
    }

    /**
     * <b>Packet loss in percent, as iputils computes it: {@code (transmitted - received) * 100.0 / transmitted}.</b>
     * iputils narrows it to a {@code float} and prints it with {@code %g} ("20%", "33.3333%"); 0 when nothing was
     * sent.
     */
    public double lossPercent() {
        return transmitted == 0 ? 0 : (float) ((transmitted - received) * 100.0 / transmitted);
    }

    /** <b>True when at least one reply was timed (iputils then prints the {@code rtt} line).</b> */
    public boolean hasRtt() {
        return received > 0 && minNanos >= 0;
    }

    /** <b>Time from the start of the run to the last probe sent (iputils' {@code time}), in nanoseconds.</b> */
    public long elapsedNanos() {
        return elapsedNanos;
    }

    /** <b>{@link #elapsedNanos()} rounded to milliseconds as iputils prints it ({@code time 2003ms}).</b> */
    public long timeMillis() {
        return (elapsedNanos + 500_000) / 1_000_000;
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

    /** <b>Standard deviation of the RTTs (iputils' mdev: sqrt(mean of squares - square of mean)), nanoseconds.</b> */
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

    /** <b>iputils' {@code tmin}: the smallest RTT in whole microseconds.</b> */
    public long minMicros() {
        return minMicros;
    }

    /** <b>iputils' {@code tsum / (received + duplicates)} in integer microseconds.</b> */
    public long avgMicros() {
        return avgMicros;
    }

    /** <b>iputils' {@code tmax}: the largest RTT in whole microseconds.</b> */
    public long maxMicros() {
        return maxMicros;
    }

    /** <b>iputils' mdev in integer microseconds, by its own formula and integer square root.</b> */
    public long mdevMicros() {
        return mdevMicros;
    }

    /** <b>iputils' exponentially weighted moving average RTT (the {@code ewma} of flood mode and SIGQUIT), µs.</b> */
    public long ewmaMicros() {
        return ewmaMicros;
    }

    /** <b>Largest number of probes seen in flight at once (iputils prints {@code pipe N} when above 1).</b> */
    public int pipe() {
        return pipe;
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
        b.append(", ").append(String.format(Locale.ROOT, "%g", lossPercent()).replaceAll("\\.?0+$", ""))
                .append("% loss");
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
        b.append("loss         ").append(String.format(Locale.ROOT, "%g", lossPercent())).append(" %\n");
        b.append("time         ").append(timeMillis()).append(" ms\n");
        if (hasRtt()) {
            b.append("rtt min      ").append(ms(minNanos)).append(" ms\n");
            b.append("rtt avg      ").append(ms(avgNanos)).append(" ms\n");
            b.append("rtt max      ").append(ms(maxNanos)).append(" ms\n");
            b.append("rtt mdev     ").append(ms(mdevNanos)).append(" ms\n");
            b.append("rtt p50      ").append(ms(p50)).append(" ms\n");
            b.append("rtt p90      ").append(ms(p90)).append(" ms\n");
            b.append("rtt p99      ").append(ms(p99)).append(" ms\n");
            b.append("ewma         ").append(ms(ewmaMicros * 1000)).append(" ms\n");
        }
        b.append("pipe         ").append(pipe).append('\n');
        return b.toString();
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PingStatistics)) {
            return false;
        }
        PingStatistics s = (PingStatistics) o;
        return transmitted == s.transmitted && received == s.received && duplicates == s.duplicates
                && errors == s.errors && corrupted == s.corrupted && elapsedNanos == s.elapsedNanos
                && minNanos == s.minNanos && maxNanos == s.maxNanos && avgNanos == s.avgNanos
                && mdevNanos == s.mdevNanos && minMicros == s.minMicros && avgMicros == s.avgMicros
                && maxMicros == s.maxMicros && mdevMicros == s.mdevMicros && ewmaMicros == s.ewmaMicros
                && pipe == s.pipe && p50 == s.p50 && p90 == s.p90 && p99 == s.p99;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(transmitted, received, duplicates, errors, corrupted, elapsedNanos, minNanos,
                maxNanos, avgNanos, mdevNanos, avgMicros, mdevMicros, ewmaMicros, pipe, p50, p90, p99);
    }
}
