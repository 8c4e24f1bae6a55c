package dev.pingkit.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import dev.pingkit.packet.Addresses;

/**
 * Every REPL experiment in {@code examples/} run as a user runs it ({@code scripts/repl --lab -f ...}, in the lab's
 * client namespace), asserting what it prints.
 */
@LabTest
class ExamplesLabTest {
    private static final Duration LIMIT = Duration.ofSeconds(120);

    private static Lab.Result example(String name) {
        Path script = Lab.home().resolve("scripts/repl");
        Path file = Lab.home().resolve("examples").resolve(name);
        assertTrue(Files.isRegularFile(file), file + " is missing");
        // The classes under test, not a jar the script would build in the middle of the test run.
        return Lab.run(LIMIT, "env", "PINGKIT_CLASSPATH=" + System.getProperty("java.class.path"), script.toString(),
                "--lab", "-f", file.toString());
    }

    private static boolean hasLine(Lab.Result r, String line) {
        return r.stdout().lines().anyMatch(line::equals);
    }

    private static long count(Lab.Result r, String line) {
        return r.stdout().lines().filter(line::equals).count();
    }

    @Test
    void everyExampleRunsToTheEndWithoutAFailure() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Lab.home().resolve("examples"))) {
            files = s.filter(p -> p.toString().endsWith(".repl")).sorted().toList();
        }
        assertTrue(files.size() >= 4, "examples: " + files);
        for (Path f : files) {
            Lab.Result r = example(f.getFileName().toString());
            assertEquals(0, r.exitCode(), f + "\n" + r);
            assertFalse(r.stdout().contains("error:"), f + "\n" + r);
            assertFalse(r.stdout().contains("\u001b"), "plain output from a script\n" + r);
        }
    }

    @Test
    void ttlWalkMeetsTheRouterAtTtlOneAndFarAtTtlTwo() {
        Lab.Result r = example("ttl-walk.repl");
        assertEquals(0, r.exitCode(), r.toString());
        Lab.Host router = Lab.host(Lab.ROUTER);
        Lab.Host far = Lab.host(Lab.FAR);
        String far4 = Addresses.text(far.v4());
        String far6 = Addresses.text(far.v6());
        assertTrue(hasLine(r, "From " + Addresses.text(router.v4()) + " icmp_seq=1 ttl-exceeded-in-transit"), r.toString());
        assertTrue(r.stdout().contains("> " + far4 + " ttl=1 echo-request id=4242 seq=1"), "the error quotes our probe\n" + r);
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches("16 bytes from " + far4.replace(".", "\\.")
                + ": icmp_seq=2 ttl=63 time=[0-9.]+ ms")), r.toString());
        assertTrue(hasLine(r, "From " + Addresses.text(router.v6()) + " icmp_seq=1 hop-limit-exceeded-in-transit"),
                r.toString());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("16 bytes from " + far6 + ": icmp_seq=2 ttl=63 ")),
                r.toString());
        assertTrue(hasLine(r, "sent 4, answered 2, ICMP errors 2, no reply 0"), r.toString());
    }

    @Test
    void aForcedBadChecksumGetsNoReplyAndTheComputedOneDoes() {
        Lab.Result r = example("bad-checksum.repl");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("00000000  08 00 de ad 03 e7 00 01"), r.toString());
        assertTrue(r.stdout().contains("problem  = bad ICMP checksum 0xdead"), r.toString());
        assertTrue(hasLine(r, "no reply from 127.0.0.1 icmp_seq=1 within 1000 ms"), r.toString());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("21 bytes from 127.0.0.1: icmp_seq=1 ttl=64 ")),
                r.toString());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("21 bytes from 127.0.0.1: icmp_seq=2 ttl=64 ")),
                r.toString());
        assertTrue(hasLine(r, "sent 3, answered 2, ICMP errors 0, no reply 1"), r.toString());
    }

    @Test
    void anOddLengthPayloadComesBackIntactWithAValidChecksum() {
        Lab.Result r = example("odd-length.repl");
        assertEquals(0, r.exitCode(), r.toString());
        String peer = Addresses.text(Lab.host(Lab.PEER).v4());
        assertTrue(r.stdout().contains("00000000  08 00 24 7b 00 1f 00 01  6f 64 64"), r.toString());
        // request and reply both decode the same 3 bytes, the reply's checksum verified
        assertTrue(count(r, "  payload  = 3 bytes, \"odd\"") >= 2, r.toString());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("11 bytes from " + peer + ": icmp_seq=1 ttl=64 ")),
                r.toString());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("9 bytes from " + peer + ": icmp_seq=2 ")),
                r.toString());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("1479 bytes from " + peer + ": icmp_seq=3 ")),
                r.toString());
        assertFalse(r.stdout().contains("BAD CHECKSUM") || r.stdout().contains("PAYLOAD ALTERED"), r.toString());
        assertFalse(r.stdout().lines().anyMatch(l -> l.contains("checksum = ") && !l.contains("(correct)")),
                "every ICMPv4 checksum verified\n" + r);
    }

    @Test
    void ipv6EchoesToLoopbackAndThePeer() {
        Lab.Result r = example("ipv6.repl");
        assertEquals(0, r.exitCode(), r.toString());
        String peer6 = Addresses.text(Lab.host(Lab.PEER).v6());
        assertTrue(count(r, "  type     = 129 (echo-reply)") >= 2, r.toString());
        // 'show' after each send: both replies' ICMPv6 checksums verified with the pseudo-header
        assertTrue(r.stdout().lines().filter(l -> l.matches("  checksum = 0x[0-9a-f]{4} \\(correct\\)")).count() >= 2,
                r.toString());
        assertFalse(r.stdout().contains("not checked"), r.toString());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("16 bytes from ::1: icmp_seq=1 ttl=64 ")), r.toString());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("18 bytes from " + peer6 + ": icmp_seq=1 ")),
                r.toString());
        assertTrue(hasLine(r, "--- ::1 ping statistics ---"), r.toString());
        assertTrue(r.stdout().contains("2 packets transmitted, 2 received, 0% packet loss"), r.toString());
    }
}
