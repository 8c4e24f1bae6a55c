package dev.pingkit.ping;

import java.util.Arrays;

/**
 * <b>A fixed-size log-linear histogram of round-trip times in nanoseconds, for percentiles in constant memory.</b>
 *
 * <p>Values below 128 ns get a bucket each; above, every power of two is split into 64 equal buckets, so a bucket
 * is at most 1/64 (1.6%) of its values wide whatever the run length or the RTT. 3 712 counters cover 0 ns to
 * 2^63 ns. A percentile is the middle of the bucket holding the nearest-rank sample, clamped to the observed
 * min and max, so it is never further than half a bucket (0.8%) from the exact nearest-rank value.
 */
final class RttHistogram {
    private static final int LINEAR = 128;
    private static final int SUB = 64;
    static final int BUCKETS = LINEAR + (62 - 7 + 1) * SUB;

    private final long[] counts = new long[BUCKETS];
    private long total;

    static int indexOf(long v) {
        if (v < LINEAR) {
            return (int) Math.max(0, v);
        }
        int m = 63 - Long.numberOfLeadingZeros(v); // 7..62
        return LINEAR + (m - 7) * SUB + (int) ((v >>> (m - 6)) - SUB);
    }

    static long lowerBound(int index) {
        if (index < LINEAR) {
            return index;
        }
        int m = (index - LINEAR) / SUB + 7;
        long sub = (index - LINEAR) % SUB + SUB;
        return sub << (m - 6);
    }

    static long width(int index) {
        return index < LINEAR ? 1 : 1L << ((index - LINEAR) / SUB + 1);
    }

    void record(long nanos) {
        counts[indexOf(nanos)]++;
        total++;
    }

    long total() {
        return total;
    }

    /** Nearest-rank percentile (0 < p <= 100), or -1 when empty. */
    long percentile(double p, long min, long max) {
        if (total == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(p / 100.0 * total);
        if (rank < 1) {
            rank = 1;
        }
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                long mid = lowerBound(i) + (width(i) - 1) / 2;
                return Math.max(min, Math.min(max, mid));
            }
        }
        return max;
    }

    void copyFrom(RttHistogram other) {
        System.arraycopy(other.counts, 0, counts, 0, BUCKETS);
        total = other.total;
    }

    void clear() {
        Arrays.fill(counts, 0);
        total = 0;
    }
}
