package dev.pingkit.sweep;

import dev.pingkit.engine.ProbeEvent;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * <b>A sweep's per-target counts in a few flat arrays, and its results made from them on access.</b>
 *
 * <p>A /16 has 65 534 targets: an object a target (a header, fields, its own array of round-trip times) costs
 * about 90 bytes each, these arrays about 30 for one probe a target. With a count of at most {@value #FLAT_MAX}
 * probes every target's times sit in one array, {@code count} slots apart; otherwise (fping's default mode with
 * retries, a larger count) each target gets its own array, grown as probes end. A loop ({@code -l}) runs until
 * stopped, so it keeps no times at all: each target's min, max and sum, three longs however long it runs.
 * Written on the engine's run thread only, under this object's lock, which {@link SweepProgress} takes to read
 * them from another thread.
 */
final class SweepTallies {
    /** The largest count whose times are kept in one flat array. */
    static final int FLAT_MAX = 64;

    /** A flat slot of a probe that has not ended yet. */
    private static final long NOT_ENDED = Long.MIN_VALUE;

    private final List<SweepTarget> targets;
    private final int size;
    // Counts of ended and answered probes, unless the times are flat: then the slots filled and those >= 0 are the
    // counts (at most FLAT_MAX to look at), and a /16 swept once keeps 8 bytes a target, its one time.
    private final int[] ended;
    private final int[] received;
    // Rare (a /16 that answers has none): made at the first one, so a sweep holds 12 bytes a target less.
    private int[] duplicates;
    private int[] damaged;
    private SweepEvent[] lastError; // each target's last failure
    private final int stride; // > 0: flat times, stride slots a target
    private final long[] flat;
    private final long[][] own; // else each target's own times
    private final long[] min; // a loop: no times, these three instead
    private final long[] max;
    private final long[] sum;

    SweepTallies(List<SweepTarget> targets, int count, int retries, boolean loop) {
        int n = targets.size();
        this.targets = targets;
        this.size = n;
        boolean flatFits = !loop && count > 0 && count <= FLAT_MAX && (long) n * count <= Integer.MAX_VALUE - 8;
        this.ended = flatFits ? null : new int[n];
        this.received = flatFits ? null : new int[n];
        this.stride = flatFits ? count : 0;
        this.flat = flatFits ? new long[n * count] : null;
        if (flatFits) {
            Arrays.fill(flat, NOT_ENDED);
        }
        this.own = flatFits || loop ? null : new long[n][];
        this.min = loop ? new long[n] : null;
        this.max = loop ? new long[n] : null;
        this.sum = loop ? new long[n] : null;
        if (loop) {
            Arrays.fill(min, -1);
            Arrays.fill(max, -1);
        } else if (!flatFits) {
            int first = Math.min(count > 0 ? count : retries + 1, FLAT_MAX);
            for (int i = 0; i < n; i++) {
                own[i] = new long[first];
            }
        }
    }

    /** Probes of target {@code i} that have ended (answered, lost or failed). */
    int ended(int i) {
        if (ended != null) {
            return ended[i];
        }
        int k = 0;
        while (k < stride && flat[i * stride + k] != NOT_ENDED) {
            k++;
        }
        return k;
    }

    /** Probes of target {@code i} answered. */
    int received(int i) {
        if (received != null) {
            return received[i];
        }
        int r = 0;
        for (int k = i * stride, end = k + stride; k < end && flat[k] != NOT_ENDED; k++) {
            r += flat[k] >= 0 ? 1 : 0;
        }
        return r;
    }

    /** Targets. */
    int size() {
        return size;
    }

    /** The times of target {@code i}'s ended probes in the order they ended (-1: unanswered); null for a loop. */
    long[] times(int i) {
        if (min != null) {
            return null;
        }
        return stride > 0 ? Arrays.copyOfRange(flat, i * stride, i * stride + ended(i))
                : Arrays.copyOf(own[i], ended[i]);
    }

    /** Counts {@code e}, an event about target {@code i}. */
    synchronized void add(int i, SweepEvent e) {
        if (e.isReply()) {
            if (e.answers()) {
                end(i, e.rttNanos());
                if (received != null) {
                    received[i]++;
                }
            } else if (e.duplicate()) {
                if (duplicates == null) {
                    duplicates = new int[size];
                }
                duplicates[i]++;
            } else {
                if (damaged == null) {
                    damaged = new int[size];
                }
                damaged[i]++;
            }
            return;
        }
        if (e.outcome() instanceof ProbeEvent.Failed) {
            if (lastError == null) {
                lastError = new SweepEvent[size];
            }
            lastError[i] = e;
        }
        end(i, -1);
    }

    private void end(int i, long rtt) {
        if (stride > 0) {
            int k = ended(i);
            if (k < stride) { // the engine sends exactly count probes a target
                flat[i * stride + k] = rtt;
            }
            return;
        }
        int k = ended[i]++;
        if (min != null) {
            if (rtt >= 0) {
                min[i] = min[i] < 0 ? rtt : Math.min(min[i], rtt);
                max[i] = Math.max(max[i], rtt);
                sum[i] += rtt;
            }
            return;
        }
        if (k == own[i].length) {
            own[i] = Arrays.copyOf(own[i], Math.max(1, k * 2));
        }
        own[i][k] = rtt;
    }

    /** The statistics of target {@code i} as a value. */
    TargetStats stats(int i) {
        if (min != null) {
            return new TargetStats(targets.get(i), ended[i], received[i], count(duplicates, i), count(damaged, i), new long[0],
                    min[i], max[i], sum[i], Optional.ofNullable(lastError == null ? null : lastError[i]));
        }
        long[] rtts = times(i);
        return new TargetStats(targets.get(i), ended(i), received(i), count(duplicates, i), count(damaged, i), rtts,
                Optional.ofNullable(lastError == null ? null : lastError[i]));
    }

    private static int count(int[] counts, int i) {
        return counts == null ? 0 : counts[i];
    }

    /** Every target's statistics, in order, each made when asked for: the counts are not held twice. */
    List<TargetStats> results() {
        return new Results(this);
    }

    /** An immutable list view: {@link SweepResult} keeps it as it is instead of copying 65 534 values. */
    static final class Results extends AbstractList<TargetStats> implements RandomAccess {
        private final SweepTallies tallies;

        private Results(SweepTallies tallies) {
            this.tallies = tallies;
        }

        @Override
        public TargetStats get(int index) {
            return tallies.stats(index);
        }

        @Override
        public int size() {
            return tallies.targets.size();
        }
    }
}
