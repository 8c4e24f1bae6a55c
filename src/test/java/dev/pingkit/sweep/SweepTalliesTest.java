package dev.pingkit.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pingkit.engine.ProbeEvent;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A sweep's flat per-target counts: the same statistics whether the times sit in one array or one per target. */
class SweepTalliesTest {

    private static List<SweepTarget> targets(int n) throws Exception {
        List<SweepTarget> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InetAddress a = InetAddress.getByAddress(new byte[] {(byte) 198, 19, 0, (byte) (i + 1)});
            l.add(new SweepTarget(i, a.getHostAddress(), a));
        }
        return l;
    }

    private static SweepEvent reply(SweepTarget t, int attempt, long rtt) {
        return new SweepEvent(t, attempt, new ProbeEvent.Answered(null, t.address(), rtt, 64, 64, 0, true, null));
    }

    private static SweepEvent duplicate(SweepTarget t, int attempt, long rtt) {
        return new SweepEvent(t, attempt, new ProbeEvent.Duplicate(null, t.address(), rtt, 64, 64, true, null));
    }

    private static SweepEvent damaged(SweepTarget t, int attempt, long rtt) {
        return new SweepEvent(t, attempt, new ProbeEvent.Corrupted(null, t.address(), rtt, 64, 64, true, false, -1,
                -1, -1, null));
    }

    private static SweepEvent lost(SweepTarget t, int attempt) {
        return new SweepEvent(t, attempt, new ProbeEvent.Lost(null, false));
    }

    /** Target 0: answered 1 ms, lost, answered 3 ms plus a duplicate; target 1: a damaged reply then lost thrice. */
    private static SweepTallies feed(SweepTallies t, List<SweepTarget> ts) {
        InetAddress a0 = ts.get(0).address();
        t.add(0, reply(ts.get(0), 0, 1_000_000));
        t.add(1, damaged(ts.get(1), 0, 2_000_000));
        t.add(0, lost(ts.get(0), 1));
        t.add(1, lost(ts.get(1), 0));
        t.add(0, reply(ts.get(0), 2, 3_000_000));
        t.add(0, duplicate(ts.get(0), 2, 3_500_000));
        t.add(1, lost(ts.get(1), 1));
        t.add(1, lost(ts.get(1), 2));
        return t;
    }

    @Test
    void flatAndPerTargetTimesGiveTheSameStatistics() throws Exception {
        List<SweepTarget> ts = targets(2);
        List<TargetStats> flat = feed(new SweepTallies(ts, 3, 3, false), ts).results();   // -c 3: one flat array
        List<TargetStats> own = feed(new SweepTallies(ts, 0, 1, false), ts).results();    // retries: grown
        List<TargetStats> many = feed(new SweepTallies(ts, 1000, 3, false), ts).results(); // -c 1000: grown
        assertEquals(flat, own);
        assertEquals(flat, many);
        TargetStats t0 = flat.get(0);
        assertArrayEquals(new long[] {1_000_000, -1, 3_000_000}, t0.rttNanos());
        assertEquals(3, t0.sent());
        assertEquals(2, t0.received());
        assertEquals(1, t0.duplicates());
        TargetStats t1 = flat.get(1);
        assertArrayEquals(new long[] {-1, -1, -1}, t1.rttNanos());
        assertEquals(1, t1.damaged());
        assertEquals(0, t1.received());
    }

    @Test
    void aSweepResultKeepsItsOwnResultsAsTheyAreAndTheyAreImmutable() throws Exception {
        List<SweepTarget> ts = targets(2);
        List<TargetStats> results = feed(new SweepTallies(ts, 3, 3, false), ts).results();
        SweepResult r = new SweepResult(results, 1, false);
        assertSame(results, r.targets());
        assertEquals(List.of(ts.get(0)), r.alive());
        assertThrows(UnsupportedOperationException.class, () -> r.targets().set(0, r.get(1)));
        assertThrows(UnsupportedOperationException.class, () -> r.targets().add(r.get(1)));
    }

    @Test
    void aLoopKeepsCountsAndMinAvgMaxButNoTimes() throws Exception {
        List<SweepTarget> ts = targets(2);
        List<TargetStats> flat = feed(new SweepTallies(ts, 3, 3, false), ts).results();
        List<TargetStats> loop = feed(new SweepTallies(ts, 0, 3, true), ts).results(); // -l
        for (int i = 0; i < 2; i++) {
            TargetStats f = flat.get(i), l = loop.get(i);
            assertEquals(0, l.rttNanos().length, l.toString());
            assertEquals(List.of(f.sent(), f.received(), f.duplicates(), f.damaged()),
                    List.of(l.sent(), l.received(), l.duplicates(), l.damaged()));
            assertEquals(List.of(f.minNanos(), f.avgNanos(), f.maxNanos()),
                    List.of(l.minNanos(), l.avgNanos(), l.maxNanos()));
            assertEquals(f.toString(), l.toString());
            assertEquals(-1, l.percentileNanos(50), "a loop keeps no times to rank");
        }
        assertEquals(List.of(1_000_000L, 2_000_000L, 3_000_000L),
                List.of(loop.get(0).minNanos(), loop.get(0).avgNanos(), loop.get(0).maxNanos()));
    }

    @Test
    void aLongLoopStaysExact() throws Exception {
        // A million probes of one target, one in ten lost: the counts and min/avg/max stay exact with no times kept.
        List<SweepTarget> ts = targets(1);
        SweepTallies t = new SweepTallies(ts, 0, 3, true);
        long sum = 0;
        int received = 0;
        for (int k = 0; k < 1_000_000; k++) {
            if (k % 10 == 9) {
                t.add(0, lost(ts.get(0), k));
            } else {
                long rtt = 50_000 + k % 1000;
                t.add(0, reply(ts.get(0), k, rtt));
                sum += rtt;
                received++;
            }
        }
        TargetStats s = t.results().get(0);
        assertEquals(1_000_000, s.sent());
        assertEquals(900_000, s.received());
        assertEquals(10.0, s.lossPercent(), 1e-9);
        assertEquals(50_000, s.minNanos());
        assertEquals(50_998, s.maxNanos()); // k % 1000 == 999 is a lost probe
        assertEquals(sum / received, s.avgNanos());
        assertEquals(0, s.rttNanos().length);
    }

    @Test
    void midRunTheCountsAndTimesSoFarAreReadFromTheFlatSlotsInTheOrderTheProbesEnded() throws Exception {
        List<SweepTarget> ts = targets(2);
        SweepTallies t = new SweepTallies(ts, 3, 3, false); // -c 3: flat, no separate counts
        SweepProgress p = new SweepProgress(t);
        assertEquals(0, t.ended(1));
        assertArrayEquals(new long[0], p.rttNanos(1));
        t.add(1, reply(ts.get(1), 0, 700));
        t.add(1, lost(ts.get(1), 1));
        t.add(0, reply(ts.get(0), 0, 500));
        assertEquals(2, t.ended(1));
        assertEquals(1, p.received(1));
        assertArrayEquals(new long[] {700, -1}, p.rttNanos(1));
        assertArrayEquals(new long[] {500}, p.rttNanos(0));
        t.add(1, reply(ts.get(1), 2, 900));
        assertEquals(3, t.ended(1));
        assertEquals(2, p.received(1));
        assertEquals(new TargetStats(ts.get(1), 3, 2, 0, 0, new long[] {700, -1, 900}, Optional.empty()), t.stats(1));
    }
}
