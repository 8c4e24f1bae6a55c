package dev.pingkit.ping;

/**
 * <b>A log-linear histogram of round-trip times in nanoseconds, for percentiles in constant memory.</b>
 *
 * <p>Values below 128 ns get a bucket each; above, every power of two is split into 64 equal buckets, so a bucket
 * is at most 1/64 (1.6%) of its values wide whatever the run length or the RTT. 3 712 counters cover 0 ns to
 * 2^63 ns. A percentile is the middle of the bucket holding the nearest-rank sample, clamped to the observed
 * min and max, so it is never further than half a bucket (0.8%) from the exact nearest-rank value.
 *
 * <p>The counters live in blocks of 64 (one power of two each), made on a block's first value: a target's RTTs
 * span a few powers of two, so it holds a few blocks (about 2 KB) instead of all 58 (30 KB), which is what lets
 * one engine keep statistics for ten thousand targets. Recording allocates only on a block's first value.
 */
final class RttHistogram {
    private static final int LINEAR = 128;
    private static final int SUB = 64;
    static final int BUCKETS = LINEAR + (62 - 7 + 1) * SUB;
    private static final int BLOCK_SHIFT = 6; // 64 counters a block
    private static final int BLOCKS = BUCKETS >>> BLOCK_SHIFT;

    private final long[][] blocks = new long[BLOCKS][];
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
        int i = indexOf(nanos);
        long[] block = blocks[i >>> BLOCK_SHIFT];
        if (block == null) {
            block = new long[1 << BLOCK_SHIFT];
            blocks[i >>> BLOCK_SHIFT] = block;
        }
        block[i & ((1 << BLOCK_SHIFT) - 1)]++;
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
        for (int b = 0; b < BLOCKS; b++) {
            long[] block = blocks[b];
            if (block == null) {
                continue;
            }
            for (int j = 0; j < block.length; j++) {
                seen += block[j];
                if (seen >= rank) {
                    int i = (b << BLOCK_SHIFT) + j;
                    long mid = lowerBound(i) + (width(i) - 1) / 2;
                    return Math.max(min, Math.min(max, mid));
                }
            }
        }
        return max;
    }

    /** Makes this a copy of {@code other} (blocks {@code other} lacks are dropped here). */
    void copyFrom(RttHistogram other) {
        for (int b = 0; b < BLOCKS; b++) {
            long[] from = other.blocks[b];
            if (from == null) {
                blocks[b] = null;
            } else {
                if (blocks[b] == null) {
                    blocks[b] = new long[from.length];
                }
                System.arraycopy(from, 0, blocks[b], 0, from.length);
            }
        }
        total = other.total;
    }

    void clear() {
        for (int b = 0; b < BLOCKS; b++) {
            blocks[b] = null;
        }
        total = 0;
    }
}
