package dev.pingkit.cli.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import dev.pingkit.packet.Addresses;

/**
 * {@code ping -N} side by side with iputils 20221126 in the lab's client namespace. Linux answers no node
 * information query, so the queries both tools put on the wire are compared byte for byte (dumpcap captures them,
 * tshark dumps them and checks the ICMPv6 checksum; the nonce's random bytes and the checksum they change are
 * masked, the sequence number at its start is not), with the same no-reply output and exit code. A tiny responder
 * in the peer's namespace (ni-responder.py, a raw ICMPv6 socket) answers, so the reply lines are compared too.
 */
@LabTest
class PingNodeInfoLabTest {
    private static final Duration T = Duration.ofSeconds(90);

    private static String peer6() {
        return Addresses.text(Lab.host(Lab.PEER).address(6));
    }

    private static String ours() {
        return "env PINGKIT_CLASSPATH=" + System.getProperty("java.class.path") + " "
                + Lab.home().resolve("scripts/ping");
    }

    private static String responder() {
        try {
            return Path.of(PingNodeInfoLabTest.class.getResource("ni-responder.py").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** Both tools with {@code args}, each with a marker line and its exit code, under one capture of queries. */
    private static Lab.Result bothCaptured(String args, String before) {
        String script = "f=$(mktemp -u /tmp/pingkit-ni.XXXXXX.pcapng)\n"
                + "dumpcap -q -i any -f 'icmp6 and ip6[40] == 139' -c 2 -a duration:30 -w $f 2>/dev/null &\n"
                + "while [ ! -s $f ]; do sleep 0.05; done\n"
                + before
                + "echo '@@@ iputils'; ping " + args + " 2>&1; echo \"rc=$?\"\n"
                + "echo '@@@ pingkit'; " + ours() + " " + args + " 2>&1; echo \"rc=$?\"\n"
                + "wait\necho '@@@ wire'\ntshark -r $f -x 2>/dev/null\n"
                + "echo '@@@ checksums'\ntshark -r $f -T fields -e icmpv6.checksum.status 2>/dev/null\nrm -f $f\n";
        return Lab.run(T, "sh", "-c", script);
    }

    private static String part(Lab.Result r, String name) {
        String out = r.stdout();
        int at = out.indexOf("@@@ " + name + "\n");
        assertTrue(at >= 0, r::toString);
        int end = out.indexOf("\n@@@ ", at + 1);
        return out.substring(at + name.length() + 5, end < 0 ? out.length() : end + 1);
    }

    private static String masked(String output) {
        return new PingRun(0, output, "").masked();
    }

    /** The ICMPv6 messages of tshark's hex dump, nonce bytes 2..7 and the checksum masked as "xx". */
    private static List<String> queries(Lab.Result r) {
        List<String> out = new ArrayList<>();
        for (String frame : part(r, "wire").split("\n\\s*\n")) {
            StringBuilder hex = new StringBuilder();
            for (String line : frame.split("\n")) {
                if (line.matches("^[0-9a-f]{4}  .*")) {
                    hex.append(line.substring(6, Math.min(line.length(), 53)).replace(" ", ""));
                }
            }
            if (hex.isEmpty()) {
                continue;
            }
            byte[] b = HexFormat.of().parseHex(hex);
            int ip = (b[14] & 0xff) == 0x86 && (b[15] & 0xff) == 0xdd ? 16 : 20; // Linux cooked v1 or v2
            String icmp = HexFormat.of().formatHex(b, ip + 40, b.length);
            out.add(icmp.substring(0, 4) + "xxxx" + icmp.substring(8, 20) + "xxxxxxxxxxxx" + icmp.substring(32));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-N name",
        "-N fqdn",
        "-N ipv6",
        "-N ipv6-all -N ipv6-linklocal -N ipv6-sitelocal -N ipv6-global -N ipv6-compatible",
        "-N ipv4",
        "-N ipv4-all",
        "-N name -N subject-ipv6=2001:db8:0:1::2",
        "-N ipv6 -N subject-ipv4=198.51.100.2",
        "-N name -N subject-name=peer",
        "-N name -N subject-name=Peer.Lab",
        "-N name -N subject-fqdn=peer.lab",
    })
    void theSameQueryOnTheWireAndTheSameWordsWithoutAReply(String words) {
        Lab.Result r = bothCaptured("-c 1 -W 1 " + words + " " + peer6(), "");
        String theirs = part(r, "iputils");
        String mine = part(r, "pingkit");
        assertTrue(theirs.endsWith("rc=1\n"), r::toString);
        assertEquals(masked(theirs), masked(mine), r::toString);
        List<String> q = queries(r);
        assertEquals(2, q.size(), r::toString);
        assertTrue(q.get(0).startsWith("8b"), q.get(0));
        assertEquals(q.get(0), q.get(1), r::toString);
        assertEquals("1\n1\n", part(r, "checksums"), "tshark finds both checksums good: " + r);
    }

    @Test
    void repliesArePrintedAsIputilsPrintsThem() {
        String peer = Lab.NETNS_PREFIX + Lab.PEER;
        for (String words : List.of("-N name", "-N ipv6", "-N ipv4")) {
            // four queries a run: two per tool
            String start = "ip netns exec " + peer + " timeout 60 python3 " + responder() + " peer.lab.,peer 4"
                    + " > /dev/null &\nsleep 1\n";
            Lab.Result r = bothCaptured("-c 2 -i 0.2 -W 1 " + words + " " + peer6(), start);
            String theirs = part(r, "iputils");
            String mine = part(r, "pingkit");
            assertTrue(theirs.contains("; seq=2; ttl=64\n"), r::toString);
            assertEquals(masked(theirs), masked(mine), r::toString);
        }
        Lab.Result named = bothCaptured("-c 1 -N name " + peer6(), "ip netns exec " + peer + " timeout 60 python3 "
                + responder() + " peer.lab.,peer 2 > /dev/null &\nsleep 1\n");
        assertTrue(part(named, "pingkit").contains("bytes from " + peer6() + ": peer.lab., peer; seq=1; ttl=64\n"),
                named::toString);
    }
}
