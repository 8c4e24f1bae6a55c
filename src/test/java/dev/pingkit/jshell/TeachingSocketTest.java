package dev.pingkit.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * TeachingSocket's part-2 calls on a real raw socket (root): socket(2)'s arguments by name, IP_HDRINCL as set, and
 * the one-line refusals of a hand-written header that would send a packet (or its reply) anywhere but where asked.
 */
class TeachingSocketTest {
    private static void assumeRoot() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "a raw socket needs root");
    }

    @Test
    void openNamesTheArgumentItRefuses() {
        var family = assertThrows(IllegalArgumentException.class, () -> TeachingSocket.open("AF_INET6", "SOCK_RAW", "IPPROTO_ICMP"));
        assertEquals("family must be AF_INET (IPv4; AF_INET6 is ICMPv6, not in these exercises), got AF_INET6", family.getMessage());
        var type = assertThrows(IllegalArgumentException.class, () -> TeachingSocket.open("AF_INET", "SOCK_STREAM", "IPPROTO_ICMP"));
        assertTrue(type.getMessage().startsWith("type must be SOCK_RAW (") && type.getMessage().endsWith(", got SOCK_STREAM"), type.getMessage());
        var protocol = assertThrows(IllegalArgumentException.class, () -> TeachingSocket.open("AF_INET", "SOCK_RAW", "IPPROTO_TCP"));
        assertTrue(protocol.getMessage().endsWith("got IPPROTO_TCP"), protocol.getMessage());
    }

    @Test
    void ipHeaderIncludedSaysWhatWasSetAndReceivingIsUnchanged() throws IOException {
        assumeRoot();
        try (var s = TeachingSocket.open("AF_INET", "SOCK_RAW", "IPPROTO_ICMP")) {
            assertEquals("socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)", s.socketCall());
            assertFalse(s.ipHeaderIncluded());
            assertTrue(s.receivesIpHeader());
            assertEquals("TeachingSocket[socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), IP_HDRINCL 0]", s.toString());
            s.setIpHdrIncl(true);
            assertTrue(s.ipHeaderIncluded());
            assertTrue(s.receivesIpHeader());
            assertEquals("TeachingSocket[socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), IP_HDRINCL 1]", s.toString());
            s.setIpHdrIncl(false);
            assertFalse(s.ipHeaderIncluded());
        }
    }

    @Test
    void aHandWrittenHeaderMustGoToTheHostNamedAndComeBackHere() throws IOException {
        assumeRoot();
        try (var s = TeachingSocket.raw().setIpHdrIncl(true)) {
            byte[] p = header(new byte[] {127, 0, 0, 1}, new byte[] {127, 0, 0, 2});
            var to = assertThrows(IllegalArgumentException.class, () -> s.send(p, "127.0.0.1"));
            assertEquals("the header's destination (bytes 16..19) must be the host you send to, 127.0.0.1, got 127.0.0.2", to.getMessage());
            byte[] q = header(new byte[] {(byte) 198, 51, 100, 77}, new byte[] {127, 0, 0, 1});
            var from = assertThrows(IllegalArgumentException.class, () -> s.send(q, "127.0.0.1"));
            assertEquals("the header's source (bytes 12..15) must be an address of this host (or 0.0.0.0: the kernel"
                    + " fills it in), got 198.51.100.77", from.getMessage());
            var shortOne = assertThrows(IllegalArgumentException.class, () -> s.send(new byte[] {0x45, 0, 0, 8}, "127.0.0.1"));
            assertEquals("with IP_HDRINCL on, the packet must start with a 20-byte IPv4 header, got 4 bytes", shortOne.getMessage());
            assertEquals(-1, s.lastSendTime(), "nothing was sent");
        }
    }

    @Test
    void sendReturnsAfterHoldsSendBackAndRefusesMoreThanTenSeconds() throws IOException {
        assumeRoot();
        try (var s = TeachingSocket.raw().sendReturnsAfter(Duration.ofMillis(200))) {
            long start = System.nanoTime();
            long sent = s.send(dev.pingkit.Echo.to("127.0.0.1").id(0x4e4e).seq(1).toBytes(), "127.0.0.1");
            assertTrue(System.nanoTime() - start >= 200_000_000L);
            assertEquals(sent, s.lastSendTime());
            var e = assertThrows(IllegalArgumentException.class, () -> s.sendReturnsAfter(Duration.ofSeconds(11)));
            assertEquals("delay must be 0..10 s, got PT11S", e.getMessage());
        }
    }

    /** A 20-byte header (version 4, IHL 5, TTL 64, ICMP) then an 8-byte echo request, from and to the addresses. */
    private static byte[] header(byte[] source, byte[] destination) {
        byte[] p = new byte[28];
        p[0] = 0x45;
        p[3] = 28;
        p[8] = 64;
        p[9] = 1;
        System.arraycopy(source, 0, p, 12, 4);
        System.arraycopy(destination, 0, p, 16, 4);
        p[20] = 8;
        return p;
    }
}
