package dev.pingkit.ping;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ping's statistics against iputils' formulas, recomputed here from the raw samples. */
class PingRecorderTest {

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
            PingRecorder r = new PingRecorder();
            r.start(0);
            for (int i = 0; i < n; i++) {
                r.sent(i);
                r.reply(nanos[i], false);
            }
            PingStatistics s = r.snapshot();
            long[] want = iputils(Arrays.stream(nanos).map(x -> x / 1000).toArray());
            assertEquals(want[0], s.minMicros(), "min");
            assertEquals(want[1], s.avgMicros(), "avg");
            assertEquals(want[2], s.maxMicros(), "max");
            assertEquals(want[3], s.mdevMicros(), "mdev");
            assertEquals(Arrays.stream(nanos).min().orElseThrow(), s.minNanos(), "the engine's nanosecond figures");
            assertEquals(n, s.received());
        }
    }

    @Test
    void duplicatesAreTimedButNotReceivedAndCorruptedNeither() {
        PingRecorder r = new PingRecorder();
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
        PingRecorder r = new PingRecorder();
        for (int i = 0; i < 3; i++) {
            r.sent(i);
        }
        r.reply(1000, false);
        r.reply(1000, false);
        PingStatistics s = r.snapshot();
        assertEquals((float) (100.0 / 3), s.lossPercent(), "narrowed to a float, as iputils does");
        assertTrue(s.toString().contains("33.3333% loss"), s.toString());
        assertFalse(new PingRecorder().snapshot().hasRtt());
        assertEquals(0, new PingRecorder().snapshot().lossPercent());
    }

    @Test
    void timeIsFromStartToLastProbeRoundedToMilliseconds() {
        PingRecorder r = new PingRecorder();
        r.start(5_000_000_000L);
        r.sent(5_000_000_000L);
        r.sent(7_002_600_000L);
        assertEquals(2_002_600_000L, r.snapshot().elapsedNanos());
        assertEquals(2003, r.snapshot().timeMillis());
    }

    @Test
    void ewmaFollowsIputilsUpdate() {
        PingRecorder r = new PingRecorder();
        long rtt8 = 0;
        long[] us = {100, 300, 50, 900, 120};
        for (long t : us) {
            r.reply(t * 1000, false);
            rtt8 = rtt8 == 0 ? t * 8 : rtt8 + t - rtt8 / 8;
            assertEquals(rtt8 / 8, r.ewmaMicros(), "what -A reads while the run goes on");
        }
        assertEquals(rtt8 / 8, r.snapshot().ewmaMicros());
        assertEquals(900, r.maxMicros());
    }

    @Test
    void pipeIsTheMostInFlight() {
        PingRecorder r = new PingRecorder();
        r.inFlight(3);
        r.inFlight(2);
        assertEquals(3, r.snapshot().pipe());
    }

    @Test
    void recordingAMillionRepliesAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        PingRecorder r = new PingRecorder();
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < 200_000; i++) { // warm up so that the measured loop runs compiled
            r.sent(i);
            r.reply(50_000 + i % 1000, i % 97 == 0);
        }
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1_000_000; i++) {
            r.sent(i);
            r.reply(50_000 + (i * 7919L) % 10_000_000, i % 97 == 0);
            r.inFlight(i % 5);
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
    void aSnapshotTakenWhileRecordingPairsTheCountsWithTheirSums() throws Exception {
        PingRecorder r = new PingRecorder();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 2_000_000; i++) {
                r.sent(i);
                r.reply(1_000_000, false); // every reply 1000 µs: a consistent copy has avg exactly 1000
            }
        });
        writer.start();
        while (writer.isAlive()) {
            PingStatistics s = r.snapshot();
            if (s.received() > 0) {
                assertEquals(1000, s.avgMicros(), s.toString());
                assertTrue(s.transmitted() >= s.received(), s.toString());
            }
        }
        writer.join();
        assertEquals(2_000_000, r.snapshot().received());
    }

    @Test
    void integerSquareRootIsIputilsNewtonIterationQuirksIncluded() {
        for (long a = 0; a < 100_000; a++) {
            assertEquals(llsqrt(a), PingRecorder.isqrt(a), "a=" + a);
        }
        assertEquals(2, PingRecorder.isqrt(3), "iputils prints mdev 0.002 for a variance of 3 µs², not 0.001");
        assertEquals(0, PingRecorder.isqrt(-5), "a negative variance (rounding) is 0, not negative");
    }
}
