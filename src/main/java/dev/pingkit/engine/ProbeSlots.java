package dev.pingkit.engine;

/**
 * <b>The {@link Engine}'s probe table: what went out under each of the 65 536 sequence numbers, allocated once.</b>
 *
 * <p>One sequence counter serves the whole run, every target and both families, so (target, id, seq) names one
 * probe while it is in flight: the slot of a sequence number holds the target it went to, the send time (from
 * the socket, never read back from a reply), the deadline, the probe's number for its target, its spec and tag,
 * and its state. A reply or error counts for a slot only when its source (or quoted destination) is that slot's
 * target. A slot is reused every 65 536 sends; after a probe ends its slot keeps the end state, so a duplicate or a
 * late reply is recognised until then.
 */
final class ProbeSlots {
    static final int SLOTS = 65536;
    static final byte FREE = 0;
    static final byte PENDING = 1;
    static final byte ANSWERED = 2;
    static final byte LOST = 3;
    static final byte FAILED = 4;

    final byte[] state = new byte[SLOTS];
    final int[] target = new int[SLOTS];
    final long[] sentAt = new long[SLOTS];
    final long[] deadline = new long[SLOTS];
    final long[] number = new long[SLOTS];
    final int[] tag = new int[SLOTS];
    final ProbeSpec[] spec = new ProbeSpec[SLOTS];

    /** Fills slot {@code seq} for a probe about to be sent; it is pending from now. */
    void start(int seq, int targetIndex, long probeNumber, ProbeSpec probeSpec, int probeTag, long deadlineNanos) {
        state[seq] = PENDING;
        target[seq] = targetIndex;
        number[seq] = probeNumber;
        spec[seq] = probeSpec;
        tag[seq] = probeTag;
        deadline[seq] = deadlineNanos;
        sentAt[seq] = 0;
    }
}
