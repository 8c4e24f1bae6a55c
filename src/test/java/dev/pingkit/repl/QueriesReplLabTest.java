package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import dev.pingkit.packet.Addresses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries other than echo in the REPL as a user types them ({@code scripts/repl --lab -k -f}, in the lab's client
 * namespace): {@code set type 13} then {@code send} gets the kernel's timestamp reply, decoded by {@code show} and
 * never flagged as altered data; {@code probe} asks peer about its interfaces, far stays silent.
 */
@LabTest
class QueriesReplLabTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private static Lab.Result repl(Path dir, String... lines) throws IOException {
        Path file = Files.write(dir.resolve("queries.repl"), List.of(lines));
        return Lab.run(LIMIT, "env", "PINGKIT_CLASSPATH=" + System.getProperty("java.class.path"),
                Lab.home().resolve("scripts/repl").toString(), "--lab", "-k", "-f", file.toString());
    }

    @Test
    void aTimestampRequestSetByTypeIsAnsweredAndShowDecodesTheThreeTimestamps(@TempDir Path dir) throws Exception {
        String peer = Addresses.text(Lab.host(Lab.PEER).v4());
        Lab.Result r = repl(dir, "echo to " + peer + " id 7", "set type 13", "send 2", "show");
        String out = r.stdout();
        assertEquals(0, r.exitCode(), r::toString);
        assertFalse(out.contains("ALTERED"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("20 bytes from " + peer.replace(".", "\\.")
                + ": icmp_seq=1 ttl=64 time=[0-9.]+ ms")), out);
        assertTrue(out.contains("  type     = 14 (timestamp-reply)"), out);
        // the request's body is a timestamp request's: originate now, the others for the responder
        assertTrue(out.contains("  receive  = 0 (for the responder to fill in)"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("  receive  = \\d+ \\(\\d\\d:\\d\\d:\\d\\d\\.\\d{3} UT, when"
                + " the responder got it\\)")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("  transmit = \\d+ \\(\\d\\d:\\d\\d:\\d\\d\\.\\d{3} UT, when"
                + " the reply left\\)")), out);
    }

    @Test
    void probeAsksPeerAboutItsInterfacesAndSaysWhatCameBack(@TempDir Path dir) throws Exception {
        String peer = Addresses.text(Lab.host(Lab.PEER).v4());
        String peer6 = Addresses.text(Lab.host(Lab.PEER).v6());
        String far = Addresses.text(Lab.host(Lab.FAR).v4());
        Lab.Result r = repl(dir, "probe eth0 to " + peer, "probe 1 to " + peer6 + " seq 200",
                "probe nosuch0 to " + peer, "probe eth0 to " + far + " 0.5", "echo to " + peer, "probe lo show",
                "probe x seq 256", "probe");
        String out = r.stdout();
        assertEquals(1, r.exitCode(), r::toString); // -k ran every line; two were mistakes
        assertTrue(out.lines().anyMatch(l -> l.matches(peer.replace(".", "\\.")
                + " seq=1: name \"eth0\" active, IPv4 IPv6 \\([0-9.]+ ms\\)")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches(peer6 + " seq=200: index 1 active, IPv4 IPv6 \\([0-9.]+ ms\\)")),
                out);
        assertTrue(out.lines().anyMatch(l -> l.matches(peer.replace(".", "\\.")
                + " seq=201: name \"nosuch0\": No Such Interface \\([0-9.]+ ms\\)")), out);
        assertTrue(out.contains(far + " seq=202: name \"eth0\": no reply within 500 ms"), out);
        assertTrue(out.contains("reply from " + peer + " after "), out);
        assertTrue(out.contains("type     = 43"), out);
        assertTrue(r.output().contains("seq must be 0..255, got 256"), r::toString);
        assertTrue(r.output().contains("probe needs an interface"), r::toString);
    }
}
