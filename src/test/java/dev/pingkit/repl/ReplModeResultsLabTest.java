package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;

/**
 * {@code sweep} and {@code trace} feed {@code results} as {@code send} and {@code ping} do, in a session a user
 * runs ({@code scripts/repl --lab -f}): every probe each mode sent is one row, with the id, seq, TTL and size it
 * went out with, and the tables count them per target and per hop.
 */
@LabTest
class ReplModeResultsLabTest {
    private static final Duration LIMIT = Duration.ofSeconds(90);

    private static Lab.Result repl(Path dir, String... lines) throws IOException {
        Path file = Files.write(dir.resolve("modes.repl"), List.of(lines));
        return Lab.run(LIMIT, "env", "PINGKIT_CLASSPATH=" + System.getProperty("java.class.path"),
                Lab.home().resolve("scripts/repl").toString(), "--lab", "-k", "-f", file.toString());
    }

    private static boolean row(String out, String regex) {
        return out.lines().anyMatch(l -> l.matches(regex));
    }

    @Test
    void aSweepsAndATracesProbesJoinTheResults(@TempDir Path dir) throws Exception {
        String distant = Lab.host("distant").v4().getHostAddress();
        String hop1 = Lab.host("router").v4().getHostAddress();
        Thread.sleep(600); // a fresh token at the rate-limited hop
        Lab.Result r = repl(dir, "sweep 198.19.0.0/29 count 2", "sweep 198.18.129.0/30", "results stats target",
                "trace $distant probes 2", "results stats ttl", "results table ttl target rtt count", "results table ttl status seq count",
                "results");
        String out = r.stdout();
        assertEquals(0, r.exitCode(), r::toString);
        // the /29's six hosts, two answered probes each; the unreachable /30's two, four errors each (fping's retries)
        for (int h = 1; h <= 6; h++) {
            assertTrue(row(out, "198\\.19\\.0\\." + h + " +2 +0 +0% +\\d+\\.\\d{3} .*"), out);
        }
        assertTrue(row(out, "198\\.18\\.129\\.1 +4 +4 +100% +- +- +- +-"), out);
        assertTrue(row(out, "198\\.18\\.129\\.2 +4 +4 +100% +- +- +- +-"), out);
        // the trace: a row per TTL, the number of its probes that came back timed (hop 3 is silent, hop 4 answers
        // one probe in two: it is rate-limited)
        assertTrue(row(out, "1( +[-0]){8} +2"), out);
        assertTrue(row(out, "2( +[-0]){8} +2"), out);
        assertTrue(row(out, "3( +[-0]){8} +0"), out);
        assertTrue(row(out, "4( +[-0]){8} +1"), out);
        assertTrue(row(out, "5( +[-0]){8} +2"), out);
        // stats per TTL: a router's time exceeded is its hop answering, counted under hop and never as lost; the
        // silent hop 3 loses both, the rate-limited hop 4 one
        assertTrue(out.contains("hop: time exceeded from a router, a trace's hop answering: not lost, its RTT counts"),
                out);
        assertTrue(row(out, "ttl +sent +hop +lost +loss +min +median +p90 +max"), out);
        assertTrue(row(out, "1 +2 +2 +0 +0% +\\d+\\.\\d{3} .*"), out);
        assertTrue(row(out, "3 +2 +0 +2 +100% +- +- +- +-"), out);
        assertTrue(row(out, "4 +2 +1 +1 +50% +\\d+\\.\\d{3} .*"), out);
        assertTrue(row(out, "5 +2 +0 +0 +0% +\\d+\\.\\d{3} .*"), out);
        // by status: routers' time exceeded at 1, 2 and 4, the destination's replies at 5, losses at 3 and 4
        assertTrue(row(out, "ttl +answered +error +lost"), out);
        assertTrue(row(out, "1 +- +2 +-"), out);
        assertTrue(row(out, "3 +- +- +2"), out);
        assertTrue(row(out, "4 +- +1 +1"), out);
        assertTrue(row(out, "5 +2 +- +-"), out);
        // each probe's row: its own id and seq, the size and TTL it went out with, who answered and what
        assertTrue(row(out, "198\\.19\\.0\\.3 +\\d+ +\\d+ +56 +- +- +answered +198\\.19\\.0\\.3 +\\d+\\.\\d{3} +64 +0 +0"),
                out);
        assertTrue(row(out, "198\\.18\\.129\\.1 +\\d+ +\\d+ +56 +- +- +error +198\\.18\\.129\\.1 +- +\\d+ +3 +1"), out);
        assertTrue(row(out, distant.replace(".", "\\.") + " +\\d+ +\\d+ +32 +1 +- +error +"
                + hop1.replace(".", "\\.") + " +\\d+\\.\\d{3} +64 +11 +0"), out);
        assertTrue(row(out, distant.replace(".", "\\.") + " +\\d+ +\\d+ +32 +5 +- +answered +"
                + distant.replace(".", "\\.") + " +\\d+\\.\\d{3} +\\d+ +0 +0"), out);
        assertTrue(out.contains("Results: 30 probes, 14 answered, 13 errors, 3 lost"), out);
        assertTrue(!out.contains("Exception") && !out.contains("\tat "), out);
    }
}
