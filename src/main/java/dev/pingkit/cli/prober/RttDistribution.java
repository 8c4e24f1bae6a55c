package dev.pingkit.cli.prober;

import java.util.Arrays;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.NativeHistogramBuckets;

/**
 * <b>One target's RTTs as classic and native histogram counts, in a few flat arrays</b>, turned into the client's
 * {@link HistogramDataPointSnapshot} only when a scrape asks. The client's {@code Histogram} keeps a native bucket
 * as a map entry holding a {@code LongAdder} and copies its map into sorted arrays at every collect (~20 ms and
 * ~20 MB a scrape at 10 000 targets); here the native buckets are already the sorted arrays the snapshot takes.
 *
 * <p>Counts as the client's histogram with the prober's settings counts them (its defaults for the rest): a value
 * is in the first classic bucket whose bound is not below it; native buckets of the schema asked, at most
 * {@value #MAX_NATIVE_BUCKETS} of them (a new bucket beyond that halves the resolution: schema - 1, as the client
 * does), a zero bucket up to {@link #ZERO_THRESHOLD}, never reset. {@code DistributionTest} holds the two equal.
 * Not thread-safe: {@link TargetSeries} holds its lock around every call.
 */
final class RttDistribution {
    /** The client's default limit on native buckets ({@code nativeMaxNumberOfBuckets}). */
    static final int MAX_NATIVE_BUCKETS = 160;
    /** The client's default zero bucket width, 2^-128: only a true 0 lands in it. */
    static final double ZERO_THRESHOLD = 0x1p-128;
    private static final int MIN_SCHEMA = -4;
    /** Per schema 1..8, the fractions in [0.5, 1) where its buckets start, as client_golang computes them. */
    private static final double[][] FRACTIONS = new double[8][];

    static {
        for (int schema = 1; schema <= 8; schema++) {
            double[] f = new double[1 << schema];
            f[0] = 0.5;
            double base = Math.pow(2, Math.pow(2, -schema));
            for (int i = 1; i < f.length; i++) {
                // Every other bound is one of the coarser schema's, taken from it so that both agree exactly.
                f[i] = i % 2 == 0 && schema > 1 ? FRACTIONS[schema - 2][i / 2] : f[i - 1] * base;
            }
            FRACTIONS[schema - 1] = f;
        }
    }

    private static final int[] NO_INDEXES = {};
    private static final long[] NO_COUNTS = {};

    /** The classic bounds with {@code +Inf} last, shared by every target (never written). */
    private final double[] bounds;
    private final long[] classic;
    private int schema;
    private long zeroCount;
    private double sum;
    /**
     * The native buckets that have counts, indexes ascending; exactly as long as that, since the snapshot copies
     * them whole (a new bucket, which grows them by one, is rare once a target's RTTs have been seen).
     */
    private int[] indexes = NO_INDEXES;
    private long[] counts = NO_COUNTS;

    /** {@code bounds}: the classic bounds, ascending, {@code +Inf} last (kept, not copied). */
    RttDistribution(double[] bounds, int schema) {
        this.bounds = bounds;
        this.classic = new long[bounds.length];
        this.schema = schema;
    }

    /** The classic bounds of {@code buckets} with {@code +Inf} after them, as {@link #RttDistribution} takes them. */
    static double[] bounds(Buckets buckets) {
        double[] s = buckets.seconds();
        double[] b = Arrays.copyOf(s, s.length + 1);
        b[s.length] = Double.POSITIVE_INFINITY;
        return b;
    }

    /** One RTT in seconds (never negative: the engine measures on a monotonic clock). */
    void observe(double seconds) {
        int c = 0;
        while (seconds > bounds[c]) { // +Inf last: it stops there
            c++;
        }
        classic[c]++;
        if (seconds > ZERO_THRESHOLD) {
            addNative(Double.isInfinite(seconds) ? index(Double.MAX_VALUE, schema) + 1 : index(seconds, schema));
        } else {
            zeroCount++;
        }
        sum += seconds;
    }

    private void addNative(int index) {
        int at = Arrays.binarySearch(indexes, index);
        if (at >= 0) {
            counts[at]++;
            return;
        }
        at = -at - 1;
        int n = indexes.length;
        int[] i2 = new int[n + 1];
        long[] c2 = new long[n + 1];
        System.arraycopy(indexes, 0, i2, 0, at);
        System.arraycopy(counts, 0, c2, 0, at);
        i2[at] = index;
        c2[at] = 1;
        System.arraycopy(indexes, at, i2, at + 1, n - at);
        System.arraycopy(counts, at, c2, at + 1, n - at);
        indexes = i2;
        counts = c2;
        if (indexes.length > MAX_NATIVE_BUCKETS && schema > MIN_SCHEMA) {
            halveResolution();
        }
    }

    /**
     * Schema - 1: bucket i of the finer schema lies in bucket ceil(i / 2) of the coarser, so neighbours merge and
     * the order stays ascending.
     */
    private void halveResolution() {
        int n = 0;
        for (int i = 0; i < indexes.length; i++) {
            int k = indexes[i] > 0 ? (indexes[i] + 1) / 2 : indexes[i] / 2;
            if (n > 0 && indexes[n - 1] == k) {
                counts[n - 1] += counts[i];
            } else {
                indexes[n] = k;
                counts[n] = counts[i];
                n++;
            }
        }
        indexes = Arrays.copyOf(indexes, n);
        counts = Arrays.copyOf(counts, n);
        schema--;
    }

    /** The native bucket of {@code v} (positive, finite, normal): the bucket whose upper bound is the first >= v. */
    static int index(double v, int schema) {
        // v = frac * 2^exp with frac in [0.5, 1), as C's frexp; exact for normal numbers (all above 2^-128 are).
        int exp = Math.getExponent(v) + 1;
        double frac = Math.scalb(v, -exp);
        if (schema >= 1) {
            double[] f = FRACTIONS[schema - 1];
            int i = Arrays.binarySearch(f, frac);
            return (i >= 0 ? i : -i - 1) + (exp - 1) * f.length;
        }
        int i = frac == 0.5 ? exp - 1 : exp;
        return (i + (1 << -schema) - 1) >> -schema;
    }

    /** The histogram's data point now, under {@code labels}, made {@code createdMillis}. */
    HistogramDataPointSnapshot snapshot(Labels labels, long createdMillis) {
        return new HistogramDataPointSnapshot(ClassicHistogramBuckets.of(bounds, classic), schema, zeroCount,
                ZERO_THRESHOLD, indexes.length == 0 ? NativeHistogramBuckets.EMPTY : NativeHistogramBuckets.of(indexes, counts),
                NativeHistogramBuckets.EMPTY, sum, labels, Exemplars.EMPTY, createdMillis);
    }
}
