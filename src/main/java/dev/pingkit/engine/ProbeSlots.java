package dev.pingkit.engine;

import java.util.Arrays;

/**
 * <b>The {@link Engine}'s probe table: what went out under each (target, sequence number), one slot per probe in
 * flight, allocated once for the common case.</b>
 *
 * <p>Slot {@code seq} (0..65535) is the first place of a sequence number: the engine's own counter uses it alone,
 * so one target or a sweep never looks further. A probe that carries a sequence number of its own (a batch's
 * {@code targets(a, b).seq(1, 10)}) takes that slot too while it is free; else an extra slot (index {@value #SLOTS}
 * and up): one per target sharing the seq, and a second for a (target, seq) sent again, so the last ended probe
 * stays known beside the one in flight. Extra slots are found through a small open-addressed index keyed by (seq,
 * the target's address), so a seq shared by a /16 of targets costs one probe of the index per reply, not a walk;
 * {@link #shared} says whether a seq has any, and the matcher looks no further when it has none. The identifier is
 * the family socket's, one per target, so (target, seq) names (target, id, seq).
 *
 * <p>A slot holds the target, the send time (from the socket, never read back from a reply), the deadline, the
 * probe's number for its target, its spec and tag, and its state. After a probe ends its slot keeps the end
 * state, so a duplicate or a late reply is recognised until the slot is reused: after 65 536 sends of the
 * counter, or by the next probe but one with the same (target, seq). Extra slots last for the run.
 */
final class ProbeSlots {
    static final int SLOTS = 65536;
    static final byte FREE = 0;
    static final byte PENDING = 1;
    static final byte ANSWERED = 2;
    static final byte LOST = 3;
    static final byte FAILED = 4;
    /** No slot. */
    static final int NONE = -1;

    byte[] state = new byte[SLOTS];
    int[] target = new int[SLOTS];
    long[] sentAt = new long[SLOTS];
    long[] deadline = new long[SLOTS];
    long[] number = new long[SLOTS];
    int[] tag = new int[SLOTS];
    ProbeSpec[] spec = new ProbeSpec[SLOTS];
    /** True for a seq that has extra slots. */
    final boolean[] shared = new boolean[SLOTS];
    // Extra slot SLOTS + i: its seq and its key; the index holds slot + 1 at key-derived places (0: empty).
    private int[] extraSeq = new int[0];
    private int[] extraKey = new int[0];
    private int extras;
    private int[] index = new int[0];

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

    /** A hash of address bytes {@code b[off..off+len)}, allocating nothing (FNV-1a). */
    static int addressHash(byte[] b, int off, int len) {
        int h = 0x811c9dc5;
        for (int i = 0; i < len; i++) {
            h = (h ^ (b[off + i] & 0xff)) * 0x01000193;
        }
        return h;
    }

    /** The index key of (seq, an address's hash). */
    static int key(int seq, int addressHash) {
        int h = addressHash * 0x9e3779b1 + seq;
        return h ^ (h >>> 15);
    }

    /** Where the index holds the extra slots of {@code key}: the first place to look ({@link #at}, {@link #after}). */
    int first(int key) {
        return index.length == 0 ? 0 : key & (index.length - 1);
    }

    /** The extra slot at index place {@code place} whose key is {@code key}, or {@link #NONE}; -2 past the last. */
    int at(int place, int key) {
        if (index.length == 0 || index[place] == 0) {
            return -2;
        }
        int s = index[place] - 1;
        return extraKey[s - SLOTS] == key ? s : NONE;
    }

    /** The index place after {@code place}. */
    int after(int place) {
        return (place + 1) & (index.length - 1);
    }

    /**
     * The slots of (target {@code targetIndex} at an address hashing to {@code addressHash}, {@code seq}), in use or
     * ended: at most two, into {@code out}; returns how many.
     */
    private int slotsOf(int targetIndex, int addressHash, int seq, int[] out) {
        int n = 0;
        if (state[seq] != FREE && target[seq] == targetIndex) {
            out[n++] = seq;
        }
        if (shared[seq]) {
            int k = key(seq, addressHash);
            for (int p = first(k), s; n < 2 && (s = at(p, k)) != -2; p = after(p)) {
                if (s != NONE && extraSeq[s - SLOTS] == seq && target[s] == targetIndex) {
                    out[n++] = s;
                }
            }
        }
        return n;
    }

    private final int[] found = new int[2];

    /** The slot of the probe to {@code targetIndex} with {@code seq} in flight, or {@link #NONE}. */
    int pending(int targetIndex, int addressHash, int seq) {
        int n = slotsOf(targetIndex, addressHash, seq, found);
        for (int i = 0; i < n; i++) {
            if (state[found[i]] == PENDING) {
                return found[i];
            }
        }
        return NONE;
    }

    /** The other slot of {@code slot}'s (target, seq), which holds the probe before or after it, or {@link #NONE}. */
    int sibling(int slot, int addressHash) {
        int n = slotsOf(target[slot], addressHash, seq(slot), found);
        for (int i = 0; i < n; i++) {
            if (found[i] != slot) {
                return found[i];
            }
        }
        return NONE;
    }

    /**
     * The slot for a probe to {@code targetIndex} (whose address hashes to {@code addressHash}) carrying its own
     * {@code seq}, none of whose probes is in flight: slot {@code seq} while no probe is or was there; the older of
     * this (target, seq)'s two slots once it has two; else a new extra slot. The latest ended probe of a (target,
     * seq) keeps its slot, so its late reply is told from the next one's answer by its payload.
     */
    int claim(int targetIndex, int addressHash, int seq) {
        int n = slotsOf(targetIndex, addressHash, seq, found);
        if (n == 2) {
            return number[found[0]] < number[found[1]] ? found[0] : found[1]; // the older one's record goes
        }
        if (n == 0 && state[seq] == FREE) {
            return seq;
        }
        if (SLOTS + extras == state.length) {
            grow();
        }
        int s = SLOTS + extras;
        int k = key(seq, addressHash);
        extraSeq[extras] = seq;
        extraKey[extras] = k;
        extras++;
        if (2 * extras > index.length) {
            reindex(Math.max(32, 2 * index.length));
        } else {
            place(s, k);
        }
        shared[seq] = true;
        return s;
    }

    private void place(int slot, int k) {
        int p = k & (index.length - 1);
        while (index[p] != 0) {
            p = after(p);
        }
        index[p] = slot + 1;
    }

    // At most half full: a lookup meets an empty place within a few steps.
    private void reindex(int size) {
        index = new int[size];
        for (int i = 0; i < extras; i++) {
            place(SLOTS + i, extraKey[i]);
        }
    }

    // The extra slots grow by doubling, from none: a run without shared seqs keeps the 65 536 slots alone.
    private void grow() {
        int n = SLOTS + Math.max(16, 2 * extras);
        extraSeq = Arrays.copyOf(extraSeq, n - SLOTS);
        extraKey = Arrays.copyOf(extraKey, n - SLOTS);
        state = Arrays.copyOf(state, n);
        target = Arrays.copyOf(target, n);
        sentAt = Arrays.copyOf(sentAt, n);
        deadline = Arrays.copyOf(deadline, n);
        number = Arrays.copyOf(number, n);
        tag = Arrays.copyOf(tag, n);
        spec = Arrays.copyOf(spec, n);
    }
}
