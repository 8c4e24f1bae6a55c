package dev.pingkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The histogram answers the same percentiles while sparse, after it goes dense, and as a copy of either. */
class RttHistogramTest {

    /** The percentile the dense layout gives: the middle of the nearest-rank sample's bucket, clamped. */
    private static long expected(long[] values, double p) {
        long[] v = values.clone();
        Arrays.sort(v);
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * v.length));
        int i = RttHistogram.indexOf(v[(int) rank - 1]);
        long mid = RttHistogram.lowerBound(i) + (RttHistogram.width(i) - 1) / 2;
        return Math.max(v[0], Math.min(v[v.length - 1], mid));
    }

    @Test
    void percentilesAgreeWithTheBucketOfTheNearestRankSampleSparseAndDense() {
        SplittableRandom r = new SplittableRandom(17);
        for (int n : new int[] {1, 2, 5, RttHistogram.SPARSE_MAX, RttHistogram.SPARSE_MAX + 1, 200, 5000}) {
            long[] values = new long[n];
            RttHistogram h = new RttHistogram();
            for (int i = 0; i < n; i++) {
                values[i] = r.nextLong(1, 50_000_000);
                h.record(values[i]);
            }
            RttHistogram copy = new RttHistogram();
            copy.record(3); // a copy replaces what was there
            copy.copyFrom(h);
            long min = Arrays.stream(values).min().getAsLong(), max = Arrays.stream(values).max().getAsLong();
            for (double p : new double[] {1, 50, 90, 99, 100}) {
                assertEquals(expected(values, p), h.percentile(p, min, max), "n=" + n + " p=" + p);
                assertEquals(expected(values, p), copy.percentile(p, min, max), "copy n=" + n + " p=" + p);
            }
            assertEquals(n, h.total());
        }
    }

    @Test
    void repeatedValuesStaySparseAndCountEachTime() {
        RttHistogram h = new RttHistogram();
        for (int i = 0; i < 1000; i++) {
            h.record(40_000 + (i % 3) * 10_000);
        }
        assertEquals(1000, h.total());
        assertEquals(RttHistogram.lowerBound(RttHistogram.indexOf(60_000))
                + (RttHistogram.width(RttHistogram.indexOf(60_000)) - 1) / 2, h.percentile(100, 40_000, 70_000));
        h.clear();
        assertEquals(-1, h.percentile(50, 0, 0));
    }
}
