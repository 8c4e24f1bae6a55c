package dev.pingkit.engine;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's nanosecond statistics against the figures recomputed here from the raw samples. */
class StatisticsRecorderTest {

    @Test
    void rttFiguresMatchTheSamples() {
        Random rnd = new Random(42);
        for (int round = 0; round < 50; round++) {
            int n = 1 + rnd.nextInt(300);
            long[] nanos = new long[n];
            long scale = round % 3 == 0 ? 80_000 : round % 3 == 1 ? 3_000_000 : 900_000_000L;
            for (int i = 0; i < n; i++) {
                nanos[i] = 1 + (long) (rnd.nextDouble() * scale);
            }
            StatisticsRecorder r = new StatisticsRecorder();
            for (int i = 0; i < n; i++) {
                r.sent();
                r.reply(nanos[i], false);
            }
            ProbeStatistics s = r.snapshot();
            assertEquals(n, s.timed());
            // two-pass
            double mean = Arrays.stream(nanos).average().orElseThrow();
            double var = Arrays.stream(nanos).mapToDouble(x -> (x - mean) * (x - mean)).sum() / n;
            assertEquals(Math.round(mean), s.avgNanos(), 1);
            assertEquals(Math.sqrt(var), s.mdevNanos(), Math.max(1, Math.sqrt(var) * 1e-9));
            assertEquals(Arrays.stream(nanos).min().orElseThrow(), s.minNanos());
            assertEquals(Arrays.stream(nanos).max().orElseThrow(), s.maxNanos());
        }
    }

    @Test
    void duplicatesAreTimedButNotReceivedAndCorruptedNeither() {
        StatisticsRecorder r = new StatisticsRecorder();
        r.sent();
        r.sent();
        r.reply(1_000_000, false);
        r.reply(3_000_000, true);
        r.corrupted();
        ProbeStatistics s = r.snapshot();
        assertEquals(1, s.received());
        assertEquals(1, s.duplicates());
        assertEquals(1, s.corrupted());
        assertEquals(2, s.timed());
        assertEquals(2_000_000, s.avgNanos(), "the mean takes the duplicate's RTT in");
        assertEquals(50.0, s.lossPercent());
    }

    @Test
    void lossIsInPercentOfTheProbesSent() {
        StatisticsRecorder r = new StatisticsRecorder();
        for (int i = 0; i < 3; i++) {
            r.sent();
        }
        r.reply(1000, false);
        r.reply(1000, false);
        ProbeStatistics s = r.snapshot();
        assertEquals(100.0 / 3, s.lossPercent(), 1e-12);
        assertTrue(s.toString().contains("33.3333% loss"), s.toString());
        assertFalse(new StatisticsRecorder().snapshot().hasRtt());
        assertEquals(0, new StatisticsRecorder().snapshot().lossPercent());
    }

    @Test
    void percentilesAreWithinHalfABucketOfTheExactNearestRank() {
        Random rnd = new Random(7);
        int n = 20_000;
        long[] v = new long[n];
        StatisticsRecorder r = new StatisticsRecorder();
        for (int i = 0; i < n; i++) {
            v[i] = 20_000 + (long) (Math.abs(rnd.nextGaussian()) * 5_000_000);
            r.reply(v[i], false);
        }
        Arrays.sort(v);
        ProbeStatistics s = r.snapshot();
        assertClose(v[(int) Math.ceil(0.50 * n) - 1], s.p50Nanos());
        assertClose(v[(int) Math.ceil(0.90 * n) - 1], s.p90Nanos());
        assertClose(v[(int) Math.ceil(0.99 * n) - 1], s.p99Nanos());
    }

    private static void assertClose(long exact, long got) {
        assertTrue(Math.abs(exact - got) <= exact / 120 + 1, "exact " + exact + " histogram " + got);
    }

    @Test
    void histogramBucketsCoverEveryValueContiguously() {
        long prevEnd = 0;
        for (int i = 0; i < RttHistogram.BUCKETS; i++) {
            assertEquals(prevEnd, RttHistogram.lowerBound(i), "bucket " + i);
            assertEquals(i, RttHistogram.indexOf(RttHistogram.lowerBound(i)));
            prevEnd = RttHistogram.lowerBound(i) + RttHistogram.width(i);
            if (i == RttHistogram.BUCKETS - 1) {
                assertEquals(Long.MIN_VALUE, prevEnd, "the last bucket ends at 2^63");
            } else {
                assertEquals(i, RttHistogram.indexOf(prevEnd - 1));
            }
        }
        assertEquals(RttHistogram.BUCKETS - 1, RttHistogram.indexOf(Long.MAX_VALUE));
    }

    @Test
    void recordingAMillionRepliesAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        StatisticsRecorder r = new StatisticsRecorder();
        long tid = Thread.currentThread().getId();
        // warm up so that the measured loop runs compiled
        for (int i = 0; i < 200_000; i++) {
            r.sent();
            r.reply(50_000 + i % 1000, i % 97 == 0);
        }
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1_000_000; i++) {
            r.sent();
            r.reply(50_000 + (i * 7919L) % 10_000_000, i % 97 == 0);
            if (i % 1000 == 0) {
                r.corrupted();
                r.error();
            }
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 64 * 1024, "recorder allocated " + allocated + " bytes for a million replies");
        assertEquals(1_200_000, r.snapshot().transmitted());
    }

    @Test
    void aRecorderHoldsOnlyTheHistogramBlocksItsRttsReach() {
        // An engine keeps one recorder per target: 10 000 targets must not cost 30 KB each.
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int warm = 0; warm < 3; warm++) {
            new StatisticsRecorder().reply(50_000, false);
        }
        long before = mx.getThreadAllocatedBytes(tid);
        StatisticsRecorder r = new StatisticsRecorder();
        for (int i = 0; i < 1000; i++) {
            r.sent();
            r.reply(40_000 + (i * 7919L) % 40_000, false); // 40..80 us: two powers of two
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 4096, "a recorder with RTTs over two octaves took " + allocated + " bytes");
        ProbeStatistics s = r.snapshot();
        assertEquals(1000, s.received());
        assertTrue(Math.abs(s.p50Nanos() - 60_000) < 1_000, "p50 " + s.p50Nanos());
    }

    @Test
    void aRecorderThatIsOffCountsNothingAndHoldsNoHistogram() {
        StatisticsRecorder r = StatisticsRecorder.off();
        r.sent();
        r.reply(1_000_000, false);
        r.corrupted();
        r.error();
        ProbeStatistics s = r.snapshot();
        assertEquals(0, s.transmitted());
        assertEquals(0, s.received() + s.corrupted() + s.errors());
        assertFalse(s.hasRtt());
    }
}
