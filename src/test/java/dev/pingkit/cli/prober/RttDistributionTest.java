package dev.pingkit.cli.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.NativeHistogramBuckets;

/**
 * The prober's own RTT histogram counts exactly as the client's {@code Histogram} (with the settings the prober used
 * to give it) counts the same values: classic buckets, native schema, zero bucket, native buckets, count and sum.
 */
class RttDistributionTest {
    private static final Labels LABELS = Labels.of("host", "h", "ip", "198.51.100.2");

    /** Both histograms over {@code values}; their data points, the client's first. */
    private static HistogramDataPointSnapshot[] both(Buckets buckets, int schema, double[] values) {
        Histogram client = Histogram.builder().name("rtt_seconds").labelNames("host", "ip")
                .classicUpperBounds(buckets.seconds()).nativeInitialSchema(schema).withoutExemplars().build();
        RttDistribution ours = new RttDistribution(RttDistribution.bounds(buckets), schema);
        for (double v : values) {
            client.labelValues("h", "198.51.100.2").observe(v);
            ours.observe(v);
        }
        return new HistogramDataPointSnapshot[] {client.collect().getDataPoints().get(0), ours.snapshot(LABELS, 0)};
    }

    private static void assertSame(HistogramDataPointSnapshot expected, HistogramDataPointSnapshot actual) {
        assertEquals(buckets(expected.getClassicBuckets()), buckets(actual.getClassicBuckets()), "classic buckets");
        assertEquals(expected.getNativeSchema(), actual.getNativeSchema(), "schema");
        assertEquals(expected.getNativeZeroCount(), actual.getNativeZeroCount(), "zero count");
        assertEquals(expected.getNativeZeroThreshold(), actual.getNativeZeroThreshold(), "zero threshold");
        assertEquals(buckets(expected.getNativeBucketsForPositiveValues()),
                buckets(actual.getNativeBucketsForPositiveValues()), "native buckets");
        assertEquals(0, actual.getNativeBucketsForNegativeValues().size(), "negative buckets");
        assertEquals(expected.getCount(), actual.getCount(), "count");
        assertEquals(expected.getSum(), actual.getSum(), "sum");
        assertEquals(LABELS, actual.getLabels());
    }

    private static List<String> buckets(ClassicHistogramBuckets b) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            out.add(b.getUpperBound(i) + ":" + b.getCount(i));
        }
        return out;
    }

    private static List<String> buckets(NativeHistogramBuckets b) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            out.add(b.getBucketIndex(i) + ":" + b.getCount(i));
        }
        return out;
    }

    @Test
    void countsLanRttsAsTheClientsHistogramDoesAtEverySchema() {
        Random r = new Random(27);
        double[] v = new double[2_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (50_000 + r.nextInt(2_000_000)) / 1e9; // 50 us .. 2 ms, as the engine's nanoseconds become
        }
        for (int schema = -4; schema <= 8; schema++) {
            HistogramDataPointSnapshot[] p = both(Buckets.SMOKEPING, schema, v);
            assertSame(p[0], p[1]);
        }
    }

    @Test
    void valuesOnBoundsAndZeroLandWhereTheClientPutsThem() {
        // Classic bounds themselves, powers of two (native bounds at every schema), 0 and a value past every bound.
        double[] v = {0, 5e-05, 1e-4, 0.0001, 0.25, 0.5, 1, 2, 0x1p-20, 0x1p-10 * 1.0000001, 30, 1e9, 0.0128};
        for (int schema = -4; schema <= 8; schema++) {
            HistogramDataPointSnapshot[] p = both(Buckets.SMOKEPING, schema, v);
            assertSame(p[0], p[1]);
        }
        assertEquals(1, both(Buckets.SMOKEPING, 4, v)[1].getNativeZeroCount());
    }

    @Test
    void moreThan160NativeBucketsHalveTheResolutionAsTheClientDoes() {
        // Spread over 2^-20 .. 2^10 s: hundreds of buckets at schema 8, so the schema must come down several steps.
        Random r = new Random(5);
        double[] v = new double[20_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.pow(2, -20 + 30 * r.nextDouble());
        }
        HistogramDataPointSnapshot[] p = both(Buckets.parse("0.001,0.01,0.1,1"), 8, v);
        assertTrue(p[1].getNativeSchema() < 8, "schema " + p[1].getNativeSchema());
        assertTrue(p[1].getNativeBucketsForPositiveValues().size() <= RttDistribution.MAX_NATIVE_BUCKETS);
        assertSame(p[0], p[1]);
    }

    @Test
    void the161stNativeBucketHalvesTheResolutionAndThe160thDoesNot() {
        // At schema 8 each of these is a bucket of its own: 2^(k/256) lies on the upper bound of bucket k.
        double[] v = new double[161];
        for (int k = 0; k < v.length; k++) {
            v[k] = Math.pow(2, -12 + k / 256.0) * 1.0001;
        }
        HistogramDataPointSnapshot[] p = both(Buckets.SMOKEPING, 8, java.util.Arrays.copyOf(v, 160));
        assertEquals(8, p[1].getNativeSchema());
        assertSame(p[0], p[1]);
        p = both(Buckets.SMOKEPING, 8, v);
        assertEquals(7, p[1].getNativeSchema());
        assertSame(p[0], p[1]);
    }
}
