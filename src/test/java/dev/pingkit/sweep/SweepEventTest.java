package dev.pingkit.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.packet.IcmpMessage;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** A sweep's event is the engine's outcome with the target and attempt: every accessor reads that outcome. */
class SweepEventTest {
    private final InetAddress address = InetAddress.getLoopbackAddress();
    private final SweepTarget target = new SweepTarget(0, "127.0.0.1", address);

    @Test
    void aReplyReadsSenderSizeAndTimeFromTheAnswer() {
        SweepEvent e = new SweepEvent(target, 2, new ProbeEvent.Answered(null, address, 42_000, 63, 64, 0, true,
                null));
        assertTrue(e.isReply() && e.answers() && e.intact() && !e.duplicate() && !e.unanswered());
        assertEquals(address, e.from());
        assertEquals(64, e.bytes());
        assertEquals(42_000, e.rttNanos());
        assertEquals(63, e.ttl());
        assertEquals(0, e.sentAtNanos());
        assertEquals("127.0.0.1 [2] 64 bytes 0.042 ms", e.toString());
    }

    @Test
    void aDamagedReplyAnswersNothing() {
        SweepEvent e = new SweepEvent(target, 0, new ProbeEvent.Corrupted(null, address, 5, 64, 64, true, false, -1,
                -1, -1, null));
        assertTrue(e.isReply());
        assertFalse(e.answers() || e.intact() || e.duplicate());
        assertEquals("127.0.0.1 [0] 64 bytes 0.000 ms (damaged)", e.toString());
    }

    @Test
    void aFailureNamesItsErrorAndReporter() throws Exception {
        InetAddress router = InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, 1});
        IcmpMessage unreachable = IcmpMessage.decode(new byte[] {3, 1, (byte) 0xfc, (byte) 0xfe, 0, 0, 0, 0}, 0, 8);
        SweepEvent e = new SweepEvent(target, 1, new ProbeEvent.Failed(null, router, unreachable, 7, 61));
        assertTrue(e.unanswered() && !e.isReply());
        assertEquals(router, e.from());
        assertEquals(unreachable, e.message());
        assertEquals("host-unreachable from 198.51.100.1", e.reason());
        assertNull(new SweepEvent(target, 1, new ProbeEvent.Lost(null, false)).reason());
        assertEquals("127.0.0.1 [3] not sent: Message too long", new SweepEvent(target, 3,
                new ProbeEvent.SendFailed(null, "EMSGSIZE", "Message too long", 1400)).toString());
    }

    @Test
    void anEventASweepNeverReportsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SweepEvent(target, 0, new ProbeEvent.Sent(null, 1)));
        assertTrue(e.getMessage().startsWith("outcome must be"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SweepEvent(target, -1,
                new ProbeEvent.Lost(null, false)));
    }
}
