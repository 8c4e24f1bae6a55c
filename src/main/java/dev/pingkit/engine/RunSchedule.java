package dev.pingkit.engine;

import java.io.IOException;
import java.util.ArrayDeque;
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
 *
 * <p>A block's targets are all due at once when it starts: their first probes come from one cursor entry that walks
 * the block ({@code firsts}), not an entry per target, so a /16 swept once puts nothing per target in a heap;
 * {@code due} holds the next probes of targets with more to send. Both order by (due time, index) and the earlier
 * of their heads goes first, as one heap of every target would.
 */
final class RunSchedule {
    private final Engine engine;
    private final long gap;
    private final TimeSource time;
    private final ProbeLifecycle probes;
    private final TargetTable targets;
    private final ProbeSender sender;
    private final Receiver receiver;
    private final ArrayDeque<Explicit> explicit = new ArrayDeque<>();
    // Probes with their own seq waiting for the probe in flight with the same (target, seq), by that key, in the
    // order asked; the head of a key moves to released when that probe ends.
    private final HashMap<Long, ArrayDeque<Explicit>> held = new HashMap<>();
    private final ArrayDeque<Explicit> released = new ArrayDeque<>();
    private int heldCount;
    private final LongHeap due = new LongHeap(64); // (due time, target index): next probes
    private final LongHeap firsts = new LongHeap(4); // (due time, index): the next target of a block's first probes
    private long scheduled; // targets with scheduled probes left

    /** An explicit probe; {@code seq} -1 takes the counter's next sequence number. */
    private record Explicit(int target, ProbeSpec spec, int tag, int seq) {
        long key() {
            return key(target, seq);
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

    /** Takes added targets into the run; each one's first probe is due after its plan's start delay. */
    void start(TargetBlock b) {
        targets.add(b);
        if (b.plan.count() > 0) {
            scheduled += b.size;
            long at = ProbeSender.satAdd(time.nanoTime(), b.plan.startNanos());
            if (b.size == 1) {
                due.push(at, b.first);
            } else {
                firsts.push(at, b.first);
            }
        }
    }

    /** Queues one explicit probe to target {@code index} carrying {@code seq} (-1: the counter's next), unless removed. */
    void explicit(int index, ProbeSpec spec, int tag, int seq) {
        if (!targets.removed(index)) {
            explicit.add(new Explicit(index, spec, tag, seq));
        }
    }

    /** The probe of {@code slot} ended: the first probe waiting for its (target, seq), if any, may go now. */
    private void ended(int slot) {
        if (heldCount == 0) {
            return; // the common case: nothing waits, nothing is looked up or allocated
        }
        release(Explicit.key(probes.slots.target(slot), probes.slots.seq(slot)));
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
        if (waiting == null && !probes.inFlight(e.target(), e.seq)) {
            return false;
        }
        held.computeIfAbsent(e.key(), k -> new ArrayDeque<>()).add(e);
        heldCount++;
        return true;
    }

    /** Ends target {@code index}'s plan; its explicit probes not yet sent are dropped when their turn comes. */
    void remove(int index) {
        if (!targets.removed(index)) {
            if (targets.left(index) > 0) {
                scheduled--;
            }
            targets.remove(index);
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
        } else if (!due.isEmpty() || !firsts.isEmpty()) {
            return Math.min(wake, Math.max(nextDue(), gapAt));
        }
        return wake;
    }

    /** When the next scheduled probe is due; only when one is. */
    private long nextDue() {
        return firsts.isEmpty() ? due.peekKey() : due.isEmpty() ? firsts.peekKey()
                : Math.min(due.peekKey(), firsts.peekKey());
    }

    /** True when the next scheduled probe is a block's first of a target (equal times: the lower index first). */
    private boolean firstNext() {
        if (firsts.isEmpty()) {
            return false;
        }
        if (due.isEmpty()) {
            return true;
        }
        long f = firsts.peekKey();
        long d = due.peekKey();
        return f < d || f == d && firsts.peekValue() < due.peekValue();
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
                if (!targets.removed(e.target())) {
                    sender.send(e.target(), e.spec, e.tag, e.seq, now);
                } else if (e.seq >= 0) {
                    release(e.key()); // dropped, never in flight: the next one waiting for its seq must not wait on
                }
                continue;
            }
            if (due.isEmpty() && firsts.isEmpty() || nextDue() > now) {
                break;
            }
            long at;
            int index;
            if (firstNext()) {
                at = firsts.peekKey();
                index = firsts.peekValue();
                firsts.pop();
                if (index + 1 < targets.block(index).end()) {
                    firsts.push(at, index + 1); // the cursor moves on to the block's next target
                }
            } else {
                at = due.peekKey();
                index = due.peekValue();
                due.pop();
            }
            long left = targets.left(index);
            if (left == 0) {
                continue; // removed meanwhile
            }
            TargetPlan plan = targets.block(index).plan;
            targets.plannedSent(index);
            if (left == 1) {
                scheduled--;
            } else {
                // On the plan's beat (no drift), but never more than one probe behind it.
                due.push(Math.max(ProbeSender.satAdd(at, plan.intervalNanos()), now), index);
            }
            sender.send(index, plan.spec(), 0, now);
        }
        return sender.sentAny() && gap > 0 ? sender.lastSend() + gap : now;
    }
}
