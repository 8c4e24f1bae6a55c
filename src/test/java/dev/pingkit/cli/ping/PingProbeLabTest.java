package dev.pingkit.cli.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import dev.pingkit.packet.Addresses;

/**
 * {@code scripts/ping --probe IFACE host}: RFC 8335 extended echo on ping's schedule against the lab's kernels. peer
 * answers PROBE (by name, index and address; ICMPv4 and ICMPv6), far does not; No Such Interface is a reply that
 * says so and counts as an error, not an answer; exit codes 0, 1 and 2 as ping's.
 */
@LabTest
class PingProbeLabTest {
    private static final Duration T = Duration.ofSeconds(60);

    private static Lab.Result ping(String... args) {
        String launcher = PingRun.home().resolve("scripts/ping").toString();
        String[] argv = new String[args.length + 3];
        argv[0] = "env";
        argv[1] = "PINGKIT_CLASSPATH=" + System.getProperty("java.class.path");
        argv[2] = launcher;
        System.arraycopy(args, 0, argv, 3, args.length);
        return Lab.run(T, argv);
    }

    private static String peer(int family) {
        return Addresses.text(Lab.host(Lab.PEER).address(family));
    }

    private static List<String> lines(Lab.Result r) {
        return Arrays.asList(r.stdout().split("\n"));
    }

    @Test
    void peerAnswersEveryProbeWithItsInterfaceStatusInBothFamilies() {
        for (int family : new int[] {4, 6}) {
            String host = peer(family);
            Lab.Result r = ping("--probe", "eth0", "-c", "3", "-i", "0.2", host);
            assertEquals(0, r.exitCode(), r.output());
            List<String> l = lines(r);
            assertEquals("PROBE " + host + (family == 6 ? "(" : " (") + host + "): interface name \"eth0\"", l.get(0));
            for (int seq = 1; seq <= 3; seq++) {
                String line = l.get(seq);
                assertTrue(line.matches("\\d+ bytes from " + java.util.regex.Pattern.quote(host) + ": icmp_seq=" + seq
                        + " ttl=64 time=[\\d.]+ ms: active, IPv4 IPv6"), line);
            }
            assertTrue(r.stdout().contains("3 packets transmitted, 3 received, 0% packet loss"), r.stdout());
        }
    }

    @Test
    void anInterfaceByIndexOrAddressIsAskedAboutToo() {
        Lab.Result lo = ping("--probe", "1", "-c", "1", peer(4));
        assertEquals(0, lo.exitCode(), lo.output());
        assertTrue(lo.stdout().contains("interface index 1\n"), lo.stdout());
        assertTrue(lo.stdout().contains(": active, IPv4 IPv6\n"), lo.stdout());
        Lab.Result byAddress = ping("--probe", peer(6), "-c", "1", peer(6));
        assertEquals(0, byAddress.exitCode(), byAddress.output());
        assertTrue(byAddress.stdout().contains("interface address " + peer(6)), byAddress.stdout());
    }

    @Test
    void noSuchInterfaceIsAReplyInRfc8335sWordsAndNoAnswer() {
        Lab.Result r = ping("--probe", "nosuch0", "-c", "2", "-i", "0.2", peer(4));
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("From " + peer(4) + " icmp_seq=1 No Such Interface\n"), r.stdout());
        assertTrue(r.stdout().contains("From " + peer(4) + " icmp_seq=2 No Such Interface\n"), r.stdout());
        assertTrue(r.stdout().contains("2 packets transmitted, 0 received, +2 errors, 100% packet loss"), r.stdout());
    }

    @Test
    void farIgnoresProbeAndTheRunEndsWithNoneAnswered() {
        String far = Addresses.text(Lab.host(Lab.FAR).v4());
        Lab.Result r = ping("--probe", "eth0", "-c", "2", "-i", "0.2", "-W", "1", far);
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("2 packets transmitted, 0 received, 100% packet loss"), r.stdout());
    }

    @Test
    void jsonLinesCarryTheDecodedCodeAndState() {
        Lab.Result ok = ping("--probe", "eth0", "-c", "1", "--json", peer(6));
        assertEquals(0, ok.exitCode(), ok.output());
        assertTrue(ok.stdout().contains("\"probe\":{\"code\":0,\"code_text\":\"No Error\",\"answered\":true,"
                + "\"active\":true,\"ipv4\":true,\"ipv6\":true,\"state\":0,\"state_name\":\"reserved\"}"), ok.stdout());
        Lab.Result none = ping("--probe", "nosuch0", "-c", "1", "--json", peer(4));
        assertEquals(1, none.exitCode(), none.output());
        assertTrue(none.stdout().contains("\"event\":\"error\""), none.stdout());
        assertTrue(none.stdout().contains("\"icmp_type\":43,\"icmp_code\":2,\"text\":\"No Such Interface\""
                + ",\"probe\":{\"code\":2,"), none.stdout());
    }

    @Test
    void sequenceNumbersWrapAt256OnPingsSchedule() {
        Lab.Result r = ping("--probe", "lo", "-c", "258", "-i", "0.002", "-q", peer(4));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("258 packets transmitted, 258 received, 0% packet loss"), r.stdout());
    }

    @Test
    void badValuesAreOneLineAndExitTwo() {
        Lab.Result empty = ping("--probe", "", "-c", "1", peer(4));
        assertEquals(2, empty.exitCode());
        assertEquals("ping: invalid --probe value: '': interface name must be 1..255 ASCII characters, got 0 "
                + "characters\n", empty.stderr());
        Lab.Result huge = ping("--probe", "x".repeat(300), "-c", "1", peer(4));
        assertEquals(2, huge.exitCode());
        assertTrue(huge.stderr().startsWith("ping: invalid --probe value: '" + "x".repeat(40) + "...': interface name"
                + " must be 1..255 ASCII characters, got 300 characters"), huge.stderr());
        assertEquals(1, huge.stderr().split("\n").length, huge.stderr());
        Lab.Result index = ping("--probe", "4294967296", "-c", "1", peer(4));
        assertEquals(2, index.exitCode());
        assertTrue(index.stderr().contains("interface index must be 0..4294967295"), index.stderr());
        Lab.Result missing = ping("-c", "1", peer(4), "--probe");
        assertEquals(2, missing.exitCode());
        assertEquals("ping: option '--probe' requires an argument\n", missing.stderr());
        Lab.Result sized = ping("--probe", "eth0", "-s", "100", peer(4));
        assertEquals(2, sized.exitCode());
    }
}
