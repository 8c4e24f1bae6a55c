package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code set target}: the same packet to another host, sent for real over loopback in both families. */
class ReplSetTargetTest {
    @Test
    void setTargetKeepsTheOtherFieldsAndTheProbeGoesToTheNewHost() {
        var t = ReplDriver.script("echo to 127.0.0.1 id 4260 seq 7 payload \"same\" ttl 9",
                "set target ::1", "send -q 2",
                "set target 127.0.0.1 seq 8", "send -q 2",
                "results table seq target status");
        assertEquals(0, t.status(), t.output());
        assertTrue(t.hasLine("target   = ::1"), t.output());
        assertTrue(t.hasLine("Echo ::1 id=4260 seq=7 len=4 \"same\" checksum=kernel ttl=9"), t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.startsWith("::1 seq=7 size=4 ttl=9: reply from ::1")),
                t.output());
        assertTrue(t.output().lines().anyMatch(l -> l.startsWith("127.0.0.1 seq=8 size=4 ttl=9: reply from")),
                t.output());
        var bad = ReplDriver.script("echo to 127.0.0.1", "set target");
        assertTrue(bad.hasLine("error: target needs a value: set target <host>"), bad.output());
    }
}
