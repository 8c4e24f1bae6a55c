package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code results table} over real loopback sends: each cell aggregates its probes and the REPL says how. */
class ReplResultsTableTest {
    @Test
    void cellsAreTheMedianByDefaultAnyStatisticByNameAndTheReplSaysWhich() {
        var t = ReplDriver.script("echo to 127.0.0.1 id 4250 size 0",
                "for s in 0,0,0,16 { send --next -q size $s 2 }",
                "results table size target rtt",
                "results table size target rtt count",
                "results table size target status");
        assertEquals(0, t.status(), t.output());
        assertTrue(t.hasLine("each cell: the median rtt of its probes"), t.output());
        assertTrue(t.hasLine("each cell: how many of its probes have a rtt"), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.matches("0 +3")), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.matches("16 +1")), t.output());
        assertTrue(t.hasLine("each cell: every status of its probes, once each, /-separated"), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.matches("0 +answered")), t.output());
        var bad = ReplDriver.script("echo to 127.0.0.1", "send -q 2", "results table size target rtt average");
        assertTrue(bad.hasLine("error: statistic must be one of min p10 median p90 max mean count last, got average"),
                bad.output());
    }
}
