package dev.pingkit.engine;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The statistics against iputils' formulas, recomputed here from the raw samples. */
class StatisticsRecorderTest {

    /** iputils ping_print_statistics, transcribed independently: integer µs, its order of operations. */
    static long[] iputils(long[] micros) {
        long tsum = 0;
        double tsum2 = 0;
        long tmin = Long.MAX_VALUE;
        long tmax = 0;
        for (long t : micros) {
            tsum += t;
            tsum2 += (double) (t * t);
            tmin = Math.min(tmin, t);
            tmax = Math.max(tmax, t);
        }
        long total = micros.length;
        long tmavg = tsum / total;
        long tmvar = tsum < Integer.MAX_VALUE ? (long) ((tsum2 - (tsum * tsum) / total) / total)
                : (long) (tsum2 / total - tmavg * tmavg);
        return new long[] {tmin, tmavg, tmax, llsqrt(tmvar)};
    }

    /** iputils' llsqrt as written there: it stops when Newton stops decreasing and returns that last x. */
    static long llsqrt(long a) {
        long prev = Long.MAX_VALUE;
        long x = a;
        if (x > 0) {
            while (x < prev) {
                prev = x;
                x = (x + (a / x)) / 2;
            }
        }
        return x;
    }

    @Test
    void rttFiguresMatchIputilsFormulas() {
        Random rnd = new Random(42);
        for (int round = 0; round < 50; round++) {
            int n = 1 + rnd.nextInt(300);
            long[] nanos = new long[n];
            long scale = round % 3 == 0 ? 80_000 : round % 3 == 1 ? 3_000_000 : 900_000_000L;
            for (int i = 0; i < n; i++) {
                nanos[i] = 1 + (long) (rnd.nextDouble() * scale);
            }
            StatisticsRecorder r = new StatisticsRecorder();
            r.start(0);
            for (int i = 0; i < n; i++) {
                r.sent(i);
                r.reply(nanos[i], false);
            }
            PingStatistics s = r.snapshot();
            long[] micros = Arrays.stream(nanos).map(x -> x / 1000).toArray();
            long[] want = iputils(micros);
            assertEquals(want[0], s.minMicros(), "min");
            assertEquals(want[1], s.avgMicros(), "avg");
            assertEquals(want[2], s.maxMicros(), "max");
            assertEquals(want[3], s.mdevMicros(), "mdev");
            // the nanosecond figures, two-pass
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
        r.sent(0);
        r.sent(1);
        r.reply(1_000_000, false);
        r.reply(3_000_000, true);
        r.corrupted();
        PingStatistics s = r.snapshot();
        assertEquals(1, s.received());
        assertEquals(1, s.duplicates());
        assertEquals(1, s.corrupted());
        assertEquals(2000, s.avgMicros(), "iputils divides by received + duplicates");
        assertEquals(50.0, s.lossPercent());
    }

    @Test
    void lossIsComputedAsIputilsPrintsIt() {
        StatisticsRecorder r = new StatisticsRecorder();
        for (int i = 0; i < 3; i++) {
            r.sent(i);
        }
        r.reply(1000, false);
        r.reply(1000, false);
        PingStatistics s = r.snapshot();
        assertEquals((float) (100.0 / 3), (float) s.lossPercent());
        assertTrue(s.toString().contains("33.3333% loss"), s.toString());
        assertFalse(new StatisticsRecorder().snapshot().hasRtt());
        assertEquals(0, new StatisticsRecorder().snapshot().lossPercent());
    }

    @Test
    void timeIsFromStartToLastProbeRoundedToMilliseconds() {
        StatisticsRecorder r = new StatisticsRecorder();
        r.start(5_000_000_000L);
        r.sent(5_000_000_000L);
        r.sent(7_002_600_000L);
        assertEquals(2_002_600_000L, r.snapshot().elapsedNanos());
        assertEquals(2003, r.snapshot().timeMillis());
    }

    @Test
    void ewmaFollowsIputilsUpdate() {
        StatisticsRecorder r = new StatisticsRecorder();
        long rtt8 = 0;
        long[] us = {100, 300, 50, 900, 120};
        for (long t : us) {
            r.reply(t * 1000, false);
            rtt8 = rtt8 == 0 ? t * 8 : rtt8 + t - rtt8 / 8;
        }
        assertEquals(rtt8 / 8, r.snapshot().ewmaMicros());
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
        PingStatistics s = r.snapshot();
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
            r.sent(i);
            r.reply(50_000 + i % 1000, i % 97 == 0);
        }
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1_000_000; i++) {
            r.sent(i);
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
            r.sent(i);
            r.reply(40_000 + (i * 7919L) % 40_000, false); // 40..80 us: two powers of two
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 4096, "a recorder with RTTs over two octaves took " + allocated + " bytes");
        PingStatistics s = r.snapshot();
        assertEquals(1000, s.received());
        assertTrue(Math.abs(s.p50Nanos() - 60_000) < 1_000, "p50 " + s.p50Nanos());
    }

    @Test
    void integerSquareRootIsIputilsNewtonIterationQuirksIncluded() {
        for (long a = 0; a < 100_000; a++) {
            assertEquals(llsqrt(a), StatisticsRecorder.isqrt(a), "a=" + a);
        }
        assertEquals(2, StatisticsRecorder.isqrt(3), "iputils prints mdev 0.002 for a variance of 3 µs², not 0.001");
        assertEquals(0, StatisticsRecorder.isqrt(-5), "a negative variance (rounding) is 0, not negative");
    }
}
