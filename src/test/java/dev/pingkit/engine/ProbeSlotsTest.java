package dev.pingkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The probe table's places for probes with their own seq: slot seq first, extra slots only where a seq is shared. */
class ProbeSlotsTest {
    private final ProbeSlots slots = new ProbeSlots();

    private int send(int target, int seq, long number) {
        int s = slots.claim(target, seq);
        slots.start(s, target, number, ProbeSpec.DEFAULT, 0, Long.MAX_VALUE);
        return s;
    }

    @Test
    void aSeqsFirstProbeTakesItsOwnSlotAndAnotherTargetsAChainedOne() {
        assertEquals(7, send(0, 7, 1));
        int b = send(1, 7, 1);
        assertEquals(ProbeSlots.SLOTS, b, "the first extra slot");
        assertEquals(7, slots.seq(b));
        assertEquals(b, slots.pending(1, 7));
        assertEquals(7, slots.pending(0, 7));
        assertEquals(ProbeSlots.NONE, slots.pending(2, 7));
        assertEquals(ProbeSlots.SLOTS + 1, slots.size(), "one extra slot");
    }

    @Test
    void aSeqSentAgainToOneTargetKeepsTheLatestEndedProbeAndReusesTheOlderSlot() {
        int first = send(0, 3, 1);
        slots.state[first] = ProbeSlots.LOST;
        int second = send(0, 3, 2);
        assertEquals(ProbeSlots.SLOTS, second, "the lost probe keeps slot 3 for its late reply");
        assertEquals(first, slots.sibling(second));
        slots.state[second] = ProbeSlots.ANSWERED;
        assertEquals(first, send(0, 3, 3), "the older of the two goes");
        slots.state[first] = ProbeSlots.ANSWERED;
        assertEquals(second, send(0, 3, 4));
        assertEquals(ProbeSlots.SLOTS + 1, slots.size(), "never more than two slots for one (target, seq)");
    }
}
