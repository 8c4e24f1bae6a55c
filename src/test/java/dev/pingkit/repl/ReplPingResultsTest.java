package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code ping} in the REPL feeds {@code results} as {@code send} does, over loopback. */
class ReplPingResultsTest {
    @Test
    void aPingsProbesJoinTheResults() {
        var t = ReplDriver.script("ping -c 3 -i 0.2 127.0.0.1", "results stats target", "results");
        assertEquals(0, t.status(), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.matches("127\\.0\\.0\\.1 +3 +0 +0% .*")), t.output());
        assertTrue(t.hasLine("Results: 3 probes, 3 answered, 0 errors, 0 lost"), t.output());
        assertEquals(3, t.output().lines().filter(l -> l.matches("127\\.0\\.0\\.1 +\\d+ +[123] +56 .*answered.*"))
                .count(), t.output());
    }
}
