package dev.pingkit.engine;

import java.util.Arrays;

/**
 * <b>The {@link Engine}'s probe table: what went out under each (target, sequence number), one slot per probe in
 * flight, in places that grow with the probes in flight.</b>
 *
 * <p>Slot {@code seq} (0..65535) is the first slot of a sequence number: the engine's own counter uses it alone,
 * so one target or a sweep never looks further. It lives at place {@code seq & (places - 1)}, which stores the seq
 * it holds, so slot {@code seq} reads {@link #FREE} once a later seq took its place. The places start at
 * {@value #FIRST_PLACES} and double whenever a probe would take a place whose probe is still in flight, up to one
 * a seq (65 536): a one-target run keeps a few dozen kilobytes, a /16 swept at once as many places as it has probes
 * in flight at a time, and nothing grows per packet once the probes in flight stop growing.
 *
 * <p>A probe that carries a sequence number of its own (a batch's {@code targets(a, b).seq(1, 10)}) takes slot
 * {@code seq} too while it is free; else an extra slot (number {@value #SLOTS} and up): one per target sharing the
 * seq, and a second for a (target, seq) sent again, so the last ended probe stays known beside the one in flight.
 * Extra slots are found through a small open-addressed index keyed by (seq, the target's address), so a seq
 * shared by a /16 of targets costs one probe of the index per reply, not a walk; {@link #shared} says whether a seq
 * has any, and the matcher looks no further when it has none. The identifier is the family socket's, one per
 * target, so (target, seq) names (target, id, seq).
 *
 * <p>A slot holds the target, the send time (from the socket, never read back from a reply), the deadline, the
 * probe's number for its target, its spec and tag, and its state. After a probe ends its slot keeps the end
 * state, so a duplicate or a late reply is recognised until its place is reused: after as many sends of the
 * counter as there are places (at least {@value #FIRST_PLACES}), or by the next probe but one with the same
 * (target, seq). Extra slots last for the run.
 */
final class ProbeSlots {
    static final int SLOTS = 65536;
    /** The places a table starts with: the window in sends a duplicate or late reply is always recognised in. */
    static final int FIRST_PLACES = 1024;
    static final byte FREE = 0;
    static final byte PENDING = 1;
    static final byte ANSWERED = 2;
    static final byte LOST = 3;
    static final byte FAILED = 4;
    /** No slot. */
    static final int NONE = -1;

    // Columns by place: places [0, places) hold seq slots, [places, places + room) the extra slots in order.
    private int places = FIRST_PLACES;
    private int room;
    private char[] seqAt = new char[FIRST_PLACES];
    private byte[] state = new byte[FIRST_PLACES];
    private int[] target = new int[FIRST_PLACES];
    private long[] sentAt = new long[FIRST_PLACES];
    private long[] deadline = new long[FIRST_PLACES];
    private long[] number = new long[FIRST_PLACES];
    private int[] tag = new int[FIRST_PLACES];
    private ProbeSpec[] spec = new ProbeSpec[FIRST_PLACES];
    /** True for a seq that has extra slots; none until the first. */
    private boolean[] shared;
    // Extra slot SLOTS + i: its seq and its key; the index holds slot + 1 at key-derived places (0: empty).
    private int[] extraSeq = new int[0];
    private int[] extraKey = new int[0];
    private int extras;
    private int[] index = new int[0];

    /** One past the highest slot number in use or that was: {@value #SLOTS} plus the extra ones. */
    int size() {
        return SLOTS + extras;
    }

    /** How many places the seq slots have now. */
    int places() {
        return places;
    }

    /** The sequence number the probe of {@code slot} carries. */
    int seq(int slot) {
        return slot < SLOTS ? slot : extraSeq[slot - SLOTS];
    }

    private int place(int slot) {
        return slot < SLOTS ? slot & (places - 1) : places + slot - SLOTS;
    }

    /** The state of {@code slot}: {@link #FREE} for a seq slot whose place another seq has taken. */
    byte state(int slot) {
        int p = place(slot);
        return slot < SLOTS && seqAt[p] != slot ? FREE : state[p];
    }

    /** Ends the probe of {@code slot}, held in its place, as {@code s}. */
    void end(int slot, byte s) {
        state[place(slot)] = s;
    }

    // The readers below are for a slot whose state is not FREE.
    int target(int slot) {
        return target[place(slot)];
    }

    long sentAt(int slot) {
        return sentAt[place(slot)];
    }

