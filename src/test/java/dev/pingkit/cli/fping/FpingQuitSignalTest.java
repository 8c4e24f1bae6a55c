package dev.pingkit.cli.fping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.pingkit.cli.ping.PingCommand;
import dev.pingkit.tools.RequiredTool;

/**
 * {@code kill -QUIT <pid>} on a looping fping prints its interim {@code [hh:mm:ss]} report on stderr and the run
 * goes on, as fping 5.1's own suite checks; HotSpot keeps SIGQUIT from Java code, so scripts/fping stays the process
 * the pid names and turns it into SIGUSR1. Started as a script's background job (INT and QUIT ignored at start).
 */
class FpingQuitSignalTest {
    private static final String SCRIPT = "o=$(mktemp); e=$(mktemp); \"$F\" -l -p 200 127.0.0.1 >\"$o\" 2>\"$e\" & pid=$!; "
            + "until [ \"$(wc -l <\"$o\")\" -ge 3 ]; do sleep 0.05; done; kill -QUIT $pid; sleep 0.6; kill -INT $pid; "
            + "wait $pid; echo \"status $?\"; cat \"$e\" >&2; rm -f \"$o\" \"$e\"";
    private static final String REPORT = "\n\\[\\d\\d:\\d\\d:\\d\\d\\]\n127\\.0\\.0\\.1 : xmt/rcv/%loss = \\d+/\\d+/0%, "
            + "min/avg/max = [\\d.]+/[\\d.]+/[\\d.]+\n";

    private record Shell(String stdout, String stderr) {
    }

    private static Shell shell(String fping) throws Exception {
        // as a shell at a terminal starts it: no blocked signals (a JVM's children inherit its mask, SIGQUIT blocked)
        ProcessBuilder pb = new ProcessBuilder("perl", "-MPOSIX", "-e",
                "sigprocmask(SIG_SETMASK, POSIX::SigSet->new) or die; exec @ARGV or die", "bash", "-c",
                "F=" + fping + "; " + SCRIPT);
        pb.environment().put("PINGKIT_CLASSPATH", System.getProperty("java.class.path"));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("still running after 60 s: SIGQUIT or SIGINT did not arrive");
        }
        return new Shell(out.join(), err.join());
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
    void sigquitPrintsTheInterimReportAndTheLoopGoesOn() throws Exception {
        assumeTrue(PingCommand.isRoot(), "needs root for raw ICMP sockets");
        Path home = Path.of(System.getenv().getOrDefault("PINGKIT_HOME", "")).toAbsolutePath();
        Shell ours = shell(home.resolve("scripts/fping").toString());
        assertEquals("status 0\n", ours.stdout(), ours::toString);
        // the report, then (after Ctrl-C's stop) the summary, each after an empty line
        assertTrue(ours.stderr().matches(REPORT + REPORT.replace("\\[\\d\\d:\\d\\d:\\d\\d\\]\n", "")), ours::toString);
        if (RequiredTool.present("fping")) {
            Shell theirs = shell("fping");
            assertTrue(theirs.stderr().matches(REPORT + REPORT.replace("\\[\\d\\d:\\d\\d:\\d\\d\\]\n", "")),
                    theirs::toString);
            assertEquals(theirs.stdout(), ours.stdout());
        }
    }
}
