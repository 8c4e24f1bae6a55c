package dev.pingkit.ping;

import dev.pingkit.engine.Engine;
import dev.pingkit.engine.Probe;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.engine.ProbeListener;
import dev.pingkit.engine.ProbeSpec;
import dev.pingkit.engine.ProbeTarget;
import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * <b>One {@link Pinger} run: iputils' schedule on the engine's turns, and the engine's events passed on as the
 * {@link PingEvent}s a ping front end prints.</b>
 *
 * <p>The schedule is iputils': a token bucket of {@code interval × preload} ({@link SendSchedule}), the flood's next
 * probe at a reply or after 10 ms; with a count, the end once that many probes are answered or errored, or after
 * the final wait (max(2 × max RTT, interval) after the last probe if anything answered, else the reply timeout);
 * with a deadline, when it passes (or at the first error). What arrived before the end but was not read yet still
 * counts: once the time is up, the run looks at the queue without waiting until it finds it empty. Sends go out
 * with {@link Engine#sendNow} from {@link #onTurn}, the end is {@link Engine#finish}: no lock, no allocation per
 * packet, one clock reading per turn.
 *
 * <p>The events: each of the engine's goes on as it is, in a {@link PingEvent.Outcome} that says whether iputils
 * prints it as a duplicate (a corrupted reply to an answered probe is one, as iputils prints it), except a loss the
 * user's stop cut short; ping's own is {@link PingEvent.NoAnswerYet}. As iputils counts it, a reply to a probe an
 * ICMP error already ended still counts as received. The statistics are counted here from the same events, into a
 * {@link PingRecorder} (iputils' arithmetic): the pipe (the most probes in flight) from the probe numbers, and which
 * probes were answered, for the "no answer yet" report and a corrupted reply's duplicate flag.
 */
final class IputilsSchedule implements ProbeListener {
    /** At most this many queued messages are taken once the run's time is up. */
    private static final int DRAIN_LIMIT = 64;

    private final Engine engine;
    private final ProbeTarget target;
    private final ProbeSpec spec;
    private final PingSettings settings;
    private final BooleanSupplier stopped;
    private final PingListener out;
    private final boolean routine;
    private final long count;
    private final boolean hasDeadline;
    private long intervalNanos; // changes after each reply with -A
    private final SendSchedule bucket;
    private final PingRecorder stats;
    private final long[] answered = new long[1024]; // a bit per number & 0xffff: answered by an intact reply
    private boolean started;
    private long deadlineAt = Long.MAX_VALUE;
    private long exitAt = Long.MAX_VALUE;
    private long wakeAt = Long.MAX_VALUE;
    private long transmitted; // probes sent or refused, as iputils counts them
    private long[] lateCounted; // per seq: the number of the probe whose late reply counted (made on the first)
    private long acked; // the newest probe answered or errored (iputils' acknowledge)
    private int draining = -1; // turns spent taking what is queued once the time is up; -1 before that
    IOException failure;

    IputilsSchedule(Engine engine, ProbeTarget target, ProbeSpec spec, PingSettings settings, PingListener out,
                    BooleanSupplier stopped, PingRecorder stats) {
        this.engine = engine;
        this.stats = stats;
        this.target = target;
        this.spec = spec;
        this.settings = settings;
        this.stopped = stopped;
        this.out = out;
        this.routine = out.wantsRoutineEvents();
        this.count = settings.count();
        Duration d = settings.deadline();
        this.hasDeadline = d != null && !d.isZero();
        this.intervalNanos = settings.interval().toNanos();
        this.bucket = new SendSchedule(intervalNanos, settings.preload());
    }

    @Override
    public boolean wantsTurns() {
        return true;
    }

    @Override
    public long nextTurn() {
        return wakeAt;
    }

    @Override
    public boolean wantsRoutineEvents() {
        return routine;
    }

    @Override
    public boolean wantsStrays() {
        return out.wantsForeign();
    }

    @Override
    public boolean wantsMessages() {
        return out.wantsMessages();
    }

    @Override
    public void onTurn(long now, boolean idle) {
        if (!started) {
            started = true;
            stats.start(now);
            if (hasDeadline) {
                deadlineAt = now + settings.deadline().toNanos();
            }
        }
        if (countMet() || hasDeadline && stats.errors() > 0) {
            engine.finish();
            return;
        }
        if (draining >= 0) {
            // Each look at the queue is a turn without waiting: done when one finds it empty.
            if (idle || ++draining >= DRAIN_LIMIT) {
                engine.finish();
            }
            wakeAt = now;
            return;
        }
        if (now >= deadlineAt || now >= exitAt) {
            // What arrived in time but was not read yet (this thread was late: load, a pause) still counts.
            draining = 0;
            wakeAt = now;
            return;
        }
        long wait = Long.MAX_VALUE;
        try {
            while (count == 0 || hasDeadline || transmitted < count) {
                long due = bucket.poll(now, transmitted - acked);
                if (due > 0) {
                    wait = due;
                    break;
                }
                if (!send(now)) {
                    return;
                }
                if (count > 0 && !hasDeadline && transmitted >= count) {
                    exitAt = now + finalWait();
                }
            }
        } catch (IOException e) {
            failure = e;
            engine.finish();
            return;
        }
        if (countMet()) {
            engine.finish(); // the last probe failed at once (a local error): nothing left to wait for
            return;
        }
        wakeAt = Math.min(saturatedAdd(now, wait), Math.min(exitAt, deadlineAt));
    }

    private boolean countMet() {
        return count > 0 && stats.received() + stats.errors() >= count;
    }

    // iputils' __schedule_exit: after some reply, twice the largest RTT but at least one interval; else -W.
    private long finalWait() {
        if (stats.received() > 0) {
            return Math.max(2 * stats.maxMicros() * 1000, intervalNanos);
        }
        return settings.replyTimeout().toNanos();
    }

    /** Sends the next probe; false when the run was stopped meanwhile. */
    private boolean send(long now) throws IOException {
        if (settings.reportOutstanding() && transmitted > 0 && !answered(transmitted)) {
            out.onEvent(new PingEvent.NoAnswerYet(seq(transmitted)));
        }
        transmitted++;
        answered(transmitted, false); // this probe's number from now on
        if (!engine.stopped()) { // the engine sends nothing once stopped
            stats.sent(now);
        }
        engine.sendNow(target, spec, 0);
        return !engine.stopped();
    }

    /** Whether a late reply to {@code p} was counted already; records that one is now (made on the first). */
    private boolean lateAgain(Probe p) {
        if (lateCounted == null) {
            lateCounted = new long[65536] /* one per sequence number */;
        }
        boolean again = lateCounted[p.seq()] == p.number();
        lateCounted[p.seq()] = p.number();
        return again;
    }

    /**
     * iputils' update_interval for -A: the smoothed RTT rounded to whole milliseconds, at least the floor; before
     * the first reply the interval as set.
     */
    private void adapt() {
        if (settings.adaptive() == null) {
            return;
        }
        long estMicros = stats.ewmaMicros() > 0 ? stats.ewmaMicros() : intervalNanos / 1000;
        long ms = (estMicros + 500) / 1000;
        intervalNanos = Math.max(ms * 1_000_000L, settings.adaptive().toNanos());
        bucket.interval(intervalNanos);
    }

    // Numbers 65 536 apart share a bit: the later one's send clears it.
    private boolean answered(long number) {
        int i = (int) (number & 0xffff);
        return (answered[i >>> 6] & (1L << i)) != 0;
    }

    private void answered(long number, boolean yes) {
        int i = (int) (number & 0xffff);
        answered[i >>> 6] = yes ? answered[i >>> 6] | (1L << i) : answered[i >>> 6] & ~(1L << i);
    }

    /** iputils' acknowledge: the newest probe answered counts, and the most in flight up to it is the pipe. */
    private void acknowledge(long number) {
        long behind = transmitted - number;
        if (behind <= 0x7fff) {
            acked = Math.max(acked, number);
            stats.inFlight((int) behind + 1);
        }
    }

    @Override
    public void onSent(int index, long number) {
        out.onSent(seq(number));
    }

    @Override
    public void onAnswered(int index, long number, long rttNanos) {
        answered(number, true);
        stats.reply(rttNanos, false);
        acknowledge(number);
        adapt();
        out.onReply(seq(number));
    }

    @Override
    public void onEvent(ProbeEvent event) {
        boolean duplicate = false;
        if (event instanceof ProbeEvent.Answered a) {
            answered(a.probe().number(), true);
            stats.reply(a.rttNanos(), false);
            acknowledge(a.probe().number());
            adapt();
        } else if (event instanceof ProbeEvent.Duplicate d) {
            stats.reply(d.rttNanos(), true);
            acknowledge(d.probe().number());
            adapt();
            duplicate = true;
        } else if (event instanceof ProbeEvent.Late l) {
            // iputils counts a reply to a probe an error already ended: it never marked that probe answered. The
            // first such reply marks it, so a second copy is a duplicate there, and here.
            boolean again = lateAgain(l.probe());
            acknowledge(l.probe().number());
            stats.reply(l.rttNanos(), again);
            duplicate = again;
        } else if (event instanceof ProbeEvent.Corrupted c) {
            stats.corrupted();
            duplicate = answered(c.probe().number()); // iputils flags a damaged copy of an answered probe DUP!
        } else if (event instanceof ProbeEvent.Failed f) {
            stats.error();
            acknowledge(f.probe().number());
        } else if (event instanceof ProbeEvent.SendFailed) {
            stats.error();
        } else if (event instanceof ProbeEvent.Lost l && (l.stopped() || stopped.getAsBoolean())) {
            return; // a stopped run (Ctrl-C) was cut short: its unanswered probes did not time out
        }
        out.onEvent(new PingEvent.Outcome(event, duplicate));
    }

    private int seq(long number) {
        return (int) (number & settings.sequenceMask()); // PROBE's sequence is 8 bits
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
