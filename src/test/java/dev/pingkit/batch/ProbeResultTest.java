package dev.pingkit.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.engine.Query;
import dev.pingkit.packet.EchoMessage;
import dev.pingkit.packet.IcmpMessage;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** One table from the engine's outcome kinds to a result's status word, and a result read off an outcome. */
class ProbeResultTest {
    private static final InetAddress PEER = InetAddress.getLoopbackAddress();
    private final Query request = Query.to(PEER).id(7).seq(1).payload("hi".getBytes());
    private final IcmpMessage reply = EchoMessage.reply(4).identifier(7).sequence(1).data("hi".getBytes()).build()
            .decoded();

    @Test
    void eachEndingKindHasItsWord() {
        assertEquals("answered", ProbeResult.Status.of(
                new ProbeEvent.Answered(null, PEER, 5, 64, 10, 0, true, reply)).word());
        assertEquals("corrupted", ProbeResult.Status.of(
                new ProbeEvent.Corrupted(null, PEER, 5, 64, 10, true, false, -1, -1, -1, reply)).word());
        assertEquals("error", ProbeResult.Status.of(new ProbeEvent.Failed(null, PEER, reply, 5, 64)).word());
        assertEquals("lost", ProbeResult.Status.of(new ProbeEvent.Lost(null, false)).word());
        assertEquals("send-failed", ProbeResult.Status.of(
                new ProbeEvent.SendFailed(null, "EMSGSIZE", "Message too long", 1280)).word());
    }

    @Test
    void anEventThatEndsNoProbeIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProbeResult.Status.of(
                new ProbeEvent.Duplicate(null, PEER, 5, 64, 10, true, reply)));
        assertTrue(e.getMessage().contains("got Duplicate"), e.getMessage());
    }

    @Test
    void aResultTakesSenderTimeAndMessageFromTheOutcome() {
        ProbeResult r = ProbeResult.of(request, 1234, new ProbeEvent.Answered(null, PEER, 42_000, 63, 10, 0, true,
                reply));
        assertEquals(ProbeResult.Status.ANSWERED, r.status());
        assertEquals(PEER, r.from());
        assertEquals(42_000, r.rttNanos());
        assertEquals(63, r.replyTtl());
        assertEquals(0, r.replyType());
        assertEquals(1234, r.sentEpochNanos());
        ProbeEvent.Failed error = new ProbeEvent.Failed(null, PEER, reply, 7_000, 60);
        assertEquals(-1, ProbeResult.of(request, 1234, error).rttNanos()); // a failure, not an answer
        assertEquals(7_000, ProbeResult.of(request, 1234, error, true).rttNanos()); // a trace's hop time
        assertEquals(60, ProbeResult.of(request, 1234, error).replyTtl());
        ProbeResult lost = ProbeResult.of(request, 1234, new ProbeEvent.Lost(null, false));
        assertNull(lost.from());
        assertEquals(-1, lost.rttNanos());
        assertEquals(-1, lost.replyType());
    }
}
