package dev.pingkit.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import dev.pingkit.packet.Addresses;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The experiments of {@code examples/} twice: as the REPL script ({@code scripts/repl --lab -f}) and as the one
 * JShell expression examples/README.md gives, both in the lab's client namespace. They must print the same table:
 * the same rows, columns and outcomes, RTTs masked (no two runs share those).
 */
@LabTest
class ExperimentsLabTest {
    private static final List<String> IN_CLIENT = List.of("ip", "netns", "exec", Lab.CLIENT_NETNS);
    private static final String MARKER = "--- table ---";

    private static String repl(String example) {
        Lab.Result r = Lab.run(Duration.ofSeconds(120), "env",
                "PINGKIT_CLASSPATH=" + System.getProperty("java.class.path"),
                Lab.home().resolve("scripts/repl").toString(), "--lab", "-f",
                Lab.home().resolve("examples").resolve(example).toString());
        assertEquals(0, r.exitCode(), r.toString());
        // a script's mistakes go to stderr as "repl: FILE line N: ..."
        assertFalse(r.stdout().contains("error:") || r.stderr().lines().anyMatch(l -> l.startsWith("repl: ")),
                r.toString());
        return r.stdout();
    }

    /** The lines a command printed: after its prompt line, up to the next prompt. */
    private static String after(String transcript, String command) {
        int at = transcript.indexOf("pingkit> " + command + "\n");
        assertTrue(at >= 0, command + " in\n" + transcript);
        // the REPL says what a table's cells show before it; JShell's table is the rest
        String rest = transcript.substring(at + command.length() + 10).replaceFirst("^each cell: [^\n]*\n", "");
        int end = rest.indexOf("pingkit> ");
        return end < 0 ? rest : rest.substring(0, end);
    }

    private static String jshell(String expression) {
        String out = JShellProcess.run(JShellProcess.jshellCommand(IN_CLIENT),
                "System.out.println(\"" + MARKER + "\")\nSystem.out.print(" + expression + ")\n"
                        + "System.out.println(\"" + MARKER + "\")");
        assertFalse(out.contains("|  Error:") || out.contains("|  Exception"), out);
        String t = JShellProcess.after(MARKER, out);
        return t.substring(0, t.indexOf(MARKER)).replaceAll("(?m)^jshell> *", "");
    }

    private static String masked(String table) {
        return table.replaceAll("[\\p{Cntrl}&&[^\\n]]", "").strip().replaceAll("(?<![\\d.])\\d+\\.\\d{3}(?![\\d.])", "#.###").replaceAll(" +", " ");
    }

    @Test
    void payloadSizeIsOneReplLoopAndOneJShellExpressionWithTheSameTable() {
        String out = repl("payload-size.repl");
        String peer = Addresses.text(Lab.host(Lab.PEER).v4());
        assertEquals(8, out.lines().filter(l -> l.matches(peer.replace(".", "\\.") + " seq=\\d+ size=\\d+: reply from "
                + peer.replace(".", "\\.") + " ttl=64 time=\\d+\\.\\d{3} ms")).count(), out);
        String fromRepl = after(out, "results table size target rtt");
        String fromJShell = jshell("Echo.to(lab(\"peer\")).size(0, 1400, 200).sendAll().table(\"size\", \"target\", \"rtt\")");
        assertEquals(masked(fromRepl), masked(fromJShell), "REPL:\n" + fromRepl + "JShell:\n" + fromJShell);
        assertTrue(masked(fromRepl).startsWith("size " + peer + "\n0 #.###\n200 #.###"), fromRepl);
        assertTrue(masked(fromRepl).endsWith("1400 #.###"), fromRepl);
        assertTrue(after(out, "plot").startsWith("rtt histogram: 8 answered, 0 lost\n"), out);
    }

    @Test
    void ttlExperimentEndsAtTheRouterFirstThenReachesFarInBothFamilies() {
        String out = repl("ttl-experiment.repl");
        String far = Addresses.text(Lab.host(Lab.FAR).v4());
        String far6 = Addresses.text(Lab.host(Lab.FAR).v6());
        Lab.Host router = Lab.host(Lab.ROUTER);
        String status = after(out, "results table ttl target status");
        assertEquals("ttl " + far + " " + far6 + "\n1 error error\n2 answered answered\n3 answered answered",
                masked(status), out);
        assertEquals("ttl " + far + " " + far6 + "\n1 " + Addresses.text(router.v4()) + " "
                + Addresses.text(router.v6()) + "\n2 " + far + " " + far6 + "\n3 " + far + " " + far6,
                masked(after(out, "results table ttl target from")), out);
        assertTrue(masked(after(out, "results table ttl target reply_ttl")).endsWith("2 63 63\n3 63 63"), out);
        String fromJShell = jshell("Echo.to(lab(\"far\")).ttl(1, 3).targets(lab(\"far\"), lab(\"far6\")).sendAll()"
                + ".table(\"ttl\", \"target\", \"status\")");
        assertEquals(masked(status), masked(fromJShell), fromJShell);
    }

    /** examples/ttl-experiment.jsh run as its first lines say, a JShell script in the client namespace. */
    @Test
    void ttlExperimentAsAJShellScriptPrintsTheSameTableAndExitsZero() {
        Lab.Result r = Lab.run(Duration.ofSeconds(120), "env",
                "PINGKIT_CLASSPATH=" + System.getProperty("java.class.path"),
                Lab.home().resolve("scripts/jshell").toString(), Lab.home().resolve("examples/ttl-experiment.jsh").toString());
        assertEquals(0, r.exitCode(), r.toString());
        String far = Addresses.text(Lab.host(Lab.FAR).v4());
        String far6 = Addresses.text(Lab.host(Lab.FAR).v6());
        assertEquals("ttl " + far + " " + far6 + "\n1 error error\n2 answered answered\n3 answered answered\n"
                + "TTL 1 is answered by the router " + Addresses.text(Lab.host(Lab.ROUTER).v4()) + "; TTL 2 reaches far",
                masked(r.stdout()), r.toString());
    }

    @Test
    void aBatchToTheLossyHostEndsEveryFourthProbeLostAndTheSparklineShowsWhere() {
        Lab.resetCounters();
        String out = jshell("((java.util.function.Function<Results, String>) r -> r + \"\\n\" + RttChart.sparkline("
                + "r.rtts(), RttChart.Glyphs.ASCII)).apply(Echo.to(lab(\"lossy\")).seq(1, 8)"
                + ".gap(Duration.ofMillis(50)).timeout(Duration.ofMillis(700)).sendAll())");
        List<String> lines = out.replaceAll("[\\p{Cntrl}&&[^\\n]]", "").strip().lines().toList();
        assertEquals("Results: 8 probes, 6 answered, 0 errors, 2 lost", lines.get(0), out);
        assertTrue(lines.get(1).matches("[_.=+*%#-]{3}![_.=+*%#-]{3}!"), "the 4th and 8th lost\n" + out);
    }
}
