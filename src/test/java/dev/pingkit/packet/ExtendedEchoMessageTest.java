package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PROBE (RFC 8335) requests and replies, both families: layout, the extension structure, decoding, hostile input. */
class ExtendedEchoMessageTest {
    private static final InetAddress SRC6 = address("2001:db8:0:1::1");
    private static final InetAddress DST6 = address("2001:db8:0:1::2");

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void aRequestByNameCarriesTheLBitAndAPaddedInterfaceIdentificationObject() {
        ExtendedEchoMessage m = ExtendedEchoMessage.request(4, InterfaceId.name("eth0.1")).identifier(0x0102)
                .sequence(3);
        byte[] b = m.toBytes();
        // header: 42 0 checksum, id 0x0102, seq 3, L bit; extension: version 2, checksum; object: len 12 class 3
        // c-type 1, "eth0.1" padded with two NULs to 32 bits
        String ext = hex(b).substring(16);
        assertEquals("2a00", hex(b).substring(0, 4));
        assertEquals("01020301", hex(b).substring(8, 16));
        assertEquals("2000", ext.substring(0, 4));
        assertEquals("000c0301657468302e310000", ext.substring(8));
        assertEquals(0, Checksum.of(b, 0, b.length), "ICMP checksum");
        assertEquals(0, Checksum.of(b, 8, b.length - 8), "extension structure checksum");
        IcmpMessage d = m.decoded();
        assertEquals(m, d.query().orElseThrow());
        assertTrue(d.problems().isEmpty(), d.problems().toString());
        assertEquals(3, d.seq(), "the sequence is byte 6 alone");
        assertEquals(0x0102, d.id());
        String show = d.show();
        assertTrue(show.contains("type     = 42 (extended-echo-request)"), show);
        assertTrue(show.contains("flags    = 0x01 (L=1: the interface is on the probed node)"), show);
        assertTrue(show.contains("ext.cksum = 0x"), show);
        assertTrue(show.contains("(correct)"), show);
        assertTrue(show.contains("ext.obj[0] = interface identification (class 3, c-type 1, len 12): name \"eth0.1\""),
                show);
        assertTrue(d.toString().contains("extended-echo-request id=258 seq=3 len=16 L name \"eth0.1\""), d.toString());
    }

    @Test
    void requestsByIndexAndByAddressOfEitherFamily() {
        assertEquals("000803020000000b", hex(ExtendedEchoMessage.request(4, InterfaceId.index(11)).extension())
                .substring(8));
        ExtendedEchoMessage v4 = ExtendedEchoMessage.request(4, InterfaceId.address(address("198.51.100.2")));
        assertEquals("000c030300010400c6336402", hex(v4.extension()).substring(8));
        ExtendedEchoMessage v6 = ExtendedEchoMessage.request(6, InterfaceId.address(DST6)).pseudoHeader(SRC6, DST6);
        assertEquals("0018030300021000" + hex(DST6.getAddress()), hex(v6.extension()).substring(8));
        assertEquals(160, v6.type());
        assertEquals(0, Checksum.icmpv6(SRC6.getAddress(), DST6.getAddress(), v6.toBytes(), 0, v6.length()));
        IcmpMessage d = v6.decoded();
        assertEquals(v6, d.query().orElseThrow());
        assertEquals(InterfaceId.address(DST6), ((ExtendedEchoMessage) d.query().get()).interfaceId().orElseThrow());
        assertEquals(0, ExtendedEchoMessage.request(6, InterfaceId.index(1)).checksum(),
                "ICMPv6 without its pseudo-header: 0 for the kernel");
        assertTrue(ExtendedEchoMessage.request(6, InterfaceId.index(1)).toString().contains("checksum=kernel"));
    }

