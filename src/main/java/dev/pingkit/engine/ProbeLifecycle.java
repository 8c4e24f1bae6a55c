package dev.pingkit.engine;

import java.util.function.IntConsumer;

/**
 * <b>The run's probes from send to end: each pending probe in its {@link ProbeSlots} slot ends exactly once,
 * answered, failed or lost (at its deadline, at a stop, or when the counter's sequence number comes round
 * again).</b> Every method takes a slot: a sequence number for the counter's probes, an extra slot for a probe
 * that shares its own sequence number with another target's.
 *
 * <p>Run thread only: no lock, nothing allocated but the events the listener asks for. It also holds the run's own
 * table of targets (index order, as started), which the matcher, the sender and the schedule read.
 */
final class ProbeLifecycle {
    final ProbeSlots slots = new ProbeSlots();
    final TargetTable targets = new TargetTable();
    private final byte[] scratch = new byte[16]; // a block target's address, computed for a lookup
    private final LongHeap deadlines = new LongHeap(1024);
    // An entry of the deadline heap is stale once its probe ended (answered, failed) or its slot went to another.
    private final LongHeap.Live pendingDeadline = (deadline, slot) -> slots.state(slot) == ProbeSlots.PENDING
            && slots.deadline(slot) == deadline;
    private long pending;
    private ProbeListener listener = ProbeListener.NONE;
    private IntConsumer onEnd = slot -> { };
    boolean routine;

    void listening(ProbeListener l) {
        listener = l;
        routine = l.wantsRoutineEvents();
    }

    /** Calls {@code c} with the slot of every probe that ends (the schedule sends what waited for it). */
    void onEnd(IntConsumer c) {
        onEnd = c;
    }

    /** Probes sent and not yet ended. */
    long pending() {
        return pending;
    }

    /** True when the probe of {@code slot} is in flight. */
    boolean isPending(int slot) {
        return slots.state(slot) == ProbeSlots.PENDING;
    }

    /** True when a probe to target {@code index} carrying {@code seq} is in flight. */
    boolean inFlight(int index, int seq) {
        TargetBlock t = targets.block(index);
        return slots.pending(index, ProbeSlots.addressHash(t.address(index, scratch), 0, t.addressLength()), seq)
                != ProbeSlots.NONE;
    }

    /** The earliest deadline of a probe in flight, or {@code Long.MAX_VALUE} when none has one. */
    long nextDeadline() {
        return deadlines.isEmpty() ? Long.MAX_VALUE : deadlines.peekKey();
    }

    /**
     * Frees slot {@code seq} for the counter's next probe: the table grows when another seq's probe in flight holds
     * its place; one still pending under this very seq ends lost.
     */
    void reuse(int seq) {
        slots.makeRoom(seq);
        if (slots.state(seq) == ProbeSlots.PENDING) {
            // 65 536 sends later the same sequence number: its old probe cannot be told apart any more.
            lose(seq, false);
        }
    }

    /** Fills {@code slot} for a probe to target {@code index} about to go out; it is pending from now. */
    void start(int slot, int index, long number, ProbeSpec spec, int tag, long deadline) {
        slots.start(slot, index, number, spec, tag, deadline);
        pending++;
    }

    /** Probe {@code slot} went out at {@code sentAt} (the socket's stamp); its deadline runs from now. */
    void sent(int slot, long sentAt) {
        slots.sentAt(slot, sentAt);
        if (slots.spec(slot).timeoutNanos() != Long.MAX_VALUE) {
            // stale entries dropped before the heap grows: a /16 swept at once answers most probes long before
            // their deadlines, which left an entry per target (12 bytes) until the end
            deadlines.push(slots.deadline(slot), slot, pendingDeadline);
        }
    }

    /** The probe of slot {@code slot} as a value. */
    Probe probe(int slot) {
        int index = slots.target(slot);
        TargetBlock t = targets.block(index);
        ProbeSpec s = slots.spec(slot);
        return new Probe(t.handle(index), slots.number(slot), t.family.id, slots.seq(slot), slots.tag(slot), s.ttl(), s.tos(),
                s.payloadSize(), slots.sentAt(slot));
    }

    /** Ends pending probe {@code slot} as answered (the caller reports it). */
    void answer(int slot) {
        slots.end(slot, ProbeSlots.ANSWERED);
        ended(slot);
    }

    /** Ends pending probe {@code slot} as failed and counts the error (the caller reports it). */
    void fail(int slot) {
        slots.end(slot, ProbeSlots.FAILED);
        ended(slot);
        int index = slots.target(slot);
        targets.block(index).stats(index).error();
    }

    /** Ends the probes whose deadline passed, as lost. */
    void expire(long now) {
        while (!deadlines.isEmpty() && deadlines.peekKey() <= now) {
            long key = deadlines.peekKey();
            int slot = deadlines.peekValue();
            deadlines.pop();
            if (slots.state(slot) == ProbeSlots.PENDING && slots.deadline(slot) == key) {
                lose(slot, false);
            }
        }
    }

    // At the end of a run every probe has ended: those still in flight (a stop, a failure) end lost.
    void endPending(boolean stopped) {
        for (int slot = 0, n = slots.size(); pending > 0 && slot < n; slot++) {
            if (slots.state(slot) == ProbeSlots.PENDING) {
                lose(slot, stopped);
            }
        }
    }

    private void lose(int slot, boolean stopped) {
        slots.end(slot, ProbeSlots.LOST);
        ended(slot);
        listener.onEvent(new ProbeEvent.Lost(probe(slot), stopped));
    }

    private void ended(int slot) {
        pending--;
        onEnd.accept(slot);
    }
}
