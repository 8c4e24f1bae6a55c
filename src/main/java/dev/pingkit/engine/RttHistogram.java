package dev.pingkit.engine;

import java.util.Arrays;

/**
 * <b>A fixed-size log-linear histogram of round-trip times in nanoseconds, for percentiles in constant memory.</b>
 *
 * <p>Values below 128 ns get a bucket each; above, every power of two is split into 64 equal buckets, so a bucket
 * is at most 1/64 (1.6%) of its values wide whatever the run length or the RTT. 3 712 counters cover 0 ns to
 * 2^63 ns. A percentile is the middle of the bucket holding the nearest-rank sample, clamped to the observed
 * min and max, so it is never further than half a bucket (0.8%) from the exact nearest-rank value.
 *
 * <p>The counters are sparse until they are many: up to {@value #SPARSE_MAX} occupied buckets live in two small
 * sorted arrays. A sweep keeps one histogram per target with a reply or two each, so 65 536 targets cost a few MiB
 * instead of 1.9 GiB. Past that the counters live in 58 blocks of 64 (one power of two each), a block made on its
 * first value: a long run's RTTs span a few powers of two, so it holds a few blocks (about 2 KiB) instead of all
 * 3 712 counters (29 KiB), which is what lets the prober keep 10 000 targets running for hours. Once a run's blocks
 * exist it records without allocating.
 */
final class RttHistogram {
    private static final int LINEAR = 128;
    private static final int SUB = 64;
    static final int BUCKETS = LINEAR + (62 - 7 + 1) * SUB;

    /** Occupied buckets kept sparse before the dense counters are allocated. */
    static final int SPARSE_MAX = 16;

    private static final int BLOCK_SHIFT = 6; // 64 counters a block: one power of two
    private static final int BLOCK_MASK = (1 << BLOCK_SHIFT) - 1;
    private static final int BLOCKS = BUCKETS >>> BLOCK_SHIFT;

    private long[][] blocks; // blocked counters (a block null until its first value), null while sparse
    private int[] sparseIndex = new int[2]; // sorted bucket indexes, the first `used` valid
    private long[] sparseCount = new long[2];
    private int used;
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
        int index = indexOf(nanos);
        total++;
        if (blocks != null) {
            blockFor(index)[index & BLOCK_MASK]++;
            return;
        }
        int at = Arrays.binarySearch(sparseIndex, 0, used, index);
        if (at >= 0) {
            sparseCount[at]++;
            return;
        }
        if (used == SPARSE_MAX) {
            blocks = new long[BLOCKS][];
            for (int i = 0; i < used; i++) {
                blockFor(sparseIndex[i])[sparseIndex[i] & BLOCK_MASK] = sparseCount[i];
            }
            blockFor(index)[index & BLOCK_MASK]++;
            used = 0;
            return;
        }
        if (used == sparseIndex.length) {
            sparseIndex = Arrays.copyOf(sparseIndex, Math.min(SPARSE_MAX, used * 2));
            sparseCount = Arrays.copyOf(sparseCount, sparseIndex.length);
        }
        int insert = -at - 1;
        System.arraycopy(sparseIndex, insert, sparseIndex, insert + 1, used - insert);
        System.arraycopy(sparseCount, insert, sparseCount, insert + 1, used - insert);
        sparseIndex[insert] = index;
        sparseCount[insert] = 1;
        used++;
    }

    private long[] blockFor(int index) {
        long[] block = blocks[index >>> BLOCK_SHIFT];
        if (block == null) {
            block = new long[1 << BLOCK_SHIFT];
            blocks[index >>> BLOCK_SHIFT] = block;
        }
        return block;
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
        if (blocks != null) {
            for (int b = 0; b < BLOCKS; b++) {
                long[] block = blocks[b];
                for (int j = 0; block != null && j < block.length; j++) {
                    seen += block[j];
                    if (seen >= rank) {
                        return middle((b << BLOCK_SHIFT) + j, min, max);
                    }
                }
            }
            return max;
        }
        for (int k = 0; k < used; k++) {
            seen += sparseCount[k];
            if (seen >= rank) {
                return middle(sparseIndex[k], min, max);
            }
        }
        return max;
    }

    private static long middle(int i, long min, long max) {
        long mid = lowerBound(i) + (width(i) - 1) / 2;
        return Math.max(min, Math.min(max, mid));
    }

    void copyFrom(RttHistogram other) {
        if (other.blocks != null) {
            if (blocks == null) {
                blocks = new long[BLOCKS][];
            }
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
        } else {
            blocks = null;
            if (sparseIndex.length < other.used) {
                sparseIndex = new int[other.sparseIndex.length];
                sparseCount = new long[other.sparseIndex.length];
            }
            System.arraycopy(other.sparseIndex, 0, sparseIndex, 0, other.used);
            System.arraycopy(other.sparseCount, 0, sparseCount, 0, other.used);
        }
        used = other.used;
        total = other.total;
    }

    void clear() {
        if (blocks != null) {
            for (long[] block : blocks) {
                if (block != null) {
                    Arrays.fill(block, 0);
                }
            }
        }
        used = 0;
        total = 0;
    }
}
