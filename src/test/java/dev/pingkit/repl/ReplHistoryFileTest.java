package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where history goes, and what happens when it cannot go there or the file there is not ours. */
class ReplHistoryFileTest {
    private static final String WARNING = "warning: history not kept";

    /** A session's terminal output plus whatever reached the process's stderr (JLine logs there). */
    private static String session(Path history, String... lines) {
        PrintStream saved = System.err;
        var err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return ReplDriver.run(ReplConfig.interactive(history), lines).output()
                    + err.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void anUnwritableHistoryFileIsOneWarningOnceNotATracePerCommand() {
        String out = session(Path.of("/proc/pingkit-history-test"), "ipv4", "ipv6", "ipv4");
        assertEquals(1, out.lines().filter(l -> l.contains("history")).count(), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith(WARNING + ": /proc/pingkit-history-test: ")), out);
        assertFalse(out.contains("Exception") || out.contains("\tat "), out);
    }

    @Test
    void aFileThatIsNotOurHistoryIsNeverRewritten(@TempDir Path dir) throws IOException {
        StringBuilder passwd = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            passwd.append("user").append(i).append(":x:").append(1000 + i).append(":100::/home/u:/bin/sh\n");
        }
        Path file = Files.writeString(dir.resolve("passwd-copy"), passwd);
        String out = session(file, "ipv4", "ipv6");
        assertEquals(passwd.toString(), Files.readString(file), "the file is as it was");
        assertEquals(1, out.lines().filter(l -> l.startsWith(WARNING)).count(), out);
        assertTrue(out.contains("not a pingkit history"), out);
        assertFalse(out.contains("Exception"), out);
    }

    @Test
    void aNewHistoryFileIsCreatedReadableByItsOwnerOnly(@TempDir Path dir) throws IOException {
        // as bash creates ~/.bash_history: the commands typed (targets, payloads) are nobody else's to read
        Path history = dir.resolve("history");
        ReplDriver.run(ReplConfig.interactive(history), "let a 1");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(history)));
        assertTrue(Files.readString(history).contains(":let a 1"), Files.readString(history));
    }

    @Test
    void ourOwnHistoryStillGrows(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("h");
        session(file, "ipv4");
        String out = session(file, "ipv6", "history");
        assertFalse(out.contains(WARNING), out);
        assertTrue(out.contains("    1  ipv4") && out.contains("    2  ipv6"), out);
    }

    @Test
    void historyFollowsHomeAndNoHomeMeansNoFile() {
        assertEquals(Optional.of(Path.of("/home/else/.pingkit_history")),
                ReplConfig.defaultHistoryFile(Map.of("HOME", "/home/else"), "/root"));
        assertEquals(Optional.of(Path.of("/root/.pingkit_history")), ReplConfig.defaultHistoryFile(Map.of(), "/root"));
        assertEquals(Optional.empty(), ReplConfig.defaultHistoryFile(Map.of("HOME", ""), "?"));
        assertEquals(Optional.empty(), ReplConfig.defaultHistoryFile(Map.of(), "?"));
    }
}
