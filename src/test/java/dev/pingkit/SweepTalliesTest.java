package dev.pingkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

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

    /** Target 0: answered 1 ms, lost, answered 3 ms plus a duplicate; target 1: a damaged reply then lost thrice. */
    private static SweepTallies feed(SweepTallies t, List<SweepTarget> ts) {
        InetAddress a0 = ts.get(0).address();
        t.add(0, new SweepEvent.Reply(ts.get(0), 0, a0, 64, 1_000_000, false, true));
        t.add(1, new SweepEvent.Reply(ts.get(1), 0, ts.get(1).address(), 64, 2_000_000, false, false));
        t.add(0, new SweepEvent.Lost(ts.get(0), 1));
        t.add(1, new SweepEvent.Lost(ts.get(1), 0));
        t.add(0, new SweepEvent.Reply(ts.get(0), 2, a0, 64, 3_000_000, false, true));
        t.add(0, new SweepEvent.Reply(ts.get(0), 2, a0, 64, 3_500_000, true, true));
        t.add(1, new SweepEvent.Lost(ts.get(1), 1));
        t.add(1, new SweepEvent.Lost(ts.get(1), 2));
        return t;
    }

    @Test
    void flatAndPerTargetTimesGiveTheSameStatistics() throws Exception {
        List<SweepTarget> ts = targets(2);
        List<TargetStats> flat = feed(new SweepTallies(ts, 3, 3), ts).results();      // -c 3: one flat array
        List<TargetStats> own = feed(new SweepTallies(ts, 0, 1), ts).results();       // retries: grown per target
        List<TargetStats> loop = feed(new SweepTallies(ts, 100_000, 3), ts).results(); // -l: grown per target
        assertEquals(flat, own);
        assertEquals(flat, loop);
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
        List<TargetStats> results = feed(new SweepTallies(ts, 3, 3), ts).results();
        SweepResult r = new SweepResult(results, 1, false);
        assertSame(results, r.targets());
        assertEquals(List.of(ts.get(0)), r.alive());
        assertThrows(UnsupportedOperationException.class, () -> r.targets().set(0, r.get(1)));
        assertThrows(UnsupportedOperationException.class, () -> r.targets().add(r.get(1)));
    }
}
