package dev.pingkit.ping;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProbeTableTest {
    @Test
    void sequenceNumbersStartAt1AndWrapTo0() {
        ProbeTable t = new ProbeTable();
        assertEquals(1, t.sent(10));
        for (int i = 2; i <= 65535; i++) {
            assertEquals(i, t.sent(i));
        }
        assertEquals(0, t.sent(65536));
        assertEquals(1, t.sent(65537));
        assertEquals(65537, t.transmitted());
        assertEquals(65537, t.sentAt(1), "the slot holds the newest probe's send time");
    }

    @Test
    void reusingASlotForgetsTheOldAnswer() {
        ProbeTable t = new ProbeTable();
        t.sent(1);
        assertFalse(t.markAnswered(1));
        assertTrue(t.markAnswered(1), "second answer is a duplicate");
        for (int i = 2; i <= 65537; i++) {
            t.sent(i);
        }
        assertFalse(t.answered(1), "seq 1 was sent again after the wrap");
    }

    @Test
    void inFlightFollowsTheNewestAcknowledgement() {
        ProbeTable t = new ProbeTable();
        for (int i = 0; i < 5; i++) {
            t.sent(i);
        }
        assertEquals(5, t.inFlight());
        assertEquals(3, t.acknowledge(3), "seq 3 of 5: three probes were in flight up to it");
        assertEquals(2, t.inFlight());
        t.acknowledge(1); // an older one does not move the mark back
        assertEquals(2, t.inFlight());
        assertFalse(t.wasSent(9));
    }
}
