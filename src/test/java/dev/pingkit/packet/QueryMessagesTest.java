package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Timestamp, information and address mask messages: built as RFC 792/950 lay them out, decoded back the same. */
class QueryMessagesTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void timestampRequestIsLaidOutAsRfc792SaysWithItsChecksumComputed() {
        TimestampMessage m = TimestampMessage.request().identifier(0x1234).sequence(7).originate(45_296_789L);
        byte[] b = m.toBytes();
        assertEquals(20, b.length);
        assertEquals("0d00" + String.format("%04x", m.checksum()) + "1234" + "0007" + "02b32c95" + "00000000"
                + "00000000", hex(b));
        assertEquals(0, Checksum.of(b, 0, b.length), "the checksum verifies");
        assertFalse(m.isReply());
        assertEquals(14, m.replyType());
    }

    @Test
    void aTimestampReplyDecodesToItsValueNotToAPayload() {
        TimestampMessage reply = TimestampMessage.reply().identifier(7).sequence(1).originate(1000).receive(1020)
                .transmit(1021);
        byte[] ip = IpPackets.ipv4((Inet4Address) address("198.51.100.2"), (Inet4Address) address("198.51.100.1"),
                64, 0, 1, false, reply.toBytes());
        IcmpMessage m = IcmpMessage.decode(ip, 0, ip.length);
        assertEquals(reply, m.query().orElseThrow(), "the decoder gives the value back");
        assertTrue(m.problems().isEmpty(), m.problems().toString());
        assertEquals(7, m.id());
        assertEquals(1, m.seq());
        String show = m.show();
        assertTrue(show.contains("originate = 1000 (00:00:01.000 UT, when the request left)"), show);
        assertTrue(show.contains("receive  = 1020 (00:00:01.020 UT"), show);
        assertTrue(show.contains("transmit = 1021 (00:00:01.021 UT"), show);
        assertFalse(show.contains("payload"), "no payload line: the three timestamps are the body\n" + show);
        assertTrue(m.toString().contains(" timestamp-reply id=7 seq=1 len=12 originate=1000 receive=1020 transmit=1021 checksum="),
                m.toString());
    }

    @Test
    void aNonStandardTimestampSaysSo() {
        IcmpMessage m = TimestampMessage.reply().receive(0x80000005L).decoded();
        assertTrue(m.show().contains("receive  = 2147483653 (non-standard (high bit set): 5"), m.show());
        assertTrue(TimestampMessage.reply().transmit(90_000_000L).show().contains("not a time of day"));
    }

    @Test
    void roundTripAndOffsetAreComputedAcrossMidnight() {
        // Sent at 23:59:59.990 by our clock to a clock 100 ms ahead, 10 ms each way, held 10 ms, back at 00:00:00.020.
        long day = 86_400_000L;
        TimestampMessage r = TimestampMessage.reply().originate(day - 10).receive(100).transmit(110);
        long arrival = 20;
        assertEquals(20, r.roundTripMillis(arrival), "30 ms out and back, 10 of them at the responder");
        assertEquals(100.0, r.clockOffsetMillis(arrival));
        assertEquals(110, r.outboundMillis(), "10 ms of travel plus the 100 ms the clocks differ");
        assertEquals(-90, r.returnMillis(arrival));
        assertEquals(1000, TimestampMessage.millisSinceMidnight(Instant.parse("2026-12-07T00:00:01Z")));
    }

    @Test
    void aForcedChecksumIsKeptAndMarkedAndTheDecoderCallsItBad() {
        TimestampMessage bad = TimestampMessage.request().checksum(0xdead);
        assertEquals(0xdead, bad.checksum());
        assertTrue(bad.checksumForced());
        assertTrue(bad.show().contains("checksum = 0xdead (wrong, expected"), bad.show());
        assertTrue(bad.show().contains("(forced)"));
        assertEquals(bad, bad.decoded().query().orElseThrow(), "a bad checksum decodes as forced");
        assertEquals(TimestampMessage.request(), bad.computedChecksum());
    }

    @Test
    void informationAndAddressMaskMessagesRoundTrip() {
        InformationMessage info = InformationMessage.request().identifier(3).sequence(4);
        assertEquals("0f00" + String.format("%04x", info.checksum()) + "00030004", hex(info.toBytes()));
        assertEquals(info, info.decoded().query().orElseThrow());
        assertEquals(16, info.replyType());

        AddressMaskMessage mask = AddressMaskMessage.reply().identifier(9).sequence(2).prefixLength(22);
        assertEquals(0xfffffc00L, mask.mask());
        assertEquals("1200" + String.format("%04x", mask.checksum()) + "00090002fffffc00", hex(mask.toBytes()));
        IcmpMessage m = mask.decoded();
        assertEquals(mask, m.query().orElseThrow());
        assertTrue(m.show().contains("mask     = 255.255.252.0 (/22)"), m.show());
        assertTrue(m.toString().contains("address-mask-reply id=9 seq=2 len=4 mask=255.255.252.0"), m.toString());
        assertEquals(-1, mask.mask(0xff00ff00L).prefix());
    }

    @Test
    void aShortTimestampMessageIsAProblemNotAValue() {
        byte[] b = hex("0e00 0000 0001 0002 0000 0001");
        b[2] = (byte) (Checksum.of(b, 0, b.length) >>> 8);
        b[3] = (byte) Checksum.of(b, 0, b.length);
        IcmpMessage m = IcmpMessage.decode(b, 0, b.length);
        assertTrue(m.query().isEmpty());
        assertEquals(java.util.List.of("timestamp message of 12 bytes, 20 expected"), m.problems());
    }

    @Test
    void everyQueryPairsWithItsReplyType() {
        int[][] pairs = {{4, 8, 0}, {4, 13, 14}, {4, 15, 16}, {4, 17, 18}, {4, 42, 43}, {6, 128, 129}, {6, 160, 161}};
        for (int[] p : pairs) {
            assertEquals(p[2], IcmpTypes.replyTo(p[0], p[1]), "reply to " + p[1]);
            assertEquals(p[1], IcmpTypes.requestOf(p[0], p[2]), "request of " + p[2]);
            assertTrue(IcmpTypes.hasIdAndSeq(p[0], p[1]) && IcmpTypes.hasIdAndSeq(p[0], p[2]));
        }
        assertEquals(-1, IcmpTypes.replyTo(4, 0));
        assertEquals(-1, IcmpTypes.replyTo(6, 13), "no timestamp in ICMPv6");
        assertFalse(IcmpTypes.hasIdAndSeq(4, 3));
        assertEquals(8, IcmpTypes.sequenceBits(6, 161));
        assertEquals(16, IcmpTypes.sequenceBits(4, 13));
    }

    @Test
    void badFieldsAreRefusedNamingFieldValueAndRange() {
        assertEquals("identifier must be 0..65535, got 70000", assertThrows(IllegalArgumentException.class,
                () -> TimestampMessage.request().identifier(70000)).getMessage());
        assertEquals("originate must be 0..4294967295, got -1", assertThrows(IllegalArgumentException.class,
                () -> TimestampMessage.request().originate(-1)).getMessage());
        assertEquals("prefixLength must be 0..32, got 33", assertThrows(IllegalArgumentException.class,
                () -> AddressMaskMessage.request().prefixLength(33)).getMessage());
        assertEquals("checksum must be 0..65535, got 65536", assertThrows(IllegalArgumentException.class,
                () -> InformationMessage.request().checksum(65536)).getMessage());
    }

    @Test
    void routerAdvertisementIsDecoded() {
        byte[] b = hex("0900 0000 0202 0708 c6336406 00000005 c633640a 80000000");
        int c = Checksum.of(b, 0, b.length);
        b[2] = (byte) (c >>> 8);
        b[3] = (byte) c;
        IcmpMessage m = IcmpMessage.decode(b, 0, b.length);
        RouterAdvertisement ra = m.routerAdvertisement().orElseThrow();
        assertEquals(1800, ra.lifetime());
        assertEquals(2, ra.entries().size());
        assertEquals("198.51.100.6 preference 5", ra.entries().get(0).toString());
        assertTrue(m.show().contains("ra.router[1] = 198.51.100.10 preference -2147483648 (not a default router)"),
                m.show());
        byte[] lying = java.util.Arrays.copyOf(b, 16);
        lying[4] = 5;
        IcmpMessage l = IcmpMessage.decode(lying, 0, lying.length);
        assertTrue(l.problems().contains("router advertisement of 5 addresses but room for 1 in 8 bytes"),
                l.problems().toString());
    }

    private static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
