package dev.pingkit.cli.ping;

import dev.pingkit.tools.RequiredTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * scripts/ping at the edges of its process: a reader that goes away, an output that cannot be written, signals a
 * script sends. Each case is checked against what iputils does in the same shell line. Loopback only; needs root.
 */
class ProcessEdgesTest {

    @BeforeAll
    static void needsRootAndIputils() {
        assumeTrue(PingCommand.isRoot(), "needs root for raw ICMP sockets");
        RequiredTool.require("ping", "iputils-ping"); // the reference compared with
    }

    /** {@code bash -c script} with {@code $PING} set to scripts/ping (classes under test) or iputils' ping. */
    static PingRun shell(boolean ours, String script, int seconds) {
        return PingRun.exec(List.of("bash", "-c", "PING=" + (ours ? PingRun.home().resolve("scripts/ping") : "ping")
                + "; " + script), seconds);
    }

    @Test
    void aReaderThatGoesAwayEndsTheRunAsSigpipeDoes() {
        // iputils dies of SIGPIPE at its next line (bash reports 141); the pipeline must end, not ping forever.
        String script = "\"$PING\" -i 0.2 127.0.0.1 | head -1; echo \"status ${PIPESTATUS[0]}\"";
        PingRun theirs = shell(false, script, 20);
        PingRun ours = shell(true, script, 20);
        assertTrue(theirs.stdout().contains("status 141"), theirs::toString);
        assertEquals(theirs.stdout(), ours.stdout(), ours::toString);
        assertEquals("", ours.stderr(), ours::toString);
    }

    @Test
    void aFullOrClosedStdoutIsAWriteErrorAndExitOne() {
        for (String redirect : List.of(">/dev/full", ">&-")) {
            String script = "\"$PING\" -c 2 -i 0.2 127.0.0.1 " + redirect + "; echo \"status $?\" >&2";
            PingRun theirs = shell(false, script, 20);
            PingRun ours = shell(true, script, 20);
            assertEquals("ping: write error\nstatus 1\n", theirs.stderr(), theirs::toString);
            assertEquals(theirs.stderr(), ours.stderr(), ours::toString);
        }
    }

    @Test
    void sigintFromAScriptStopsABackgroundRunWithItsSummary() {
        // A script's background job starts with SIGINT ignored; iputils takes it all the same.
        String script = "\"$PING\" -i 0.2 127.0.0.1 & pid=$!; sleep 2; kill -INT $pid; wait $pid; echo \"status $?\"";
        for (boolean ours : new boolean[] {false, true}) {
            PingRun run = shell(ours, script, 30);
            assertTrue(run.stdout().contains("--- 127.0.0.1 ping statistics ---"), run::toString);
            assertTrue(run.stdout().endsWith("status 0\n"), run::toString);
            assertTrue(run.counts()[1] >= 1, run::toString);
        }
    }

    @Test
    void sigtermEndsTheRunWithoutSummaryUnlessItWasIgnoredAsIputils() {
        String plain = "\"$PING\" -i 0.2 127.0.0.1 & pid=$!; sleep 2; kill -TERM $pid; wait $pid; echo \"status $?\"";
        String ignored = "trap '' TERM; \"$PING\" -i 0.2 127.0.0.1 & pid=$!; sleep 2; kill -TERM $pid; sleep 1; "
                + "kill -0 $pid && echo alive; kill -INT $pid; wait $pid; echo \"status $?\"";
        for (boolean ours : new boolean[] {false, true}) {
            PingRun run = shell(ours, plain, 30);
            assertTrue(run.stdout().endsWith("status 143\n"), run::toString);
            assertFalse(run.stdout().contains("statistics"), run::toString);
            run = shell(ours, ignored, 30);
            assertTrue(run.stdout().contains("alive\n"), run::toString);
            assertTrue(run.stdout().contains("--- 127.0.0.1 ping statistics ---"), run::toString);
            assertTrue(run.stdout().endsWith("status 0\n"), run::toString);
        }
    }

    /** The launcher's Ctrl-\\ watcher ends with ping even when ping's stdout and stderr are closed. */
    @Test
    void nothingOutlivesARunWithStdoutAndStderrClosed() throws Exception {
        // A -W value no other run uses marks this run's processes.
        String marker = "-W 7." + (100 + new java.util.Random().nextInt(900));
        PingRun run = shell(true, "\"$PING\" -c 2 -i 0.2 " + marker + " 127.0.0.1 >&- 2>&-; echo \"status $?\"", 30);
        assertEquals("status 1\n", run.stdout(), run::toString);
        Thread.sleep(500);
        List<String> left = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(marker)).map(p -> p.pid() + " "
                        + p.info().commandLine().orElse("")).toList();
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker))
                .forEach(ProcessHandle::destroy);
        assertEquals(List.of(), left, "processes left behind");
    }
}