    void sentAt(int slot, long nanos) {
        sentAt[place(slot)] = nanos;
    }

    long deadline(int slot) {
        return deadline[place(slot)];
    }

    long number(int slot) {
        return number[place(slot)];
    }

    int tag(int slot) {
        return tag[place(slot)];
    }

    ProbeSpec spec(int slot) {
        return spec[place(slot)];
    }

    /** True when {@code seq} has extra slots. */
    boolean shared(int seq) {
        return shared != null && shared[seq];
    }

    /**
     * Readies slot {@code seq}'s place for a probe: the places double while it holds another seq's probe in
     * flight, so that probe keeps its record; an ended one there is forgotten when the place is filled.
     */
    void makeRoom(int seq) {
        while (places < SLOTS) {
            int p = seq & (places - 1);
            if (state[p] != PENDING || seqAt[p] == seq) {
                return;
            }
            resize(2 * places, room);
        }
    }

    /** Fills {@code slot} for a probe about to be sent; it is pending from now. */
    void start(int slot, int targetIndex, long probeNumber, ProbeSpec probeSpec, int probeTag, long deadlineNanos) {
        int p = place(slot);
        seqAt[p] = (char) seq(slot);
        state[p] = PENDING;
        target[p] = targetIndex;
        number[p] = probeNumber;
        spec[p] = probeSpec;
        tag[p] = probeTag;
        deadline[p] = deadlineNanos;
        sentAt[p] = 0;
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
        if (state(seq) != FREE && target(seq) == targetIndex) {
            out[n++] = seq;
        }
        if (shared(seq)) {
            int k = key(seq, addressHash);
            for (int p = first(k), s; n < 2 && (s = at(p, k)) != -2; p = after(p)) {
                if (s != NONE && extraSeq[s - SLOTS] == seq && target(s) == targetIndex) {
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
            if (state(found[i]) == PENDING) {
                return found[i];
            }
        }
        return NONE;
    }

    /** The other slot of {@code slot}'s (target, seq), which holds the probe before or after it, or {@link #NONE}. */
    int sibling(int slot, int addressHash) {
        int n = slotsOf(target(slot), addressHash, seq(slot), found);
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
            return number(found[0]) < number(found[1]) ? found[0] : found[1]; // the older one's record goes
        }
        if (n == 0 && state(seq) == FREE) {
            makeRoom(seq);
            return seq;
        }
        if (extras == room) {
            resize(places, Math.max(16, 2 * extras));
        }
        int s = SLOTS + extras;
        int k = key(seq, addressHash);
        extraSeq[extras] = seq;
        extraKey[extras] = k;
        extras++;
        if (2 * extras > index.length) {
            reindex(Math.max(32, 2 * index.length));
        } else {
            put(s, k);
        }
        if (shared == null) {
            shared = new boolean[SLOTS];
        }
        shared[seq] = true;
        return s;
    }

    private void put(int slot, int k) {
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
            put(SLOTS + i, extraKey[i]);
        }
    }

    // New columns of newPlaces seq places and newRoom extra slots: each seq slot's record to its new place (they
    // cannot meet: distinct places under the old mask are distinct under a wider one), the extra slots after them.
    private void resize(int newPlaces, int newRoom) {
        int n = newPlaces + newRoom;
        char[] q = new char[n];
        byte[] st = new byte[n];
        int[] tg = new int[n];
        long[] sa = new long[n];
        long[] dl = new long[n];
        long[] nb = new long[n];
        int[] tt = new int[n];
        ProbeSpec[] sp = new ProbeSpec[n];
        for (int from = 0; from < places + extras; from++) {
            int to = from < places ? seqAt[from] & (newPlaces - 1) : newPlaces + from - places;
            if (from < places && state[from] == FREE) {
                continue;
            }
            q[to] = seqAt[from];
            st[to] = state[from];
            tg[to] = target[from];
            sa[to] = sentAt[from];
            dl[to] = deadline[from];
            nb[to] = number[from];
            tt[to] = tag[from];
            sp[to] = spec[from];
        }
        seqAt = q;
        state = st;
        target = tg;
        sentAt = sa;
        deadline = dl;
        number = nb;
        tag = tt;
        spec = sp;
        places = newPlaces;
        room = newRoom;
        if (extraSeq.length < newRoom) {
            extraSeq = Arrays.copyOf(extraSeq, newRoom);
            extraKey = Arrays.copyOf(extraKey, newRoom);
        }
    }
}
