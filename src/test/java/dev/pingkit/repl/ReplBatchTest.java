package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code send} with ranges over loopback: one batch, a line per probe, the results collected; its mistakes. */
class ReplBatchTest {
    @Test
    void rangesStepsAndCountMakeOneBatchWhoseProbesJoinTheResults() {
        var t = ReplDriver.script("echo to 127.0.0.1 id 4290",
                "send size 0..400 step 200 count 2 2",
                "results table size target rtt count",
                "stats");
        assertEquals(0, t.status(), t.output());
        assertTrue(t.hasLine("sending Probes: 6 to 127.0.0.1 seq [1,2] size 0..400 step 200 at once"), t.output());
        assertEquals(6, t.output().lines().filter(l -> l.matches("127\\.0\\.0\\.1 seq=\\d size=(0|200|400): reply "
                + "from 127\\.0\\.0\\.1 ttl=64 time=\\d+\\.\\d{3} ms")).count(), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.matches("Results: 6 probes, 6 answered, 0 errors, 0 lost in "
                + "\\d+\\.\\d\\d s")), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.matches("400 +2")), t.output());
        // count 2 asks seqs 1 and 2, each size under each: the lines say the seqs the wire carried
        assertEquals(java.util.List.of("seq=1 size=0", "seq=1 size=200", "seq=1 size=400", "seq=2 size=0",
                "seq=2 size=200", "seq=2 size=400"), t.output().lines().filter(l -> l.startsWith("127.0.0.1 seq="))
                .map(l -> l.substring("127.0.0.1 ".length(), l.indexOf(':'))).toList(), t.output());
        assertTrue(t.output().lines().noneMatch(l -> l.startsWith("numbering:")), t.output());
        assertTrue(t.hasLine("sent 6, answered 6, ICMP errors 0, no reply 0"), t.output());
    }

    @Test
    void aSizeRangeWithNoSeqSetIsNumberedByTheEngineAndSaysSo() {
        var t = ReplDriver.script("echo to 127.0.0.1 id 4291", "send size 0..400 step 200 2");
        assertEquals(0, t.status(), t.output());
        assertEquals(java.util.List.of("seq=1 size=0", "seq=2 size=200", "seq=3 size=400"), t.output().lines()
                .filter(l -> l.startsWith("127.0.0.1 seq=")).map(l -> l.substring("127.0.0.1 ".length(),
                        l.indexOf(':'))).toList(), t.output());
        assertTrue(t.hasLine("numbering: seq by the engine, 1..3 in send order (no seq was set)"), t.output());
    }

    @Test
    void batchMistakesAreOneLine() {
        var t = ReplDriver.script("echo to 127.0.0.1", "send seq 1..3 step 2", "send payload 1..2",
                "send seq 3..1", "send seq 1..3 count 2", "send count 70000");
        assertTrue(t.hasLine("error: seq ranges go one by one; step applies to size, ttl and tos"), t.output());
        assertTrue(t.hasLine("error: a range takes one of seq size ttl tos, got payload 1..2"), t.output());
        assertTrue(t.hasLine("error: seq range must go up, got 3..1"), t.output());
        assertTrue(t.hasLine("error: count repeats each probe with seq 1..2; give either a seq range or count, not "
                + "both"), t.output());
        assertTrue(t.hasLine("error: count 70000 from seq 1 runs past seq 65535"), t.output());
    }
}
