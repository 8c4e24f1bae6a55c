package dev.pingkit.ping;

import dev.pingkit.engine.ProbeStatistics;

import java.util.Locale;
import java.util.Objects;

/**
 * <b>An immutable snapshot of a ping run's statistics as iputils counts them: counts, loss, RTT min/avg/max/mdev,
 * the EWMA, the pipe and the time.</b>
 *
 * <p>The counts and the nanosecond figures are the engine's {@link ProbeStatistics} ({@link #probes()}), fed as
 * iputils counts: a reply to a probe an ICMP error already ended counts as received. Beside them, the figures
 * {@code ping} prints, computed its way so a front end matches it digit for digit: the {@code *Micros} ones in
 * integer microseconds (its average divides by received + duplicates, its mdev takes its integer square root),
 * the loss narrowed to a {@code float}, the time from the start to the last probe sent. All RTT accessors return
 * -1 when there is no timed reply.
 */
public final class PingStatistics {
    private final ProbeStatistics probes;
    private final long elapsedNanos;
    private final long minMicros;
    private final long avgMicros;
    private final long maxMicros;
    private final long mdevMicros;
    private final long ewmaMicros;
    private final int pipe;

    PingStatistics(ProbeStatistics probes, long elapsedNanos, long minMicros, long avgMicros, long maxMicros,
                   long mdevMicros, long ewmaMicros, int pipe) {
        this.probes = Objects.requireNonNull(probes, "probes");
        this.elapsedNanos = elapsedNanos;
        this.minMicros = minMicros;
        this.avgMicros = avgMicros;
        this.maxMicros = maxMicros;
        this.mdevMicros = mdevMicros;
        this.ewmaMicros = ewmaMicros;
        this.pipe = pipe;
    }

    /** <b>The counts and nanosecond RTT figures, as the engine's statistics value.</b> */
    public ProbeStatistics probes() {
        return probes;
    }

    /** <b>Probes sent (refused sends included, as iputils counts them).</b> */
    public long transmitted() {
        return probes.transmitted();
    }

    /** <b>Distinct probes answered by an intact reply.</b> */
    public long received() {
        return probes.received();
    }

    /** <b>Extra replies to probes already answered (iputils' {@code +N duplicates}).</b> */
    public long duplicates() {
        return probes.duplicates();
    }

    /** <b>ICMP errors quoting one of our probes (iputils' {@code +N errors}).</b> */
    public long errors() {
        return probes.errors();
    }

    /** <b>Replies with a bad checksum or an altered payload (iputils' {@code +N corrupted}).</b> */
    public long corrupted() {
        return probes.corrupted();
    }

    /**
     * <b>Packet loss in percent, as iputils computes it: {@code (transmitted - received) * 100.0 / transmitted}.</b>
     * iputils narrows it to a {@code float} and prints it with {@code %g} ("20%", "33.3333%"); 0 when nothing was
     * sent.
     */
    public double lossPercent() {
        return (float) probes.lossPercent();
    }

    /** <b>True when at least one reply was timed (iputils then prints the {@code rtt} line).</b> */
    public boolean hasRtt() {
        return probes.received() > 0 && probes.hasRtt();
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
        return probes.minNanos();
    }

    /** <b>Mean RTT, nanoseconds.</b> */
    public long avgNanos() {
        return probes.avgNanos();
    }

    /** <b>Largest RTT, nanoseconds.</b> */
    public long maxNanos() {
        return probes.maxNanos();
    }

    /** <b>Standard deviation of the RTTs, nanoseconds.</b> */
    public long mdevNanos() {
        return probes.mdevNanos();
    }

    /** <b>Median RTT from the histogram, nanoseconds.</b> */
    public long p50Nanos() {
        return probes.p50Nanos();
    }

    /** <b>90th percentile RTT from the histogram, nanoseconds.</b> */
    public long p90Nanos() {
        return probes.p90Nanos();
    }

    /** <b>99th percentile RTT from the histogram, nanoseconds.</b> */
    public long p99Nanos() {
        return probes.p99Nanos();
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
        b.append(transmitted()).append(" transmitted, ").append(received()).append(" received");
        if (duplicates() > 0) {
            b.append(", +").append(duplicates()).append(" duplicates");
        }
        if (corrupted() > 0) {
            b.append(", +").append(corrupted()).append(" corrupted");
        }
        if (errors() > 0) {
            b.append(", +").append(errors()).append(" errors");
        }
        b.append(", ").append(String.format(Locale.ROOT, "%g", lossPercent()).replaceAll("\\.?0+$", ""))
                .append("% loss");
        if (hasRtt()) {
            b.append(", rtt min/avg/max/mdev = ").append(ms(minNanos())).append('/').append(ms(avgNanos()))
                    .append('/').append(ms(maxNanos())).append('/').append(ms(mdevNanos())).append(" ms");
        }
        return b.toString();
    }

    /** <b>Every figure, one per line.</b> */
    public String show() {
        StringBuilder b = new StringBuilder(probes.show());
        b.append("time         ").append(timeMillis()).append(" ms\n");
        if (hasRtt()) {
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
        return o instanceof PingStatistics s && probes.equals(s.probes) && elapsedNanos == s.elapsedNanos
                && minMicros == s.minMicros && avgMicros == s.avgMicros && maxMicros == s.maxMicros
                && mdevMicros == s.mdevMicros && ewmaMicros == s.ewmaMicros && pipe == s.pipe;
    }

    @Override
    public int hashCode() {
        return Objects.hash(probes, elapsedNanos, minMicros, avgMicros, maxMicros, mdevMicros, ewmaMicros, pipe);
    }
}
