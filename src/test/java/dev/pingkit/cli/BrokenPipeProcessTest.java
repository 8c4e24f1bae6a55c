package dev.pingkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.pingkit.cli.ping.PingCommand;
import dev.pingkit.tools.RequiredTool;

/**
 * Every command that writes lines ends as a C tool ends when its reader goes away: fping 5.1 dies of SIGPIPE at
 * the next line after {@code head -1} exits, and of a SIGPIPE sent to it, and the shell reports 141. The JVM
 * ignores SIGPIPE, so without {@link GuardedOutput#stdoutEndingOnBrokenPipe()} these ran until killed or to their
 * end with 0. Real processes and real pipes, on loopback; the launchers run the classes under test.
 */
class BrokenPipeProcessTest {

    @BeforeAll
    static void needsRawSockets() {
        assumeTrue(PingCommand.isRoot(), "needs root for raw ICMP sockets");
    }

    private record Shell(int status, String stdout, String stderr) {
    }

    /** {@code bash -c script} with $F, $T and $R naming scripts/fping, scripts/traceroute and scripts/repl. */
    private static Shell shell(String script) throws Exception {
        Path home = Path.of(System.getenv().getOrDefault("PINGKIT_HOME", "")).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "F=" + home.resolve("scripts/fping") + "; T="
                + home.resolve("scripts/traceroute") + "; R=" + home.resolve("scripts/repl") + "; " + script);
        pb.environment().put("PINGKIT_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("LC_ALL", "C");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("still running after 60 s: " + script);
        }
        return new Shell(p.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<String> read(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void fpingLoopingIntoHeadEndsWith141() throws Exception {
        Shell s = shell("\"$F\" -l -p 100 127.0.0.1 | head -1; echo \"status ${PIPESTATUS[0]}\"");
        assertEquals("status 141", s.stdout().lines().reduce((a, b) -> b).orElse(""), s::toString);
        assertEquals(2, s.stdout().lines().count(), s::toString); // head's one line, then the status
    }

    @Test
    void fpingCountingIntoHeadEndsAtOnceWithoutItsSummary() throws Exception {
        // 1000 probes 10 ms apart would take 10 s; fping 5.1 dies at its second line and prints no summary.
        Shell s = shell("\"$F\" -c 1000 -p 10 127.0.0.1 | head -1 >/dev/null; echo \"status ${PIPESTATUS[0]}\"");
        assertEquals("status 141\n", s.stdout(), s::toString);
        assertEquals("", s.stderr(), s::toString);
        if (RequiredTool.present("fping")) { // the reference, where it is installed
            Shell theirs = shell("fping -c 1000 -p 10 127.0.0.1 | head -1 >/dev/null; echo \"status ${PIPESTATUS[0]}\"");
            assertEquals(theirs, s);
        }
    }

    @Test
    void aSigpipeSentToFpingEndsItWith141() throws Exception {
        // Wait for its first line, so the signal comes after start-up, as a user's kill would.
        Shell s = shell("o=$(mktemp); \"$F\" -l -p 100 127.0.0.1 >\"$o\" & pid=$!; "
                + "until [ -s \"$o\" ]; do sleep 0.05; done; kill -PIPE $pid; wait $pid; echo \"status $?\"; rm -f \"$o\"");
        assertEquals("status 141\n", s.stdout(), s::toString);
    }

    @Test
    void tracerouteIntoAClosedPipeEndsWith141() throws Exception {
        Shell s = shell("\"$T\" -n -q 1 127.0.0.1 | head -0; echo \"status ${PIPESTATUS[0]}\"");
        assertEquals("status 141\n", s.stdout(), s::toString);
    }

    @Test
    void aReplScriptIntoHeadEndsWith141() throws Exception {
        // 20 000 commands echo 20 000 lines; head keeps one, the session must end at the next, not run them all.
        Shell s = shell("for i in $(seq 20000); do echo 'echo to 127.0.0.1'; done | \"$R\" | head -1; "
                + "echo \"status ${PIPESTATUS[1]}\"");
        assertEquals("status 141", s.stdout().lines().reduce((a, b) -> b).orElse(""), s::toString);
    }
}
