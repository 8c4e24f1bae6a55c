package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The echo message value and its builders, checked against {@link WireBuilder}'s independent byte layouts. */
class EchoMessageTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    static void assertRefused(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void buildsAnIcmpv4EchoRequestWithTheHandComputedChecksum() {
        EchoMessage m = EchoMessage.request(4).identifier(7).sequence(1).data(HELLO).build();
        // ~(0x0800 + 0x0007 + 0x0001 + 0x6865 + 0x6c6c + 0x6f00) folded = 0xb425
        assertEquals(0xb425, m.checksum());
        assertArrayEquals(WireBuilder.withChecksumV4(WireBuilder.echo(8, 7, 1, HELLO)), m.toBytes());
        assertEquals(13, m.length());
        assertFalse(m.checksumForced());
        assertTrue(m.checksumKnown());
        IcmpMessage back = m.decoded();
        assertTrue(back.isEchoRequest() && back.checksumValid(), back.show());
        assertEquals(7, back.id());
        assertEquals(1, back.seq());
    }

    @Test
    void eachKindHasItsOwnBuilderAndType() {
        assertEquals(0, EchoMessage.reply(4).build().type());
        assertEquals(8, EchoMessage.request(4).build().type());
        assertEquals(128, EchoMessage.request(6).build().type());
        assertEquals(129, EchoMessage.reply(6).build().type());
        EchoMessage reply = EchoMessage.reply(4).identifier(0x1234).sequence(0xffff).data(HELLO).build();
        assertArrayEquals(WireBuilder.withChecksumV4(WireBuilder.echo(0, 0x1234, 0xffff, HELLO)), reply.toBytes());
        assertTrue(reply.decoded().isEchoReply());
    }

    @Test
    void icmpv6ChecksumCoversThePseudoHeaderOnlyWhenBothEndsAreKnown() throws Exception {
        InetAddress src = InetAddress.getByName("2001:db8::1");
        InetAddress dst = InetAddress.getByName("2001:db8::2");
        EchoMessage unknown = EchoMessage.request(6).identifier(1).sequence(2).data(HELLO).build();
        assertEquals(0, unknown.checksum());
        assertFalse(unknown.checksumKnown());
        EchoMessage known = unknown.pseudoHeader(src, dst);
        assertTrue(known.checksumKnown());
        assertArrayEquals(WireBuilder.withChecksumV6(WireBuilder.echo(128, 1, 2, HELLO), src.getAddress(),
                dst.getAddress()), known.toBytes());
        assertEquals(ChecksumStatus.VALID, known.decoded().checksumStatus(), known.show());
        assertEquals(known, EchoMessage.request(6).identifier(1).sequence(2).data(HELLO).pseudoHeader(src, dst)
                .build());
    }

    @Test
    void aForcedChecksumIsWrittenAsGivenUntilComputedAgain() {
        EchoMessage good = EchoMessage.request(4).identifier(7).sequence(1).data(HELLO).build();
        EchoMessage bad = good.checksum(0xdead);
        assertEquals(0xdead, bad.checksum());
        assertTrue(bad.checksumForced());
        assertEquals(0xde, bad.toBytes()[2] & 0xff);
        assertEquals(0xad, bad.toBytes()[3] & 0xff);
        assertEquals(ChecksumStatus.INVALID, bad.decoded().checksumStatus());
        assertEquals(good, bad.computedChecksum());
        assertEquals(0xbeef, EchoMessage.request(4).checksum(0xbeef).build().checksum());
    }

    @Test
    void everyWitherReturnsANewValueAndRecomputesTheChecksum() {
        EchoMessage base = EchoMessage.request(4).identifier(7).sequence(1).data(HELLO).build();
        EchoMessage next = base.sequence(2);
        assertEquals(1, base.sequence());
        assertEquals(2, next.sequence());
        assertArrayEquals(WireBuilder.withChecksumV4(WireBuilder.echo(8, 7, 2, HELLO)), next.toBytes());
        EchoMessage other = base.type(13).code(1).identifier(9).data(new byte[] {1, 2, 3});
        byte[] expected = WireBuilder.icmp(13, 1, 9 << 16 | 1, new byte[] {1, 2, 3});
        assertArrayEquals(WireBuilder.withChecksumV4(expected), other.toBytes());
        assertNotEquals(base, other);
        assertEquals(base.hashCode(), EchoMessage.request(4).identifier(7).sequence(1).data(HELLO).build().hashCode());
    }

    @Test
    void dataIsCopiedInAndOut() {
        byte[] data = {1, 2, 3};
        EchoMessage m = EchoMessage.request(4).data(data).build();
        data[0] = 9;
        assertEquals(1, m.data()[0]);
        m.data()[1] = 9;
        assertEquals(2, m.data()[1]);
    }

    @Test
    void refusesOutOfRangeFieldsNamingFieldValueAndRange() throws Exception {
        assertRefused("identifier must be 0..65535, got 70000", () -> EchoMessage.request(4).identifier(70000));
        assertRefused("sequence must be 0..65535, got -1", () -> EchoMessage.request(4).build().sequence(-1));
        assertRefused("type must be 0..255, got 256", () -> EchoMessage.reply(6).type(256));
        assertRefused("checksum must be 0..65535, got 65536", () -> EchoMessage.request(4).build().checksum(65536));
        assertRefused("family must be 4 or 6, got 5", () -> EchoMessage.request(5));
        assertRefused("data must be at most 65507 bytes for ICMPv4, got 65508",
                () -> EchoMessage.request(4).data(new byte[65508]));
        assertEquals(65527, EchoMessage.request(6).data(new byte[65527]).build().dataLength());
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        assertRefused("pseudoHeader must be two IPv6 addresses for ICMPv6, got 127.0.0.1 and 127.0.0.1",
                () -> EchoMessage.request(6).pseudoHeader(v4, v4));
    }

    @Test
    void payloadFillIsPingsInOnePlace() {
        assertArrayEquals(new byte[] {0, 1, 2, 3}, EchoPayload.fill(4));
        assertEquals((byte) 0xff, EchoPayload.fill(300)[255]);
        assertEquals(0, EchoPayload.fill(300)[256]);
        assertArrayEquals(new byte[] {(byte) 0xff, 0, (byte) 0xff}, EchoPayload.fill(3, new byte[] {(byte) 0xff, 0}));
        assertEquals(65507, EchoPayload.max(4));
        assertEquals(65527, EchoPayload.max(6));
        assertEquals(56, EchoPayload.DEFAULT_SIZE);
        assertRefused("size must be >= 0, got -1", () -> EchoPayload.fill(-1));
    }

    @Test
    void toStringIsOneLineWithTheRfcFieldNames() {
        assertEquals("EchoMessage[type=8 code=0 checksum=0xb425 identifier=7 sequence=1 data=5 bytes]",
                EchoMessage.request(4).identifier(7).sequence(1).data(HELLO).build().toString());
        assertEquals("EchoMessage[type=128 code=0 checksum=kernel identifier=0 sequence=0 data=0 bytes]",
                EchoMessage.request(6).build().toString());
    }
}
