package dev.pingkit.packet;

import static dev.pingkit.packet.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IcmpMessageTest {

    static IcmpMessage decode(String hex) {
        byte[] b = bytes(hex);
        return IcmpMessage.decode(b, 0, b.length);
    }

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static void assertQuotesOurProbe(IcmpMessage m) throws Exception {
        Quoted q = m.quoted().orElseThrow();
        assertEquals(4, q.family());
        assertEquals(ip("198.51.100.1"), q.source());
        assertEquals(ip("198.18.0.9"), q.destination());
        assertEquals(1, q.protocol());
        assertEquals(1, q.ttl());
        assertEquals(8, q.icmpType());
        assertEquals(0, q.icmpCode());
        assertEquals(7, q.id());
        assertEquals(3, q.seq());
        assertEquals(28, q.length());
    }

    @Test
    void decodesABareEchoRequest() {
        IcmpMessage m = decode(Vectors.ECHO_REQUEST);
        assertEquals(4, m.family());
        assertEquals(8, m.type());
        assertEquals(0, m.code());
        assertEquals("echo-request", m.typeName());
        assertEquals(0xb425, m.checksum());
        assertTrue(m.checksumValid());
        assertEquals(ChecksumStatus.VALID, m.checksumStatus());
        assertTrue(m.isEchoRequest());
        assertFalse(m.isEchoReply());
        assertEquals(7, m.id());
        assertEquals(1, m.seq());
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), m.payload());
        assertTrue(m.ip().isEmpty());
        assertEquals(-1, m.ttl());
        assertEquals(List.of(), m.problems());
        assertEquals("ICMPv4 echo-request id=7 seq=1 len=5 checksum=0xb425 ok", m.toString());
    }

    @Test
    void skipsAnIpHeaderWithOptionsByItsIhl() throws Exception {
        IcmpMessage m = decode(Vectors.REPLY_WITH_IP_OPTIONS);
        Ipv4Header h = m.ip().orElseThrow();
        assertEquals(4, h.version());
        assertEquals(6, h.ihl());
        assertEquals(24, h.headerLength());
        assertEquals(48, h.totalLength());
        assertEquals(0x1c46, h.identification());
        assertEquals(0x2, h.flags());
        assertTrue(h.dontFragment());
        assertEquals(63, h.ttl());
        assertEquals(1, h.protocol());
        assertEquals(0x3618, h.headerChecksum());
        assertEquals(ip("198.51.100.2"), h.source());
        assertEquals(ip("198.51.100.1"), h.destination());
        assertArrayEquals(new byte[] {(byte) 0x94, 4, 0, 0}, h.options());
        assertTrue(m.isEchoReply());
        assertEquals(0x1234, m.id());
        assertEquals(42, m.seq());
        assertEquals(63, m.ttl());
        assertEquals(16, m.payload().length);
        assertEquals(15, m.payload()[15]);
        assertTrue(m.checksumValid());
        assertEquals(List.of(), m.problems());
        assertEquals(ip("198.51.100.2"), m.source().orElseThrow());
        assertArrayEquals(bytes(Vectors.REPLY_WITH_IP_OPTIONS), m.bytes());
        assertEquals(24, m.bytes().length - m.icmpBytes().length);
    }

    @Test
    void verifiesAnOddLengthPayloadPaddedWithZero() {
        IcmpMessage m = decode(Vectors.REPLY_ODD);
        assertTrue(m.checksumValid());
        assertEquals("abc", new String(m.payload(), StandardCharsets.US_ASCII));
        assertEquals(2, m.seq());
    }

    @Test
    void decodesTimeExceededQuotingOurProbe() throws Exception {
        IcmpMessage m = decode(Vectors.TIME_EXCEEDED);
        assertEquals(11, m.type());
        assertEquals("time-exceeded", m.typeName());
        assertEquals("ttl-exceeded-in-transit", m.codeName());
        assertTrue(m.checksumValid());
        assertTrue(m.isError());
        assertEquals(-1, m.id());
        assertEquals(-1, m.seq());
        assertEquals(255, m.ttl());
        assertEquals(ip("198.51.100.254"), m.source().orElseThrow());
        assertQuotesOurProbe(m);
        assertEquals(List.of(), m.problems());
        assertEquals("ICMPv4 198.51.100.254 > 198.51.100.1 ttl=255 time-exceeded ttl-exceeded-in-transit "
                + "checksum=0xec12 ok (quoted 198.51.100.1 > 198.18.0.9 ttl=1 echo-request id=7 seq=3)", m.toString());
    }

    @Test
    void decodesHostUnreachableQuotingOurProbe() throws Exception {
        IcmpMessage m = decode(Vectors.HOST_UNREACHABLE);
        assertEquals("destination-unreachable", m.typeName());
        assertEquals("host-unreachable", m.codeName());
        assertTrue(m.checksumValid());
        assertEquals(-1, m.mtu());
        assertQuotesOurProbe(m);
    }

    @Test
    void decodesFragmentationNeededWithTheNextHopMtu() throws Exception {
        IcmpMessage m = decode(Vectors.FRAG_NEEDED);
        assertEquals("fragmentation-needed", m.codeName());
        assertEquals(1400, m.mtu());
        assertTrue(m.checksumValid());
        assertQuotesOurProbe(m);
    }

    @Test
    void decodesParameterProblemWithItsPointer() throws Exception {
        IcmpMessage m = decode(Vectors.PARAMETER_PROBLEM);
        assertEquals("parameter-problem", m.typeName());
        assertEquals("pointer-indicates-error", m.codeName());
        assertEquals(20, m.pointer());
        assertTrue(m.checksumValid());
        assertQuotesOurProbe(m);
    }

    @Test
    void decodesRedirectWithItsGateway() throws Exception {
        IcmpMessage m = decode(Vectors.REDIRECT);
        assertEquals("redirect", m.typeName());
        assertEquals("redirect-for-host", m.codeName());
        assertEquals(ip("198.51.100.253"), m.gateway().orElseThrow());
        assertTrue(m.checksumValid());
        assertQuotesOurProbe(m);
    }

    @Test
    void decodesSourceQuench() throws Exception {
        IcmpMessage m = decode(Vectors.SOURCE_QUENCH);
        assertEquals("source-quench", m.typeName());
        assertEquals("", m.codeName());
        assertTrue(m.checksumValid());
        assertQuotesOurProbe(m);
    }

    @Test
    void namesEveryDestinationUnreachableCodeOfRfc792And1122And1812() {
        String[] expected = {
            "net-unreachable", "host-unreachable", "protocol-unreachable", "port-unreachable",
            "fragmentation-needed", "source-route-failed", "destination-network-unknown",
            "destination-host-unknown", "source-host-isolated", "network-administratively-prohibited",
            "host-administratively-prohibited", "network-unreachable-for-tos", "host-unreachable-for-tos",
            "communication-administratively-prohibited", "host-precedence-violation", "precedence-cutoff-in-effect",
        };
        for (int c = 0; c < 16; c++) {
            assertEquals(expected[c], IcmpNames.codeName(4, 3, c));
        }
        assertEquals("unknown", IcmpNames.codeName(4, 3, 16));
        assertEquals("fragment-reassembly-time-exceeded", IcmpNames.codeName(4, 11, 1));
        assertEquals("bad-length", IcmpNames.codeName(4, 12, 2));
        assertEquals("redirect-for-tos-and-host", IcmpNames.codeName(4, 5, 3));
        assertEquals("timestamp-request", IcmpNames.typeName(4, 13));
        assertEquals("unknown", IcmpNames.typeName(4, 200));
        assertEquals("port-unreachable", IcmpNames.codeName(6, 1, 4));
        assertEquals("communication-administratively-prohibited", IcmpNames.codeName(6, 1, 1));
        assertEquals("hop-limit-exceeded-in-transit", IcmpNames.codeName(6, 3, 0));
        assertEquals("unrecognized-next-header", IcmpNames.codeName(6, 4, 1));
        assertEquals("packet-too-big", IcmpNames.typeName(6, 2));
        assertEquals("echo-reply", IcmpNames.typeName(6, 129));
    }

    @Test
    void verifiesAnIcmpv6ChecksumOverThePseudoHeader() throws Exception {
        byte[] b = bytes(Vectors.V6_ECHO_REQUEST);
        IcmpMessage m = IcmpMessage.decodeV6(b, 0, b.length, ip("2001:db8::1"), ip("2001:db8::2"));
        assertEquals(6, m.family());
        assertTrue(m.isEchoRequest());
        assertEquals("echo-request", m.typeName());
        assertEquals(ChecksumStatus.VALID, m.checksumStatus());
        assertEquals(7, m.id());
        assertEquals(1, m.seq());
        // the same bytes between other hosts do not verify: the pseudo-header matters
        IcmpMessage other = IcmpMessage.decodeV6(b, 0, b.length, ip("2001:db8::1"), ip("2001:db8::3"));
        assertEquals(ChecksumStatus.INVALID, other.checksumStatus());
        assertEquals(1, other.problems().size());
        assertTrue(other.problems().get(0).startsWith("bad ICMP checksum 0xe068, expected 0x"), other.problems().toString());
        // without addresses it cannot be checked
        IcmpMessage unknown = IcmpMessage.decodeV6(b, 0, b.length, null, null);
        assertEquals(ChecksumStatus.UNKNOWN, unknown.checksumStatus());
        assertFalse(unknown.checksumValid());
        assertEquals(List.of(), unknown.problems());
    }

    @Test
    void decodesIcmpv6TimeExceededQuotingTheInnerIpv6Header() throws Exception {
        byte[] b = bytes(Vectors.V6_TIME_EXCEEDED);
        IcmpMessage m = IcmpMessage.decodeV6(b, 0, b.length, ip("2001:db8::fe"), ip("2001:db8::1"));
        assertEquals("time-exceeded", m.typeName());
        assertEquals("hop-limit-exceeded-in-transit", m.codeName());
        assertTrue(m.checksumValid());
        Quoted q = m.quoted().orElseThrow();
        assertEquals(6, q.family());
        assertEquals(ip("2001:db8::1"), q.source());
        assertEquals(ip("2001:db8:1::9"), q.destination());
        assertEquals(58, q.protocol());
        assertEquals(1, q.ttl());
        assertEquals(128, q.icmpType());
        assertEquals(7, q.id());
        assertEquals(5, q.seq());
        assertEquals(List.of(), m.problems());
    }

    @Test
    void decodesIcmpv6PacketTooBigWithItsMtu() throws Exception {
        byte[] b = bytes(Vectors.V6_PACKET_TOO_BIG);
        IcmpMessage m = IcmpMessage.decodeV6(b, 0, b.length, ip("2001:db8::fe"), ip("2001:db8::1"));
        assertEquals("packet-too-big", m.typeName());
        assertEquals(1280, m.mtu());
        assertTrue(m.checksumValid());
        assertEquals(5, m.quoted().orElseThrow().seq());
    }

    @Test
    void refusesAnIpv4AddressForTheIcmpv6PseudoHeader() throws Exception {
        byte[] b = bytes(Vectors.V6_ECHO_REQUEST);
        InetAddress v4 = ip("127.0.0.1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IcmpMessage.decodeV6(b, 0, b.length, v4, ip("::1")));
        assertEquals("source must be an IPv6 address, got 127.0.0.1", e.getMessage());
    }

    @Test
    void reportsATruncatedHeader() {
        IcmpMessage m = decode("0800b42500");
        assertFalse(m.valid());
        assertEquals(8, m.type());
        assertEquals(-1, m.id());
        assertEquals(List.of("truncated: 5 bytes, an ICMP header needs 8", "bad ICMP checksum 0xb425, expected 0xf7ff"),
                m.problems());
        assertEquals("ICMPv4 truncated (5 bytes)", m.toString());
    }

    @Test
    void reportsAnIpTotalLengthLargerThanTheBytesPresent() {
        // the options reply, its total length field raised from 48 to 84 (and the header checksum lowered by 36)
        byte[] b = bytes(Vectors.REPLY_WITH_IP_OPTIONS);
        b[3] = 84;
        b[10] = 0x35;
        b[11] = (byte) 0xf4;
        IcmpMessage m = IcmpMessage.decode(b, 0, b.length);
        assertEquals(List.of("IP total length 84 but 48 bytes present"), m.problems());
        assertTrue(m.checksumValid());
    }

    @Test
    void reportsABadIpHeaderChecksumWithTheExpectedValue() {
        byte[] b = bytes(Vectors.REPLY_ODD);
        b[8] = 1; // TTL 64 -> 1 without fixing the header checksum
        IcmpMessage m = IcmpMessage.decode(b, 0, b.length);
        assertEquals(1, m.ttl());
        assertEquals(1, m.problems().size());
        assertTrue(m.problems().get(0).startsWith("bad IP header checksum 0xca2d, expected 0x"), m.problems().toString());
        assertTrue(m.show().contains("ip.cksum = 0xca2d (wrong)"), m.show());
    }

    @Test
    void trimsLinkLayerPaddingAfterTheIpTotalLength() {
        byte[] b = java.util.Arrays.copyOf(bytes(Vectors.REPLY_ODD), 46); // Ethernet minimum frame padding
        IcmpMessage m = IcmpMessage.decode(b, 0, b.length);
        assertEquals("abc", new String(m.payload(), StandardCharsets.US_ASCII));
        assertTrue(m.checksumValid());
    }

    @Test
    void reportsAShortQuote() {
        // time exceeded quoting 12 bytes: less than an IPv4 header
        String hex = "0b00000000000000" + Vectors.QUOTED_PROBE.substring(0, 24);
        byte[] b = bytes(hex);
        int c = Checksum.of(b, 0, b.length);
        b[2] = (byte) (c >>> 8);
        b[3] = (byte) c;
        IcmpMessage m = IcmpMessage.decode(b, 0, b.length);
        assertTrue(m.quoted().isEmpty());
        assertEquals(List.of("quoted datagram truncated: 12 bytes, an IPv4 header needs 20"), m.problems());
    }

    @Test
    void showsOneFieldPerLineWithMeaning() {
        String s = decode(Vectors.TIME_EXCEEDED).show();
        assertTrue(s.contains("\ntype     = 11 (time-exceeded)\n"), s);
        assertTrue(s.contains("\ncode     = 0 (ttl-exceeded-in-transit)\n"), s);
        assertTrue(s.contains("\nchecksum = 0xec12 (correct)\n"), s);
        assertTrue(s.contains("\nip.ttl   = 255\n"), s);
        assertTrue(s.contains("\nquoted   = 198.51.100.1 > 198.18.0.9 ttl=1 echo-request id=7 seq=3 (28 bytes)\n"), s);
        byte[] b = bytes(Vectors.ECHO_REQUEST);
        b[2] = 0x12;
        b[3] = 0x34;
        String bad = IcmpMessage.decode(b, 0, b.length).show();
        assertTrue(bad.contains("checksum = 0x1234 (wrong, expected 0xb425)"), bad);
        assertTrue(bad.contains("payload  = 5 bytes, \"hello\""), bad);
        assertTrue(bad.contains("00000000  68 65 6c 6c 6f"), bad);
    }

    @Test
    void equalInputsGiveEqualMessages() {
        assertEquals(decode(Vectors.REDIRECT), decode(Vectors.REDIRECT));
        assertEquals(decode(Vectors.REDIRECT).hashCode(), decode(Vectors.REDIRECT).hashCode());
        assertFalse(decode(Vectors.REDIRECT).equals(decode(Vectors.SOURCE_QUENCH)));
    }

    @Test
    void boundsOutsideTheArrayAreAnArgumentErrorNamingThem() {
        byte[] b = bytes(Vectors.ECHO_REQUEST);
        var e = assertThrows(IllegalArgumentException.class, () -> IcmpMessage.decode(b, 5, 100));
        assertEquals("off and len must fit the array: 0 <= off, 0 <= len, off + len <= 13, got off 5, len 100",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IcmpMessage.decode(b, -1, 2));
        assertThrows(IllegalArgumentException.class, () -> IcmpMessage.decodeV6(b, 0, -1, null, null));
        assertEquals(8, IcmpMessage.decode(b, 5, 8).length(), "a range that fits still decodes");
    }

    @Test
    void aVerifyingChecksumOfFfffIsKeptAsSentSoTheQueryReencodesToItsBytes() {
        // found by DecoderFuzzTest: one's complement has two zeros, so 0xffff verifies where 0x0000 is the computed
        // checksum; the decoded query must keep 0xffff, not recompute 0x0000
        byte[] icmp = {0, 0, (byte) 0xff, (byte) 0xff, 0, (byte) 0xa1, 0x13, 0x5e, (byte) 0xec, 0};
        IcmpMessage m = IcmpMessage.decode(icmp, 0, icmp.length);
        assertTrue(m.checksumValid(), m::toString);
        IcmpQuery q = m.query().orElseThrow();
        assertEquals(0xffff, q.checksum());
        assertTrue(q.checksumForced());
        assertArrayEquals(icmp, q.toBytes());
    }
}
