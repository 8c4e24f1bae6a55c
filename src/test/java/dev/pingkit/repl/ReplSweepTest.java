package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code sweep} on real sockets over loopback: lines as it goes, a summary, mistakes, Ctrl-C keeping results. */
class ReplSweepTest {

    @Test
    void sweepPrintsEachTargetAsItIsKnownAndASummary() {
        var t = ReplDriver.script("sweep 127.0.0.1 ::1 count 2 interval 5", "sweep 127.0.0.0/30", "ipv4");
        String out = t.output();
        assertTrue(out.lines().anyMatch(l -> l.matches("127\\.0\\.0\\.1 alive \\d+\\.\\d{3} ms")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("::1 alive \\d+\\.\\d{3} ms")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("2 targets, 2 alive, 0 unreachable in \\d+\\.\\d{3} s")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("127.0.0.2 alive ")), out); // the /30's second host
        assertEquals(0, t.status(), out);
    }

    @Test
    void mistakesAreOneLineAndTheSessionGoesOn() {
        var t = ReplDriver.script("sweep", "sweep 198.19.0.0/33", "sweep 127.0.0.1 count x", "ipv4");
        String out = t.output();
        assertTrue(out.contains("sweep needs a target"), out);
        assertTrue(out.contains("prefix length must be 1..32, got '33'"), out);
        assertTrue(out.contains("count must be 0..100000, got 'x'"), out);
        assertTrue(t.hasLine("host names resolve to IPv4"), out);
        assertFalse(out.contains("Exception"), out);
    }

    @Test
    @Timeout(120)
    void ctrlCStopsASweepAndKeepsWhatItFound() throws Exception {
        try (ReplNetworkTest.Live live = new ReplNetworkTest.Live("sweep 127.0.0.1 count 1000 interval 1", "ipv6")) {
            live.awaitOutput("127.0.0.1 alive");
            live.ctrlC();
            live.awaitOutput("host names resolve to IPv6");
            live.close();
            String out = live.output();
            assertTrue(out.lines().anyMatch(l -> l.matches(
                    "1 targets, 1 alive, 0 unreachable in \\d+\\.\\d{3} s \\(stopped: partial results\\)")), out);
        }
    }

    @Test
    @Timeout(120)
    void aStoppedSweepCountsTheTargetsItNeverProbedApart() throws Exception {
        // 254 loopback targets 200 ms apart: Ctrl-C after the first answers leaves most never probed, and they are
        // not unreachable (they were counted so)
        try (ReplNetworkTest.Live live = new ReplNetworkTest.Live("sweep 127.0.0.0/24 count 1 interval 200",
                "ipv6")) {
            live.awaitOutput("127.0.0.2 alive");
            live.ctrlC();
            live.awaitOutput("host names resolve to IPv6");
            live.close();
            String out = live.output();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("254 targets, (\\d+) alive, 0 unreachable, "
                    + "(\\d+) not probed in \\d+\\.\\d{3} s \\(stopped: partial results\\)").matcher(out);
            assertTrue(m.find(), out);
            assertTrue(Integer.parseInt(m.group(1)) >= 2 && Integer.parseInt(m.group(2)) > 100, out);
        }
    }
}
