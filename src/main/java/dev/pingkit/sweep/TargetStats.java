package dev.pingkit.sweep;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * <b>How one target of a {@link Sweep} did: probes, replies, round-trip times and, when it never answered, why.</b>
 *
 * @param target     the target
 * @param sent       probes that ended (answered, lost or failed); a probe still in flight when a sweep is
 *                   stopped is not counted
 * @param received   probes answered by an intact first reply
 * @param duplicates further replies to probes already answered
 * @param damaged    replies with a bad checksum or another payload than the probe's (never counted as received)
 * @param rttNanos   one entry per ended probe, in probe order: the round-trip time, or -1 for a probe that was not
 *                   answered; empty when the sweep kept no per-probe times (a {@link Sweep#loop loop})
 * @param minNanos   the shortest round trip, -1 without replies
 * @param maxNanos   the longest round trip, -1 without replies
 * @param sumNanos   the sum of the round trips of the {@code received} answered probes
 * @param lastError  the last ICMP error about this target's probes (a failure's event), if any: why it is
 *                   unreachable
 */
public record TargetStats(SweepTarget target, int sent, int received, int duplicates, int damaged,
                          long[] rttNanos, long minNanos, long maxNanos, long sumNanos,
                          Optional<SweepEvent> lastError) {

    /** <b>Checks and copies the fields.</b> */
    public TargetStats {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(lastError, "lastError");
        rttNanos = rttNanos.clone();
        if (received > sent || sent < 0 || received < 0 || duplicates < 0 || damaged < 0) {
            throw new IllegalArgumentException("counts must satisfy 0 <= received <= sent, got sent " + sent
                    + ", received " + received);
        }
        if (received == 0 ? minNanos != -1 || maxNanos != -1 || sumNanos != 0
                : minNanos < 0 || maxNanos < minNanos || sumNanos < minNanos) {
            throw new IllegalArgumentException("min/max/sum must be -1/-1/0 without replies and 0 <= min <= max "
                    + "with them, got " + minNanos + "/" + maxNanos + "/" + sumNanos + " for " + received
                    + " replies");
        }
    }

    /**
     * <b>The statistics of every probe's time</b>: min, max and sum are taken from {@code rttNanos}, which holds
     * one entry per ended probe ({@code sent} of them), {@code received} of them answered.
     *
     * @throws IllegalArgumentException if the times do not match the counts
     */
    public TargetStats(SweepTarget target, int sent, int received, int duplicates, int damaged, long[] rttNanos,
                       Optional<SweepEvent> lastError) {
        this(target, sent, received, duplicates, damaged, rttNanos, min(rttNanos), max(rttNanos), sum(rttNanos),
                lastError);
        // a loop, not a stream: fping's summaries make one of these per target, a stream pipeline each
        int answered = 0;
        for (long t : rttNanos) {
            answered += t >= 0 ? 1 : 0;
        }
        if (rttNanos.length != sent || answered != received) {
            throw new IllegalArgumentException("rttNanos must hold one entry per probe sent (" + sent + ") and "
                    + received + " answered, got " + rttNanos.length + " entries, " + answered + " answered");
        }
    }

    private static long min(long[] rtts) {
        long min = Long.MAX_VALUE;
        for (long t : rtts) {
            if (t >= 0 && t < min) {
                min = t;
            }
        }
        return min == Long.MAX_VALUE ? -1 : min;
    }

    private static long max(long[] rtts) {
        long max = -1;
        for (long t : rtts) {
            max = Math.max(max, t);
        }
        return max;
    }

    private static long sum(long[] rtts) {
        long sum = 0;
        for (long t : rtts) {
            if (t >= 0) {
                sum += t;
            }
        }
        return sum;
    }

    /** <b>Round-trip time of each probe in order, -1 where it was not answered</b> (a copy). */
    @Override
    public long[] rttNanos() {
        return rttNanos.clone();
    }

    /** <b>True when at least one probe was answered.</b> */
    public boolean alive() {
        return received > 0;
    }

    /** <b>Loss in percent of the probes sent</b>, 0 when none were. */
    public double lossPercent() {
        return sent == 0 ? 0 : 100.0 * (sent - received) / sent;
    }

    /** <b>Mean round trip</b> (integer nanoseconds, truncated), -1 without replies. */
    public long avgNanos() {
        return received == 0 ? -1 : sumNanos / received;
    }

    /**
     * <b>The {@code p}-th percentile round trip (nearest rank)</b>, -1 without replies or without per-probe
     * times (a loop keeps none).
     *
     * @throws IllegalArgumentException unless 0 < p <= 100
     */
    public long percentileNanos(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        long[] t = Arrays.stream(rttNanos).filter(x -> x >= 0).sorted().toArray();
        if (t.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100 * t.length);
        return t[Math.max(rank, 1) - 1];
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(target.toString());
        b.append(alive() ? " alive " : " unreachable ").append(received).append('/').append(sent);
        if (alive()) {
            b.append(String.format(Locale.ROOT, " rtt min/avg/max %.3f/%.3f/%.3f ms", minNanos() / 1e6,
                    avgNanos() / 1e6, maxNanos() / 1e6));
        }
        if (duplicates > 0) {
            b.append(" +").append(duplicates).append(" duplicates");
        }
        if (damaged > 0) {
            b.append(" +").append(damaged).append(" damaged");
        }
        lastError.filter(e -> !alive()).ifPresent(e -> b.append(" (").append(e.reason()).append(')'));
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TargetStats s && target.equals(s.target) && sent == s.sent && received == s.received
                && duplicates == s.duplicates && damaged == s.damaged && Arrays.equals(rttNanos, s.rttNanos)
                && minNanos == s.minNanos && maxNanos == s.maxNanos && sumNanos == s.sumNanos
                && lastError.equals(s.lastError);
    }

    @Override
    public int hashCode() {
        return Objects.hash(target, sent, received, duplicates, damaged, Arrays.hashCode(rttNanos), minNanos,
                maxNanos, sumNanos, lastError);
    }
}