    @Test
    void aReplySaysItsCodeStateAndBitsInRfc8335Words() {
        ExtendedEchoMessage r = ExtendedEchoMessage.reply(4).identifier(5).sequence(9).interfaceBits(true, true, false);
        assertEquals(0x06, r.flags());
        IcmpMessage d = r.decoded();
        ExtendedEchoMessage back = (ExtendedEchoMessage) d.query().orElseThrow();
        assertTrue(back.answered() && back.active() && back.ipv4() && !back.ipv6());
        assertTrue(d.show().contains("reply    = No Error: the interface exists"), d.show());
        assertTrue(d.show().contains("flags    = 0x06 (A=1 active, 4=1 ipv4, 6=0 ipv6)"), d.show());
        assertTrue(d.toString().contains("extended-echo-reply no-error id=5 seq=9 len=0 state=reserved A 4"),
                d.toString());
        ExtendedEchoMessage none = ExtendedEchoMessage.reply(6).code(2).pseudoHeader(SRC6, DST6);
        IcmpMessage n = none.decoded();
        assertFalse(((ExtendedEchoMessage) n.query().orElseThrow()).answered());
        assertEquals("No Such Interface", none.codeText());
        assertEquals("no-such-interface", n.codeName());
        assertTrue(n.show().contains("reply    = No Such Interface: not answered"), n.show());
        assertEquals(3, r.state(3).state());
        assertEquals("stale", r.state(3).stateName());
    }

    @Test
    void aBadExtensionChecksumIsAVerdictNotACrash() {
        ExtendedEchoMessage m = ExtendedEchoMessage.request(4, InterfaceId.name("lo")).extensionChecksum(0xdead);
        IcmpMessage d = m.decoded();
        assertTrue(d.checksumValid(), "the ICMP checksum is computed over the bad one and verifies");
        byte[] good = ExtendedEchoMessage.request(4, InterfaceId.name("lo")).extension();
        String expected = String.format("bad extension checksum 0xdead, expected 0x%02x%02x", good[2], good[3]);
        assertEquals(List.of(expected), d.problems());
        assertTrue(d.show().contains("ext.cksum = 0xdead (wrong, expected"), d.show());
    }

    @Test
    void anObjectLengthPastTheEndOrBelowItsHeaderIsListed() {
        byte[] ext = ExtendedEchoMessage.request(4, InterfaceId.index(1)).extension();
        ext[4] = 0x01;
        ext[5] = 0x2c; // 300 bytes, 8 there
        IcmpMessage d = ExtendedEchoMessage.request(4, InterfaceId.index(1)).extension(ext).decoded();
        assertTrue(d.problems().contains("extension object at byte 4: length 300 runs past the end (8 bytes left)"),
                d.problems().toString());
        ext[4] = 0;
        ext[5] = 2;
        d = ExtendedEchoMessage.request(4, InterfaceId.index(1)).extension(ext).decoded();
        assertTrue(d.problems().contains("extension object at byte 4: length 2 is less than its 4-byte header"),
                d.problems().toString());
        d = ExtendedEchoMessage.request(4, InterfaceId.index(1)).extension(new byte[] {0x20, 0}).decoded();
        assertTrue(d.problems().contains("extension structure truncated: 2 bytes, its header needs 4"),
                d.problems().toString());
        d = ExtendedEchoMessage.request(4, InterfaceId.index(1)).extension(new byte[0]).decoded();
        assertEquals(List.of("PROBE request without an extension structure (RFC 8335 needs one)"), d.problems());
    }

    @Test
    void probeNamesOfZeroAndThreeHundredBytes() {
        assertEquals("interface name must be 1..255 ASCII characters, got 0 characters",
                assertThrows(IllegalArgumentException.class, () -> InterfaceId.name("")).getMessage());
        assertEquals("interface name must be 1..255 ASCII characters, got 300 characters",
                assertThrows(IllegalArgumentException.class, () -> InterfaceId.name("x".repeat(300))).getMessage());
        // On the wire they can still come: an experiment writes them, a hostile peer sends them.
        IcmpMessage empty = ExtendedEchoMessage.request(4, InterfaceId.other(1, new byte[0])).decoded();
        assertTrue(empty.problems().contains("PROBE interface name is empty (0 bytes): RFC 8335 needs 1 character at"
                + " least"), empty.problems().toString());
        IcmpMessage longName = ExtendedEchoMessage.request(4, InterfaceId.other(1, "y".repeat(300).getBytes(
                java.nio.charset.StandardCharsets.US_ASCII))).decoded();
        assertTrue(longName.problems().contains("PROBE interface name of 300 bytes: longer than 255"),
                longName.problems().toString());
        assertTrue(longName.show().contains("name \"yyyy"), "still shown");
    }

