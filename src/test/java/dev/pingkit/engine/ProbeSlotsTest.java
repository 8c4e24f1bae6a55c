package dev.pingkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The probe table: slot seq first, extra slots only where a seq is shared; the seq slots' places grow with the probes
 * in flight, never with the probes ended.
 */
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
        assertFalse(slots.shared(7), "one probe under seq 7: nothing more to look up");
        int b = send(1, 7, 1);
        assertEquals(ProbeSlots.SLOTS, b, "the first extra slot");
        assertTrue(slots.shared(7));
        assertEquals(7, slots.seq(b));
        assertEquals(b, slots.pending(1, hash(1), 7));
        assertEquals(7, slots.pending(0, hash(0), 7));
        assertEquals(ProbeSlots.NONE, slots.pending(2, hash(2), 7));
        assertEquals(ProbeSlots.SLOTS + 1, slots.size(), "one extra slot");
    }

    @Test
    void aSeqSentAgainToOneTargetKeepsTheLatestEndedProbeAndReusesTheOlderSlot() {
        int first = send(0, 3, 1);
        slots.end(first, ProbeSlots.LOST);
        int second = send(0, 3, 2);
        assertEquals(ProbeSlots.SLOTS, second, "the lost probe keeps slot 3 for its late reply");
        assertEquals(first, slots.sibling(second, hash(0)));
        assertEquals(second, slots.sibling(first, hash(0)));
        slots.end(second, ProbeSlots.ANSWERED);
        assertEquals(first, send(0, 3, 3), "the older of the two goes");
        slots.end(first, ProbeSlots.ANSWERED);
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

    // the counter's next probe: as ProbeLifecycle.reuse readies slot seq, then fills it
    private void counter(int seq, int target) {
        slots.makeRoom(seq);
        slots.start(seq, target, seq, ProbeSpec.DEFAULT, 0, Long.MAX_VALUE);
    }

    @Test
    void endedProbesGiveTheirPlaceToTheNextSeqSoTheTableStaysAtItsFirstSize() {
        for (int seq = 0; seq < 65536; seq++) {
            counter(seq, 0);
            slots.end(seq, ProbeSlots.ANSWERED);
        }
        assertEquals(ProbeSlots.FIRST_PLACES, slots.places(), "one probe in flight at a time needs no more places");
        assertEquals(ProbeSlots.ANSWERED, slots.state(65535), "the latest probe is still known, for a duplicate");
        assertEquals(ProbeSlots.ANSWERED, slots.state(65536 - ProbeSlots.FIRST_PLACES), "and the window's first");
        assertEquals(ProbeSlots.FREE, slots.state(65535 - ProbeSlots.FIRST_PLACES),
                "a seq whose place a later one took reads free: its reply is a stray, not a wrong probe's");
    }

    @Test
    void aPlaceWhoseProbeIsInFlightMakesTheTableGrowAndKeepsEveryRecord() {
        int n = 3 * ProbeSlots.FIRST_PLACES;
        for (int seq = 0; seq < n; seq++) {
            counter(seq, seq % 5);
            slots.sentAt(seq, 1000L + seq);
        }
        assertEquals(4 * ProbeSlots.FIRST_PLACES, slots.places());
        for (int seq = 0; seq < n; seq++) {
            assertEquals(ProbeSlots.PENDING, slots.state(seq), "seq " + seq);
            assertEquals(seq % 5, slots.target(seq));
            assertEquals(1000L + seq, slots.sentAt(seq));
            assertEquals(seq, slots.number(seq));
        }
        assertEquals(ProbeSlots.FREE, slots.state(n), "nothing sent under seq " + n);
    }

    @Test
    void extraSlotsKeepTheirRecordsWhenTheSeqPlacesGrow() {
        int a = send(0, 7, 1);
        int b = send(1, 7, 1);
        slots.sentAt(b, 42);
        for (int seq = 8; seq < 8 + ProbeSlots.FIRST_PLACES; seq++) {
            counter(seq, 2);
        }
        assertEquals(2 * ProbeSlots.FIRST_PLACES, slots.places(), "seq 7's probe in flight kept its place");
        assertEquals(a, slots.pending(0, hash(0), 7));
        assertEquals(b, slots.pending(1, hash(1), 7));
        assertEquals(42, slots.sentAt(b));
        assertEquals(1, slots.target(b));
    }

    @Test
    void theTableStopsGrowingAtOnePlaceASeq() {
        for (int seq = 0; seq < 65536; seq++) {
            counter(seq, 0);
        }
        assertEquals(ProbeSlots.SLOTS, slots.places());
        slots.makeRoom(0); // seq 0 again, 65 536 sends later, with its probe still in flight
        assertEquals(ProbeSlots.SLOTS, slots.places(), "the counter's own seq came round: its old probe ends lost");
        assertEquals(ProbeSlots.PENDING, slots.state(0));
    }
}
