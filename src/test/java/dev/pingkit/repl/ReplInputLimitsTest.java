package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the size of the input may and may not do to a session: a command line is bounded, and says so. */
class ReplInputLimitsTest {
    /** Over the limit; JLine reads about 100 000 characters a second on a loaded machine, so not much over. */
    private static final String LONG_LINE = "echo to 127.0.0.1 payload " + "a".repeat(LineLimit.MAX_CHARS + 40_000);

    @Test
    void aLineOverTheLimitIsRefusedInOneLineAndTheSessionGoesOn() {
        var t = ReplDriver.script(LONG_LINE, "echo to 127.0.0.1 id 7");
        assertTrue(t.hasLine("error: command line too long: at most " + LineLimit.MAX_CHARS + " characters; not run"),
                t.output().substring(0, Math.min(400, t.output().length())));
        assertTrue(t.hasLine("id       = 7 (0x0007)"), "the next command ran");
        assertTrue(t.output().length() < 10_000, "the long line is neither run nor echoed: " + t.output().length());
        assertEquals(1, t.status());
    }

    @Test
    void aLineAtTheLimitStillRuns() {
        String line = "echo to 127.0.0.1 payload ";
        line += "b".repeat(LineLimit.MAX_CHARS - line.length());
        var t = ReplDriver.script(line);
        assertTrue(t.output().contains("error: payload must be at most 65507 bytes for IPv4, got 262118"),
                "the command itself judged it");
    }

    /** Two long lines in a JVM with a 32 MB heap: before the limit (and without undo) the first ran out of memory. */
    @Test
    void longLinesDoNotDriveMemory(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("big.repl"),
                (LONG_LINE + "\n").repeat(2) + "echo to 127.0.0.1 id 9\n");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ReplMain.class.getName(), "-k", "-f", script.toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String head = out.substring(0, Math.min(2000, out.length()));
        assertFalse(out.contains("OutOfMemoryError"), head);
        assertEquals(2, out.lines().filter(l -> l.matches("repl: .* line \\d+: command line too long.*")).count(), head);
        assertTrue(out.contains("id       = 9 (0x0009)"), head);
        assertEquals(1, p.exitValue(), head);
    }
}
