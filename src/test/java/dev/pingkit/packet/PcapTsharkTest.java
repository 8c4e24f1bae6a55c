package dev.pingkit.packet;

import static dev.pingkit.packet.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tshark reads what {@link PcapWriter} writes and dissects the same fields as pingkit's decoder. */
class PcapTsharkTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsTshark() {
        TsharkRequired.check();
    }

    private static Inet4Address v4(String a) throws Exception {
        return (Inet4Address) InetAddress.getByName(a);
    }

    private static Inet6Address v6(String a) throws Exception {
        return (Inet6Address) InetAddress.getByName(a);
    }

    @Test
    void tsharkAgreesOnIpv4EchoesBadChecksumsAndQuotedErrors() throws Exception {
        Path f = dir.resolve("v4.pcap");
        long t0 = 1_764_500_000_123_456_789L;
        try (PcapWriter w = PcapWriter.create(f)) {
            w.write(t0, IpPackets.ipv4(v4("198.51.100.1"), v4("198.51.100.2"), 64, 0, 1, true,
                    bytes(Vectors.ECHO_REQUEST)));
            w.write(t0 + 1, bytes(Vectors.REPLY_ODD));
            w.write(t0 + 2, bytes(Vectors.REPLY_WITH_IP_OPTIONS));
            w.write(t0 + 3, IpPackets.ipv4(v4("198.51.100.1"), v4("198.51.100.2"), 1, 0x10, 2, false,
                    bytes("0800dead0007000168656c6c6f")));
            w.write(t0 + 1_000_000_000L, bytes(Vectors.TIME_EXCEEDED));
            w.write(t0 + 1_000_000_001L, bytes(Vectors.HOST_UNREACHABLE));
            w.write(t0 + 1_000_000_002L, bytes(Vectors.FRAG_NEEDED));
            w.write(t0 + 1_000_000_003L, bytes(Vectors.PARAMETER_PROBLEM));
        }
        List<PcapPacket> read = TsharkAgreement.assertAgrees(f);
        assertEquals(8, read.size());
        assertEquals(t0, read.get(0).epochNanos());
        assertFalse(read.get(3).icmp().orElseThrow().checksumValid(), "the forced checksum stays bad");
        assertEquals(3, read.get(4).icmp().orElseThrow().quoted().orElseThrow().seq());
    }

    @Test
    void tsharkAgreesOnIpv6WithTheHeaderPingkitBuildsAndTheChecksumItFillsIn() throws Exception {
        Path f = dir.resolve("v6.pcap");
        Inet6Address a = v6("2001:db8::1");
        Inet6Address b = v6("2001:db8::2");
        Inet6Address router = v6("2001:db8::fe");
        try (PcapWriter w = PcapWriter.create(f)) {
            w.write(1_000, IpPackets.ipv6(a, b, 64, bytes(Vectors.V6_ECHO_REQUEST)));
            // as pingkit sends it without a source: checksum 0, the kernel's to fill in
            w.write(2_000, IpPackets.ipv6(a, b, 1, bytes("800000000007000268656c6c6f21")));
            w.write(3_000, IpPackets.ipv6(b, a, 63, bytes("8100000000070002")));
            w.write(4_000, IpPackets.ipv6(b, a, 64, bytes("8100dead0007000268656c6c6f21")));
            w.write(5_000, IpPackets.ipv6(router, a, 64, bytes(Vectors.V6_TIME_EXCEEDED)));
            w.write(6_000, IpPackets.ipv6(router, a, 64, bytes(Vectors.V6_PACKET_TOO_BIG)));
        }
        List<PcapPacket> read = TsharkAgreement.assertAgrees(f);
        assertEquals(6, read.size());
        IcmpMessage filled = read.get(1).icmp().orElseThrow();
        assertTrue(filled.checksumValid(), filled.toString());
        assertEquals(1, read.get(1).ttl(), "hop limit");
        assertFalse(read.get(3).icmp().orElseThrow().checksumValid());
        assertEquals(5, read.get(4).icmp().orElseThrow().quoted().orElseThrow().seq());
    }
}
