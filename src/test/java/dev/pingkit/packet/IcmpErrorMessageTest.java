package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The error message builders, checked against {@link WireBuilder}'s independent layouts and by decoding. */
class IcmpErrorMessageTest {
    private static final byte[] ME4 = {(byte) 198, 51, 100, 1};
    private static final byte[] PEER4 = {(byte) 198, 51, 100, 2};

    static void assertRefused(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    /** Our echo request as the router quotes it: IPv4 header, then the first 8 bytes of the ICMP message. */
    private static byte[] quotedProbe() {
        byte[] probe = WireBuilder.withChecksumV4(WireBuilder.echo(8, 7, 3, new byte[0]));
        return WireBuilder.ipv4(0, 1, 1, 1, ME4, PEER4, new byte[0], probe);
    }

    @Test
    void timeExceededQuotesTheProbeWithTheChecksumComputed() {
        byte[] datagram = quotedProbe();
        IcmpErrorMessage e = IcmpErrorMessage.timeExceeded(4).datagram(datagram).build();
        assertArrayEquals(WireBuilder.withChecksumV4(WireBuilder.icmp(11, 0, 0, datagram)), e.toBytes());
        IcmpMessage back = Icmp4.decode(e.toBytes());
        assertTrue(back.isError() && back.checksumValid(), back.show());
        assertEquals(11, back.type());
        assertEquals(3, back.quoted().orElseThrow().seq());
        assertEquals(7, back.quoted().orElseThrow().id());
        assertEquals(8 + 20 + 8, e.length());
    }

    @Test
    void eachKindWritesItsTypeAndItsRestOfHeader() throws Exception {
        IcmpErrorMessage fragNeeded = IcmpErrorMessage.destinationUnreachable(4).code(4).mtu(1400)
                .datagram(quotedProbe()).build();
        assertEquals(3, fragNeeded.type());
        assertEquals(1400, Icmp4.decode(fragNeeded.toBytes()).mtu());
        IcmpErrorMessage paramProblem = IcmpErrorMessage.parameterProblem(4).pointer(8).datagram(quotedProbe())
                .build();
        assertArrayEquals(WireBuilder.withChecksumV4(WireBuilder.icmp(12, 0, 8 << 24, quotedProbe())),
                paramProblem.toBytes());
        assertEquals(8, Icmp4.decode(paramProblem.toBytes()).pointer());
        assertEquals(1, IcmpErrorMessage.destinationUnreachable(6).build().type());
        assertEquals(3, IcmpErrorMessage.timeExceeded(6).build().type());
        assertEquals(4, IcmpErrorMessage.parameterProblem(6).build().type());
        IcmpErrorMessage redirect = IcmpErrorMessage.of(4, 5).code(1).restOfHeader(0xc6336401).datagram(quotedProbe())
                .build();
        assertEquals(InetAddress.getByName("198.51.100.1"), Icmp4.decode(redirect.toBytes()).gateway().orElseThrow());
    }

    @Test
    void icmpv6PacketTooBigIsCheckedOverThePseudoHeader() throws Exception {
        InetAddress router = InetAddress.getByName("2001:db8::1");
        InetAddress me = InetAddress.getByName("2001:db8::2");
        byte[] probe = WireBuilder.echo(128, 7, 3, new byte[1400]);
        byte[] datagram = WireBuilder.ipv6(64, me.getAddress(), InetAddress.getByName("2001:db8::9").getAddress(),
                probe);
        IcmpErrorMessage ptb = IcmpErrorMessage.packetTooBig().mtu(1280).datagram(datagram).pseudoHeader(router, me)
                .build();
        assertArrayEquals(WireBuilder.withChecksumV6(WireBuilder.icmp(2, 0, 1280, datagram), router.getAddress(),
                me.getAddress()), ptb.toBytes());
        byte[] bytes = ptb.toBytes();
        IcmpMessage back = IcmpMessage.decodeV6(bytes, 0, bytes.length, router, me);
        assertEquals(ChecksumStatus.VALID, back.checksumStatus(), back.show());
        assertEquals(1280, back.mtu());
        assertEquals(0, IcmpErrorMessage.packetTooBig().datagram(datagram).build().checksum(), "no pseudo-header");
    }

    @Test
    void aForcedChecksumIsWrittenAsGiven() {
        IcmpErrorMessage e = IcmpErrorMessage.timeExceeded(4).checksum(0).datagram(quotedProbe()).build();
        assertEquals(0, e.toBytes()[2]);
        assertEquals(0, e.toBytes()[3]);
        assertTrue(e.checksumForced());
        assertEquals(ChecksumStatus.INVALID, Icmp4.decode(e.toBytes()).checksumStatus());
    }

    @Test
    void refusesWhatNoErrorCanBeNamingFieldValueAndRange() {
        assertRefused("type must be an ICMPv4 error type (3, 4, 5, 11, 12), got 8", () -> IcmpErrorMessage.of(4, 8));
        assertRefused("type must be an ICMPv6 error type (1..4), got 128", () -> IcmpErrorMessage.of(6, 128));
        assertRefused("family must be 4 or 6, got 5", () -> IcmpErrorMessage.timeExceeded(5));
        assertRefused("code must be 0..255, got 256", () -> IcmpErrorMessage.timeExceeded(4).code(256));
        assertRefused("mtu must be 0..65535, got 70000", () -> IcmpErrorMessage.destinationUnreachable(4).mtu(70000));
        assertRefused("pointer must be 0..255, got 300", () -> IcmpErrorMessage.parameterProblem(4).pointer(300));
        assertRefused("checksum must be 0..65535, got -2", () -> IcmpErrorMessage.timeExceeded(4).checksum(-2));
    }

    /** The ICMPv4 decoder over a whole array. */
    private static final class Icmp4 {
        static IcmpMessage decode(byte[] b) {
            return IcmpMessage.decode(b, 0, b.length);
        }
    }
}
