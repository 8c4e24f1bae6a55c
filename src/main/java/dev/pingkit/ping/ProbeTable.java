package dev.pingkit.ping;

/**
 * <b>What we sent, keyed by sequence number: 65 536 slots of send times and three bitsets, allocated once.</b>
 *
 * <p>Probe number n (1, 2, 3, ...) carries sequence n mod 65536, as iputils numbers them, so the sequence wraps
 * 65535 → 0 and a slot is reused every 65 536 probes. Sending a probe resets its slot. The send time lives here and
 * is never read back from a reply's payload. In-flight accounting follows iputils' {@code acknowledge}: the newest
 * acknowledged probe (answered or errored) counts, and only sequences within half the space behind the newest probe
 * are taken as recent.
 */
final class ProbeTable {
    static final int SLOTS = 65536;

    private final long[] sentAt = new long[SLOTS];
    private final long[] sent = new long[SLOTS / 64];
    private final long[] answered = new long[SLOTS / 64];
    private final long[] errored = new long[SLOTS / 64];
    private long transmitted;
    private long acked;

    /** The sequence number the next probe will carry. */
    int nextSeq() {
        return (int) ((transmitted + 1) & 0xffff);
    }

    /** Records the next probe as sent at {@code realtimeNanos}; returns its sequence number. */
    int sent(long realtimeNanos) {
        transmitted++;
        int seq = (int) (transmitted & 0xffff);
        sentAt[seq] = realtimeNanos;
        set(sent, seq);
        clear(answered, seq);
        clear(errored, seq);
        return seq;
    }

    long transmitted() {
        return transmitted;
    }

    boolean wasSent(int seq) {
        return test(sent, seq);
    }

    long sentAt(int seq) {
        return sentAt[seq];
    }

    boolean answered(int seq) {
        return test(answered, seq);
    }

    boolean errored(int seq) {
        return test(errored, seq);
    }

    /** Marks {@code seq} answered; returns true if it already was (a duplicate). */
    boolean markAnswered(int seq) {
        boolean was = test(answered, seq);
        set(answered, seq);
        return was;
    }

    void markErrored(int seq) {
        set(errored, seq);
    }

    /**
     * Acknowledges {@code seq} as iputils does; returns how many probes were in flight up to and including it
     * (iputils' pipe size candidate), or 0 when the sequence is too far behind to be recent.
     */
    int acknowledge(int seq) {
        int diff = (int) ((transmitted - seq) & 0xffff);
        if (diff > 0x7fff) {
            return 0;
        }
        long n = transmitted - diff;
        if (n > acked) {
            acked = n;
        }
        return diff + 1;
    }

    /** Probes sent after the newest acknowledged one. */
    long inFlight() {
        return transmitted - acked;
    }

    /** The most recent probe number carrying {@code seq}, or 0 if none was sent with it. */
    long probeNumber(int seq) {
        if (!wasSent(seq)) {
            return 0;
        }
        return transmitted - ((transmitted - seq) & 0xffff);
    }

    private static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << i;
    }

    private static void clear(long[] bits, int i) {
        bits[i >>> 6] &= ~(1L << i);
    }

    private static boolean test(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }
}
