package dev.pingkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The probe table's places for probes with their own seq: slot seq first, extra slots only where a seq is shared. */
class ProbeSlotsTest {
    private final ProbeSlots slots = new ProbeSlots();

    // target i's address hash: any int will do, two targets may even collide (the index checks the target)
    private static int hash(int target) {
        return target % 7;
    }

    // 198.19.x.y, the sweep range's addresses, as the engine hashes a target's address
    private static int addressHash(int target) {
        return ProbeSlots.addressHash(new byte[] {(byte) 198, 19, (byte) (target >>> 8), (byte) target}, 0, 4);
    }

    private int send(int target, int seq, long number) {
        return send(target, hash(target), seq, number);
    }

    private int send(int target, int hash, int seq, long number) {
        int s = slots.claim(target, hash, seq);
        slots.start(s, target, number, ProbeSpec.DEFAULT, 0, Long.MAX_VALUE);
        return s;
    }

    @Test
    void aSeqsFirstProbeTakesItsOwnSlotAndAnotherTargetsAnExtraOne() {
        assertEquals(7, send(0, 7, 1));
        assertFalse(slots.shared[7], "one probe under seq 7: nothing more to look up");
        int b = send(1, 7, 1);
        assertEquals(ProbeSlots.SLOTS, b, "the first extra slot");
        assertTrue(slots.shared[7]);
        assertEquals(7, slots.seq(b));
        assertEquals(b, slots.pending(1, hash(1), 7));
        assertEquals(7, slots.pending(0, hash(0), 7));
        assertEquals(ProbeSlots.NONE, slots.pending(2, hash(2), 7));
        assertEquals(ProbeSlots.SLOTS + 1, slots.size(), "one extra slot");
    }

    @Test
    void aSeqSentAgainToOneTargetKeepsTheLatestEndedProbeAndReusesTheOlderSlot() {
        int first = send(0, 3, 1);
        slots.state[first] = ProbeSlots.LOST;
        int second = send(0, 3, 2);
        assertEquals(ProbeSlots.SLOTS, second, "the lost probe keeps slot 3 for its late reply");
        assertEquals(first, slots.sibling(second, hash(0)));
        assertEquals(second, slots.sibling(first, hash(0)));
        slots.state[second] = ProbeSlots.ANSWERED;
        assertEquals(first, send(0, 3, 3), "the older of the two goes");
        slots.state[first] = ProbeSlots.ANSWERED;
        assertEquals(second, send(0, 3, 4));
        assertEquals(ProbeSlots.SLOTS + 1, slots.size(), "never more than two slots for one (target, seq)");
    }

    @Test
    void sixtyFiveThousandTargetsSharingOneSeqEachFindTheirOwnSlot() {
        int n = 65536;
        int[] slot = new int[n];
        for (int t = 0; t < n; t++) {
            slot[t] = send(t, addressHash(t), 1, 1);
        }
        for (int t = 0; t < n; t++) {
            assertEquals(slot[t], slots.pending(t, addressHash(t), 1), "target " + t);
        }
        assertEquals(ProbeSlots.SLOTS + n - 1, slots.size());
    }
}
