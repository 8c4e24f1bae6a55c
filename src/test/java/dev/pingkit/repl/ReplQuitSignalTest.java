package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.pingkit.cli.ping.PingCommand;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-\\ while {@code ping} runs inside {@code scripts/repl}: the terminal sends SIGQUIT to the whole foreground
 * group. The JVM must not dump its threads into the session; the ping prints iputils' interim line and goes on, as
 * {@code scripts/ping} does. Loopback only; needs root for the raw socket.
 */
class ReplQuitSignalTest {

    @Test
    void quitDuringPingPrintsInterimStatisticsNotAThreadDump() throws Exception {
        assumeTrue(PingCommand.isRoot(), "needs root for raw ICMP sockets");
        String home = System.getenv("PINGKIT_HOME");
        Path repl = Path.of(home != null ? home : "").toAbsolutePath().resolve("scripts/repl");
        // Started as a shell at a terminal would start it: no blocked signals (a JVM's children inherit its mask).
        List<String> cmd = new ArrayList<>(List.of("perl", "-MPOSIX", "-e",
                "sigprocmask(SIG_SETMASK, POSIX::SigSet->new) or die; exec @ARGV or die", repl.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PINGKIT_CLASSPATH", System.getProperty("java.class.path"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write("ping -c 8 -i 0.2 127.0.0.1\n".getBytes(StandardCharsets.UTF_8));
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = r.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.contains("icmp_seq=2 ")) {
                break;
            }
        }
        List<String> group = new ArrayList<>(List.of("kill", "-QUIT", Long.toString(p.pid())));
        p.descendants().forEach(d -> group.add(Long.toString(d.pid())));
        new ProcessBuilder(group).start().waitFor();
        for (String line; (line = r.readLine()) != null; ) {
            seen.append(line).append('\n');
        }
        boolean ended = p.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String all = seen.toString();
        assertTrue(ended, all);
        assertFalse(all.contains("Full thread dump") || all.contains("java.lang.Thread.State"), all);
        assertTrue(all.matches("(?s).*\\n\\r?\\d+/\\d+ packets, \\d+% loss, min/avg/ewma/max = [\\d./]+ ms\\n.*"), all);
        assertTrue(all.contains("8 packets transmitted, 8 received"), "the run went on to its end\n" + all);
        assertEquals(0, p.exitValue(), all);
    }
}