    @Test
    void addressObjectsWhoseAfiOrLengthLieAreListed() {
        IcmpMessage afi = ExtendedEchoMessage.request(4, InterfaceId.other(3, hex("0007 0400 c6336402"))).decoded();
        assertTrue(afi.problems().contains("PROBE interface address AFI 7: not 1 (IPv4) or 2 (IPv6)"),
                afi.problems().toString());
        IcmpMessage len = ExtendedEchoMessage.request(4, InterfaceId.other(3, hex("0001 1000 c6336402"))).decoded();
        assertTrue(len.problems().contains("PROBE interface address length 16 with AFI 1 in 4 bytes: 4 expected"),
                len.problems().toString());
        IcmpMessage idx = ExtendedEchoMessage.request(4, InterfaceId.other(2, hex("0001"))).decoded();
        assertTrue(idx.problems().contains("PROBE interface index of 2 bytes, 4 expected"), idx.problems().toString());
    }

    @Test
    void anInterfaceAsACommandLineNamesItIsAnIndexAnAddressOrAName() {
        assertEquals(InterfaceId.index(2), InterfaceId.parse("2"));
        assertEquals(InterfaceId.address(address("198.51.100.2")), InterfaceId.parse("198.51.100.2"));
        assertEquals(InterfaceId.address(DST6), InterfaceId.parse("2001:db8:0:1::2"));
        assertEquals(InterfaceId.name("eth0"), InterfaceId.parse("eth0"));
        assertEquals(InterfaceId.name("eth0:1"), InterfaceId.parse("eth0:1"), "an alias is a name");
        assertEquals("interface index must be 0..4294967295, got 4294967296", assertThrows(
                IllegalArgumentException.class, () -> InterfaceId.parse("4294967296")).getMessage());
        assertEquals("interface address must be an IPv4 or IPv6 address, got '1:2:3'", assertThrows(
                IllegalArgumentException.class, () -> InterfaceId.parse("1:2:3")).getMessage());
        assertEquals("interface name must be 1..255 ASCII characters, got 0 characters", assertThrows(
                IllegalArgumentException.class, () -> InterfaceId.parse("")).getMessage());
    }

    @Test
    void anErrorQuotingAProbeOrATimestampNamesItsIdAndSeq() {
        byte[] probe = ExtendedEchoMessage.request(4, InterfaceId.name("lo")).identifier(0x4242).sequence(200)
                .toBytes();
        byte[] ts = TimestampMessage.request().identifier(0x4343).sequence(65000).toBytes();
        for (byte[] quoted : new byte[][] {probe, ts}) {
            byte[] ip = IpPackets.ipv4((java.net.Inet4Address) address("198.51.100.1"),
                    (java.net.Inet4Address) address("198.18.1.2"), 1, 0, 1, false, quoted);
            byte[] te = WireBuilder.withChecksumV4(WireBuilder.icmp(11, 0, 0, java.util.Arrays.copyOf(ip, 28)));
            IcmpMessage m = IcmpMessage.decode(te, 0, te.length);
            Quoted q = m.quoted().orElseThrow();
            IcmpQuery sent = IcmpMessage.decode(quoted, 0, quoted.length).query().orElseThrow();
            assertEquals(sent.identifier(), q.id(), m.toString());
            assertEquals(sent.sequence(), q.seq(), "PROBE's sequence is byte 6 alone: " + m);
            IcmpReader r = new IcmpReader().reset(te, 0, te.length);
            assertEquals(sent.sequence(), r.quotedSeq());
        }
    }

    @Test
    void badFieldsAreRefused() {
        assertEquals("sequence must be 0..255, got 256", assertThrows(IllegalArgumentException.class,
                () -> ExtendedEchoMessage.reply(4).sequence(256)).getMessage());
        assertEquals("family must be 4 or 6, got 5", assertThrows(IllegalArgumentException.class,
                () -> ExtendedEchoMessage.request(5, InterfaceId.index(1))).getMessage());
        assertEquals("extensionChecksum needs an extension structure of 4 bytes at least, got 0 bytes",
                assertThrows(IllegalArgumentException.class, () -> ExtendedEchoMessage.reply(4).extensionChecksum(1))
                        .getMessage());
        assertEquals("index must be 0..4294967295, got -1", assertThrows(IllegalArgumentException.class,
                () -> InterfaceId.index(-1)).getMessage());
    }

    static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
