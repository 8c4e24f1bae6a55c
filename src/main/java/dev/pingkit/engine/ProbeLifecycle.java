package dev.pingkit.engine;

import java.util.ArrayList;

/**
 * <b>The run's probes from send to end: each pending probe in its {@link ProbeSlots} slot ends exactly once,
 * answered, failed or lost (at its deadline, at a stop, or when its sequence number comes round again).</b>
 *
 * <p>Run thread only: no lock, nothing allocated but the events the listener asks for. It also holds the run's own
 * list of targets (index order, as started), which the matcher and the schedule read.
 */
final class ProbeLifecycle {
    final ProbeSlots slots = new ProbeSlots();
    final ArrayList<TargetState> targets = new ArrayList<>();
    private final LongHeap deadlines = new LongHeap(1024);
    private long pending;
    private ProbeListener listener = ProbeListener.NONE;
    boolean routine;

    void listening(ProbeListener l) {
        listener = l;
        routine = l.wantsRoutineEvents();
    }

    /** Probes sent and not yet ended. */
    long pending() {
        return pending;
    }

    /** True when probe {@code seq} is in flight. */
    boolean isPending(int seq) {
        return slots.state[seq] == ProbeSlots.PENDING;
    }

    /** True when pending or ended probe {@code seq} was answered (its slot's state). */
    boolean answered(int seq) {
        return slots.state[seq & 0xffff] == ProbeSlots.ANSWERED;
    }

    /** The earliest deadline of a probe in flight, or {@code Long.MAX_VALUE} when none has one. */
    long nextDeadline() {
        return deadlines.isEmpty() ? Long.MAX_VALUE : deadlines.peekKey();
    }

    /** Frees slot {@code seq} for the next probe: one still pending there ends lost. */
    void reuse(int seq) {
        if (slots.state[seq] == ProbeSlots.PENDING) {
            // 65 536 sends later the same sequence number: its old probe cannot be told apart any more.
            lose(seq, false);
        }
    }

    /** Fills slot {@code seq} for a probe to {@code t} about to go out; it is pending from now. */
    void start(int seq, TargetState t, long number, ProbeSpec spec, int tag, long deadline) {
        slots.start(seq, t.handle.index(), number, spec, tag, deadline);
        t.pending++;
        pending++;
    }

    /** Probe {@code seq} went out at {@code sentAt} (the socket's stamp); its deadline runs from now. */
    void sent(int seq, long sentAt) {
        slots.sentAt[seq] = sentAt;
        if (slots.spec[seq].timeoutNanos() != Long.MAX_VALUE) {
            deadlines.push(slots.deadline[seq], seq);
        }
    }

    /** The probe of slot {@code seq} as a value. */
    Probe probe(int seq) {
        TargetState t = targets.get(slots.target[seq]);
        ProbeSpec s = slots.spec[seq];
        return new Probe(t.handle, slots.number[seq], t.family.id, seq, slots.tag[seq], s.ttl(), s.tos(),
                s.payloadSize(), slots.sentAt[seq]);
    }

    /** Ends pending probe {@code seq} as answered (the caller reports it). */
    void answer(int seq) {
        slots.state[seq] = ProbeSlots.ANSWERED;
        ended(seq);
    }

    /** Ends pending probe {@code seq} as failed and counts the error (the caller reports it). */
    void fail(int seq) {
        slots.state[seq] = ProbeSlots.FAILED;
        ended(seq);
        targets.get(slots.target[seq]).stats.error();
    }

    /** Ends the probes whose deadline passed, as lost. */
    void expire(long now) {
        while (!deadlines.isEmpty() && deadlines.peekKey() <= now) {
            long key = deadlines.peekKey();
            int seq = deadlines.peekValue();
            deadlines.pop();
            if (slots.state[seq] == ProbeSlots.PENDING && slots.deadline[seq] == key) {
                lose(seq, false);
            }
        }
    }

    // At the end of a run every probe has ended: those still in flight (a stop, a failure) end lost.
    void endPending(boolean stopped) {
        for (int seq = 0; pending > 0 && seq < ProbeSlots.SLOTS; seq++) {
            if (slots.state[seq] == ProbeSlots.PENDING) {
                lose(seq, stopped);
            }
        }
    }

    private void lose(int seq, boolean stopped) {
        slots.state[seq] = ProbeSlots.LOST;
        ended(seq);
        listener.onEvent(new ProbeEvent.Lost(probe(seq), stopped));
    }

    private void ended(int seq) {
        targets.get(slots.target[seq]).pending--;
        pending--;
    }
}
