package dev.pingkit.repl;

import dev.pingkit.tools.RequiredTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;

/**
 * The REPL's {@code trace} and {@code show hop} as a user runs them ({@code scripts/repl --lab -f}, in the lab's
 * client namespace): the hop lines are traceroute -I -n's for the same path, and a hop's decode shows the time
 * exceeded and the probe it quotes field by field; mistakes are one line and the session goes on.
 */
@LabTest
class TraceReplLabTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Pattern RTT = Pattern.compile("\\d+\\.\\d{3} ms");

    private static Lab.Result repl(Path dir, String... lines) throws IOException {
        Path file = Files.write(dir.resolve("trace.repl"), List.of(lines));
        return Lab.run(LIMIT, "env", "PINGKIT_CLASSPATH=" + System.getProperty("java.class.path"),
                Lab.home().resolve("scripts/repl").toString(), "--lab", "-k", "-f", file.toString());
    }

    @Test
    void traceShowsTheHopsTracerouteShowsAndShowHopDecodesTheQuote(@TempDir Path dir) throws Exception {
        String distant = Lab.host("distant").v4().getHostAddress();
        Thread.sleep(600); // a fresh token at the rate-limited hop
        RequiredTool.require("traceroute", "traceroute");
        Lab.Result theirs = Lab.run(LIMIT, "traceroute", "-I", "-n", "-q", "2", distant);
        Thread.sleep(600);
        Lab.Result r = repl(dir, "trace $distant probes 2", "show hop 2", "show hop 9", "trace $distant max 0",
                "trace nosuch.invalid");
        String out = r.stdout();
        assertEquals(1, r.exitCode(), r::toString); // -k ran every line; three of them were mistakes
        // the trace's lines, as traceroute printed them (RTTs aside)
        String expected = RTT.matcher(theirs.stdout()).replaceAll("X ms");
        String traced = out.lines().dropWhile(l -> !l.startsWith("traceroute to")).limit(6)
                .reduce("", (a, b) -> a + b + "\n");
        assertEquals(expected, RTT.matcher(traced).replaceAll("X ms"), r::toString);
        // show hop 2: the time exceeded from hop2, then the echo request it quotes, field by field
        String hop2 = Lab.host("hop2").v4().getHostAddress();
        assertTrue(out.contains("probe 1 (seq 3): answered by " + hop2), out);
        assertTrue(out.contains("type     = 11 (time-exceeded)"), out);
        assertTrue(out.contains("the quoted probe:"), out);
        assertTrue(out.contains("ip.dst   = " + distant), out);
        assertTrue(out.contains("type     = 8 (echo-request)"), out);
        assertTrue(out.contains("seq      = 3"), out);
        // mistakes: one line each, the session goes on to the next line
        // on stderr, each with the script's line, as a shell reports a failing line
        String err = r.stderr();
        assertTrue(err.matches("(?s).*repl: \\S+ line 3: the last trace \\(to " + java.util.regex.Pattern.quote(distant)
                + "\\) has hops 1\\.\\.5, got 9\n.*"), err);
        assertTrue(err.matches("(?s).*repl: \\S+ line 4: max must be 1\\.\\.255, got 0\n.*"), err);
        assertTrue(err.matches("(?s).*repl: \\S+ line 5: unknown host: nosuch\\.invalid\n.*"), err);
        assertTrue(!out.contains("Exception") && !out.contains("\tat "), out);
    }
}
