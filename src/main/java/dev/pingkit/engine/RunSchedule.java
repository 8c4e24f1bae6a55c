package dev.pingkit.engine;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;

/**
 * <b>What the {@link Engine}'s run sends next: explicit probes first, in the order asked, then each target's plan on
 * its beat, never two sends closer than the options' gap.</b>
 *
 * <p>An explicit probe with a sequence number of its own waits while a probe to its target with that number is in
 * flight, and goes (before the other explicit probes) once that one ended: (target, id, seq) must name one probe
 * for a reply to find it, and a batch that asks several sizes at one seq means each to go out under it.
 *
 * <p>Run thread only (other threads reach it through the engine's commands): no lock, and nothing allocated per
 * send but an explicit probe's entry. Without a gap, a burst reads what is queued every
 * {@value Engine#READ_EVERY} sends, so thousands of sends lose no reply to a full receive buffer.
 */
final class RunSchedule {
    private final Engine engine;
    private final long gap;
    private final TimeSource time;
    private final ProbeLifecycle probes;
    private final ArrayList<TargetState> targets;
    private final ProbeSender sender;
    private final Receiver receiver;
    private final ArrayDeque<Explicit> explicit = new ArrayDeque<>();
    // Probes with their own seq waiting for the probe in flight with the same (target, seq), by that key, in the
    // order asked; the head of a key moves to released when that probe ends.
    private final HashMap<Long, ArrayDeque<Explicit>> held = new HashMap<>();
    private final ArrayDeque<Explicit> released = new ArrayDeque<>();
    private int heldCount;
    private final LongHeap due = new LongHeap(64);
    private long scheduled; // targets with scheduled probes left

    /** An explicit probe; {@code seq} -1 takes the counter's next sequence number. */
    private record Explicit(TargetState target, ProbeSpec spec, int tag, int seq) {
        long key() {
            return key(target.index, seq);
        }

        static long key(int targetIndex, int seq) {
            return (long) targetIndex << 16 | seq;
        }
    }

    RunSchedule(Engine engine, EngineOptions options, TimeSource time, ProbeLifecycle probes, ProbeSender sender,
            Receiver receiver) {
        this.engine = engine;
        this.gap = options.gapNanos();
        this.time = time;
        this.probes = probes;
        this.targets = probes.targets;
        this.sender = sender;
        this.receiver = receiver;
        probes.onEnd(this::ended);
    }

    /** Takes an added target into the run; its plan's first probe is due after the plan's start delay. */
    void start(TargetState t) {
        targets.add(t);
        if (t.left > 0) {
            scheduled++;
            due.push(ProbeSender.satAdd(time.nanoTime(), t.plan.startNanos()), t.index);
        }
    }

    /** Queues one explicit probe to {@code t} carrying {@code seq} (-1: the counter's next), unless it was removed. */
    void explicit(TargetState t, ProbeSpec spec, int tag, int seq) {
        if (!t.removed) {
            explicit.add(new Explicit(t, spec, tag, seq));
            t.queued++;
        }
    }

    /** The probe of {@code slot} ended: the first probe waiting for its (target, seq), if any, may go now. */
    private void ended(int slot) {
        if (heldCount == 0) {
            return; // the common case: nothing waits, nothing is looked up or allocated
        }
        release(Explicit.key(probes.slots.target[slot], probes.slots.seq(slot)));
    }

    private void release(long key) {
        ArrayDeque<Explicit> waiting = held.get(key);
        if (waiting != null) {
            released.add(waiting.poll());
            heldCount--;
            if (waiting.isEmpty()) {
                held.remove(key);
            }
        }
    }

    /** True when {@code e} must wait: its (target, seq) is in flight, or an earlier probe waits for it. */
    private boolean mustWait(Explicit e) {
        if (e.seq < 0) {
            return false;
        }
        ArrayDeque<Explicit> waiting = held.get(e.key());
        if (waiting == null && !probes.inFlight(e.target, e.seq)) {
            return false;
        }
        held.computeIfAbsent(e.key(), k -> new ArrayDeque<>()).add(e);
        heldCount++;
        return true;
    }

    /** Ends {@code t}'s plan; its explicit probes not yet sent are dropped when their turn comes. */
    void remove(TargetState t) {
        if (!t.removed) {
            t.removed = true;
            if (t.left > 0) {
                t.left = 0;
                scheduled--;
            }
        }
    }

    /** True when no plan has probes left and no explicit probe waits. */
    boolean done() {
        return scheduled == 0 && explicit.isEmpty() && released.isEmpty() && heldCount == 0;
    }

    /** The earlier of {@code wake} and when the next probe may go out, given the gap next allows one at {@code gapAt}. */
    long wake(long wake, long gapAt) {
        if (!explicit.isEmpty() || !released.isEmpty()) {
            return Math.min(wake, gapAt);
        } else if (!due.isEmpty()) {
            return Math.min(wake, Math.max(due.peekKey(), gapAt));
        }
        return wake;
    }

    /** Sends what is due and the gap allows; returns when the gap next allows a send. */
    long sendDue(long now) throws IOException {
        int burst = 0;
        while (!engine.stopped()) {
            if (sender.sentAny() && gap > 0 && now - sender.lastSend() < gap) {
                return sender.lastSend() + gap;
            }
            if (gap == 0 && ++burst > Engine.READ_EVERY) {
                // No gap: a burst of thousands of sends would fill the receive buffer with their replies before
                // the first is read. Read what is queued every few sends.
                burst = 1;
                while (receiver.readQueued()) {
                    // each turn took one message per socket
                }
                now = time.nanoTime();
                probes.expire(now);
            }
            Explicit e = released.poll();
            if (e == null) {
                e = explicit.poll();
                if (e != null && mustWait(e)) {
                    continue;
                }
            }
            if (e != null) {
                e.target.queued--;
                if (!e.target.removed) {
                    sender.send(e.target, e.spec, e.tag, e.seq, now);
                } else if (e.seq >= 0) {
                    release(e.key()); // dropped, never in flight: the next one waiting for its seq must not wait on
                }
                continue;
            }
            if (due.isEmpty() || due.peekKey() > now) {
                break;
            }
            long at = due.peekKey();
            TargetState t = targets.get(due.peekValue());
            due.pop();
            if (t.left == 0) {
                continue; // removed meanwhile
            }
            if (t.left != TargetPlan.UNBOUNDED) {
                t.left--;
            }
            if (t.left == 0) {
                scheduled--;
            } else {
                // On the plan's beat (no drift), but never more than one probe behind it.
                due.push(Math.max(ProbeSender.satAdd(at, t.plan.intervalNanos()), now), t.index);
            }
            sender.send(t, t.plan.spec(), 0, now);
        }
        return sender.sentAny() && gap > 0 ? sender.lastSend() + gap : now;
    }
}
