package dev.pingkit.engine;

import java.util.Arrays;

/**
 * <b>The {@link Engine}'s probe table: what went out under each (target, sequence number), one slot per probe in
 * flight, allocated once for the common case.</b>
 *
 * <p>Slot {@code seq} (0..65535) is the first place of a sequence number: the engine's own counter uses it alone,
 * so one target or a sweep never looks further. A probe that carries a sequence number of its own (a batch's
 * {@code targets(a, b).seq(1, 10)}) takes that slot too while it is free; else an extra slot (index {@value #SLOTS}
 * and up) chained behind slot {@code seq}: one per target sharing the seq, and a second for a (target, seq) sent
 * again, so the last ended probe stays known beside the one in flight. The matcher walks a chain only where a seq
 * has one. The identifier is the family socket's, one per target, so (target, seq) names (target, id, seq).
 *
 * <p>A slot holds the target, the send time (from the socket, never read back from a reply), the deadline, the
 * probe's number for its target, its spec and tag, and its state. After a probe ends its slot keeps the end
 * state, so a duplicate or a late reply is recognised until the slot is reused: after 65 536 sends of the
 * counter, or by the next probe with the same (target, seq).
 */
final class ProbeSlots {
    static final int SLOTS = 65536;
    static final byte FREE = 0;
    static final byte PENDING = 1;
    static final byte ANSWERED = 2;
    static final byte LOST = 3;
    static final byte FAILED = 4;
    /** The end of a chain. */
    static final int NONE = -1;

    byte[] state = new byte[SLOTS];
    int[] target = new int[SLOTS];
    long[] sentAt = new long[SLOTS];
    long[] deadline = new long[SLOTS];
    long[] number = new long[SLOTS];
    int[] tag = new int[SLOTS];
    ProbeSpec[] spec = new ProbeSpec[SLOTS];
    /** The next slot with the same sequence number ({@link #NONE}: none). */
    int[] next = new int[SLOTS];
    /** The sequence number of extra slot {@code SLOTS + i}. */
    private int[] extraSeq = new int[0];
    private int extras;

    ProbeSlots() {
        Arrays.fill(next, NONE);
    }

    /** How many slots are in use or were: {@value #SLOTS} plus the extra ones. */
    int size() {
        return SLOTS + extras;
    }

    /** The sequence number the probe of {@code slot} carries. */
    int seq(int slot) {
        return slot < SLOTS ? slot : extraSeq[slot - SLOTS];
    }

    /** Fills {@code slot} for a probe about to be sent; it is pending from now. */
    void start(int slot, int targetIndex, long probeNumber, ProbeSpec probeSpec, int probeTag, long deadlineNanos) {
        state[slot] = PENDING;
        target[slot] = targetIndex;
        number[slot] = probeNumber;
        spec[slot] = probeSpec;
        tag[slot] = probeTag;
        deadline[slot] = deadlineNanos;
        sentAt[slot] = 0;
    }

    /** The slot of the probe to {@code targetIndex} with {@code seq} in flight, or {@link #NONE}. */
    int pending(int targetIndex, int seq) {
        for (int s = seq; s != NONE; s = next[s]) {
            if (state[s] == PENDING && target[s] == targetIndex) {
                return s;
            }
        }
        return NONE;
    }

    /** The other slot of {@code slot}'s (target, seq), which holds the probe before or after it, or {@link #NONE}. */
    int sibling(int slot) {
        int seq = seq(slot);
        for (int s = seq; s != NONE; s = next[s]) {
            if (s != slot && state[s] != FREE && target[s] == target[slot]) {
                return s;
            }
        }
        return NONE;
    }

    /**
     * The slot for a probe to {@code targetIndex} carrying its own {@code seq}, none of whose probes is in flight:
     * slot {@code seq} while no probe is or was there; else one of the (at most two) slots of this (target, seq),
     * never the one of the latest probe while only one exists; else a new extra slot chained behind slot {@code seq}.
     * The latest ended probe of a (target, seq) keeps its slot, so its late reply is told from the next one's answer
     * by its payload.
     */
    int claim(int targetIndex, int seq) {
        int first = NONE;
        for (int s = seq; s != NONE; s = next[s]) {
            if (state[s] != FREE && target[s] == targetIndex) {
                if (first != NONE) {
                    return number[s] < number[first] ? s : first; // two: the older one's record goes
                }
                first = s;
            }
        }
        if (first == NONE && state[seq] == FREE) {
            return seq;
        }
        if (SLOTS + extras == state.length) {
            grow();
        }
        int s = SLOTS + extras;
        extraSeq[extras++] = seq;
        next[s] = next[seq];
        next[seq] = s;
        return s;
    }

    // The extra slots grow by doubling, from none: a run without shared seqs keeps the 65 536 slots alone.
    private void grow() {
        int n = SLOTS + Math.max(16, 2 * extras);
        extraSeq = Arrays.copyOf(extraSeq, n - SLOTS);
        state = Arrays.copyOf(state, n);
        target = Arrays.copyOf(target, n);
        sentAt = Arrays.copyOf(sentAt, n);
        deadline = Arrays.copyOf(deadline, n);
        number = Arrays.copyOf(number, n);
        tag = Arrays.copyOf(tag, n);
        spec = Arrays.copyOf(spec, n);
        int old = next.length;
        next = Arrays.copyOf(next, n);
        Arrays.fill(next, old, n, NONE);
    }
}
