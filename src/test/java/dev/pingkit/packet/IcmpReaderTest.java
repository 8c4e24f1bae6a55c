package dev.pingkit.packet;

import static dev.pingkit.packet.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class IcmpReaderTest {

    @Test
    void readsAnEchoReplyAfterAnIpHeaderWithOptions() {
        byte[] b = bytes(Vectors.REPLY_WITH_IP_OPTIONS);
        IcmpReader r = new IcmpReader().reset(b, 0, b.length);
        assertTrue(r.valid());
        assertTrue(r.hasIpHeader());
        assertEquals(24, r.ipHeaderLength());
        assertEquals(24, r.icmpOffset());
        assertEquals(24, r.icmpLength());
        assertEquals(63, r.ipTtl());
        assertEquals(0, r.type());
        assertEquals(0x1234, r.id());
        assertEquals(42, r.seq());
        assertEquals(32, r.payloadOffset());
        assertEquals(16, r.payloadLength());
        assertTrue(r.checksumValid());
        assertTrue(r.payloadEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}));
        assertFalse(r.payloadEquals(new byte[] {0, 1, 2}));
        assertFalse(r.hasQuote());
        assertEquals(-1, r.quotedId());
    }

    @Test
    void namesTheFirstPayloadByteThatDiffersOrIsMissingOrTooMany() {
        byte[] b = bytes(Vectors.REPLY_WITH_IP_OPTIONS); // payload 0, 1, ..., 15
        IcmpReader r = new IcmpReader().reset(b, 0, b.length);
        byte[] same = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        assertEquals(-1, r.firstPayloadDifference(same));
        byte[] changed = same.clone();
        changed[9] = 99;
        assertEquals(9, r.firstPayloadDifference(changed));
        assertEquals(9, r.payloadByte(9));
        assertEquals(16, r.firstPayloadDifference(java.util.Arrays.copyOf(same, 20)), "the reply lacks byte 16");
        assertEquals(-1, r.payloadByte(16));
        assertEquals(3, r.firstPayloadDifference(new byte[] {0, 1, 2}), "the reply has byte 3 too many");
        assertEquals(3, r.payloadByte(3));
    }

    @Test
    void readsTheProbeAnErrorQuotes() {
        byte[] b = bytes(Vectors.TIME_EXCEEDED);
        IcmpReader r = new IcmpReader().reset(b, 0, b.length);
        assertEquals(11, r.type());
        assertEquals(-1, r.id());
        assertTrue(r.hasQuote());
        assertEquals(1, r.quotedProtocol());
        assertEquals(1, r.quotedTtl());
        assertEquals(8, r.quotedType());
        assertEquals(7, r.quotedId());
        assertEquals(3, r.quotedSeq());
        assertEquals(0xc6120009, r.quotedDestinationV4()); // 198.18.0.9
        assertTrue(r.quotedDestinationEquals(new byte[] {(byte) 198, 18, 0, 9}));
        assertFalse(r.quotedDestinationEquals(new byte[] {(byte) 198, 18, 0, 8}));
    }

    @Test
    void readsAnIcmpv6ErrorQuote() {
        byte[] b = bytes(Vectors.V6_PACKET_TOO_BIG);
        IcmpReader r = new IcmpReader().resetV6(b, 0, b.length);
        assertEquals(6, r.family());
        assertEquals(2, r.type());
        assertEquals(-1, r.ipTtl());
        assertEquals(16, r.quotedAddressLength());
        assertEquals(58, r.quotedProtocol());
        assertEquals(7, r.quotedId());
        assertEquals(5, r.quotedSeq());
        assertEquals(1280, r.restOfHeader());
    }

    @Test
    void forgetsThePreviousMessageOnReset() {
        byte[] err = bytes(Vectors.TIME_EXCEEDED);
        byte[] echo = bytes(Vectors.ECHO_REQUEST);
        IcmpReader r = new IcmpReader().reset(err, 0, err.length);
        r.reset(echo, 0, echo.length);
        assertFalse(r.hasQuote());
        assertFalse(r.hasIpHeader());
        assertEquals(-1, r.ipTtl());
        assertEquals(7, r.id());
        r.reset(echo, 0, 3);
        assertFalse(r.valid());
        assertEquals(8, r.type());
        assertEquals(-1, r.checksum());
        assertEquals(-1, r.id());
    }

    @Test
    void marksBoundsOutsideTheArrayInvalidInsteadOfThrowing() {
        byte[] b = bytes(Vectors.ECHO_REQUEST);
        IcmpReader r = new IcmpReader();
        assertFalse(r.reset(b, 5, 100).valid());
        assertFalse(r.reset(b, -1, 4).valid());
        assertFalse(r.resetV6(b, 0, -3).valid());
        assertEquals(-1, r.type());
        assertEquals(-1, r.payloadLength());
    }

    @Test
    void treatsAnIpv4HeaderOfAnotherProtocolAsBareIcmp() {
        byte[] b = bytes(Vectors.REPLY_ODD);
        b[9] = 6; // TCP
        IcmpReader r = new IcmpReader().reset(b, 0, b.length);
        assertFalse(r.hasIpHeader());
        assertEquals(0x45, r.type());
    }

    @Test
    void readingAndMatchingAllocateNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] err = bytes(Vectors.TIME_EXCEEDED);
        byte[] reply = bytes(Vectors.REPLY_WITH_IP_OPTIONS);
        byte[] want = new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        byte[] dst = {(byte) 198, 18, 0, 9};
        IcmpReader r = new IcmpReader();
        long sink = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up (class loading, JIT)
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                r.reset(reply, 0, reply.length);
                sink += r.id() + r.seq() + r.ipTtl() + (r.checksumValid() ? 1 : 0) + (r.payloadEquals(want) ? 1 : 0);
                r.reset(err, 0, err.length);
                sink += r.quotedId() + r.quotedSeq() + (r.quotedDestinationEquals(dst) ? 1 : 0);
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) {
                // 100 000 iterations: any per-packet allocation would be megabytes; allow a little JVM noise
                assertTrue(allocated < 10_000, "allocated " + allocated + " bytes");
            }
        }
        assertTrue(sink != 0);
    }
}
