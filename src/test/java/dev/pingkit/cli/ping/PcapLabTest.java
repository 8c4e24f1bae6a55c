package dev.pingkit.cli.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.lab.Lab;
import dev.pingkit.lab.LabTest;
import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.packet.Pcap;
import dev.pingkit.packet.PcapPacket;
import dev.pingkit.packet.TsharkAgreement;
import dev.pingkit.packet.TsharkRequired;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures both ways in the lab: {@code scripts/ping --pcap} files that tshark dissects as pingkit does (replies,
 * duplicates, time exceeded, IPv4 and IPv6), and captures dumpcap writes on a lab interface that pingkit reads
 * back with the fields tshark sees.
 */
@LabTest
class PcapLabTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsTshark() {
        TsharkRequired.check();
    }

    private static Lab.Result ping(String... args) {
        String[] argv = new String[args.length + 3];
        argv[0] = "env";
        argv[1] = "PINGKIT_CLASSPATH=" + System.getProperty("java.class.path");
        argv[2] = PingRun.home().resolve("scripts/ping").toString();
        System.arraycopy(args, 0, argv, 3, args.length);
        return Lab.run(Duration.ofSeconds(60), argv);
    }

    private static long count(List<PcapPacket> packets, int type) {
        return packets.stream().map(p -> p.icmp().orElseThrow()).filter(m -> m.type() == type).count();
    }

    @Test
    void pingPcapOfRepliesAndDuplicatesIsDissectedByTsharkAsByPingkit() throws Exception {
        Path v4 = dir.resolve("dup4.pcap");
        String dup = Addresses.text(Lab.host(Lab.DUP).v4());
        Lab.Result r = ping("-n", "-c", "3", "-i", "0.2", "-s", "100", "--pcap", v4.toString(), dup);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("(DUP!)"), r.toString());
        List<PcapPacket> p = TsharkAgreement.assertAgrees(v4);
        assertEquals(3, count(p, 8), "every request");
        assertEquals(r.stdout().lines().filter(l -> l.contains(" bytes from ")).count(), count(p, 0),
                "every reply the run took, duplicates included\n" + r);
        assertTrue(count(p, 0) > 3, "duplicates in the capture too");
        IcmpMessage reply = p.get(1).icmp().orElseThrow();
        assertEquals(p.get(0).icmp().orElseThrow().source(), reply.destination(),
                "the request's source is the address the replies come to");
        assertEquals(100, reply.payloadLength());

        Path v6 = dir.resolve("peer6.pcap");
        r = ping("-n", "-c", "2", "-i", "0.2", "--pcap", v6.toString(), Addresses.text(Lab.host(Lab.PEER).v6()));
        assertEquals(0, r.exitCode(), r.toString());
        p = TsharkAgreement.assertAgrees(v6);
        assertEquals(2, count(p, 128));
        assertEquals(2, count(p, 129));
        assertTrue(p.get(0).icmp().orElseThrow().checksumValid(), "the checksum the kernel filled in");
    }

    @Test
    void pingPcapOfTimeExceededKeepsTheQuotedProbeBothFamilies() throws Exception {
        for (int family : new int[] {4, 6}) {
            Path f = dir.resolve("ttl" + family + ".pcap");
            Lab.Host far = Lab.host(Lab.FAR);
            Lab.Result r = ping("-n", "-c", "2", "-i", "0.2", "-W", "1", "-t", "1", "--pcap", f.toString(),
                    Addresses.text(far.address(family)));
            assertEquals(1, r.exitCode(), r.toString());
            List<PcapPacket> p = TsharkAgreement.assertAgrees(f);
            assertEquals(4, p.size(), p.toString());
            IcmpMessage error = p.get(1).icmp().orElseThrow();
            assertTrue(error.isError(), error.toString());
            assertEquals(Addresses.text(Lab.host(Lab.ROUTER).address(family)),
                    Addresses.text(error.source().orElseThrow()));
            assertEquals(1, error.quoted().orElseThrow().seq());
        }
    }

    @Test
    void dumpcapCaptureOnALabInterfaceReadsBackWithTsharksFields() throws Exception {
        Path f = dir.resolve("dumpcap.pcap");
        String peer = Addresses.text(Lab.host(Lab.PEER).v4());
        String peer6 = Addresses.text(Lab.host(Lab.PEER).v6());
        String script = "dumpcap -q -P -i c-peer -f 'icmp or icmp6' -w " + f + " & d=$!; sleep 1.5; "
                + "ping -n -c 2 -i 0.2 -s 40 " + peer + " >/dev/null; ping -n -c 2 -i 0.2 " + peer6 + " >/dev/null; "
                + "sleep 0.5; kill -INT $d; wait $d";
        Lab.Result r = Lab.run(Duration.ofSeconds(60), "bash", "-c", script);
        assertEquals(0, r.exitCode(), r.toString());
        List<PcapPacket> p = TsharkAgreement.assertAgrees(f);
        assertTrue(p.stream().allMatch(x -> x.linkType() == Pcap.LINKTYPE_ETHERNET), p.toString());
        assertEquals(2, count(p, 8), p.toString());
        assertEquals(2, count(p, 0), p.toString());
        assertEquals(2, count(p, 128), p.toString());
        assertEquals(2, count(p, 129), p.toString());
        assertFalse(p.stream().anyMatch(x -> !x.icmp().orElseThrow().checksumValid()), p.toString());
        assertEquals(40, p.stream().map(x -> x.icmp().orElseThrow()).filter(m -> m.type() == 0).findFirst()
                .orElseThrow().payloadLength());
    }
}
