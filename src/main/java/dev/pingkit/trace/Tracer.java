package dev.pingkit.trace;

import dev.pingkit.engine.Engine;
import dev.pingkit.engine.EngineOptions;
import dev.pingkit.engine.Probe;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.engine.ProbeListener;
import dev.pingkit.engine.ProbeSpec;
import dev.pingkit.engine.ProbeTarget;
import dev.pingkit.engine.TargetPlan;
import dev.pingkit.engine.TimeSource;
import dev.pingkit.packet.EchoMessage;
import dev.pingkit.packet.IcmpMessage;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * <b>Traces the path to a target with TTL-limited echo requests on the {@link Engine}, traceroute's way</b>: what
 * {@link Trace#run} runs. Probes go out {@link Trace#simultaneous()} at a time over the engine's one socket (so a
 * trace costs about one round trip per batch, not one per hop); the engine's matcher ends each probe answered (the
 * target's echo reply), failed (an ICMP error quoting it: time exceeded, unreachable) or lost. On top of that the
 * tracer applies traceroute's wait: a probe still unanswered once a probe of the same hop has answered
 * (× {@code waitHere}) or one of a later hop (× {@code waitNear}) is a timeout ({@code *}) without waiting for the
 * longest wait. The trace ends with the hop whose answer is final (the destination's reply, an unreachable) or at
 * the maximum TTL.
 */
final class Tracer implements AutoCloseable {
    /** traceroute adds a millisecond to an RTT before multiplying it, so a tiny RTT still gives a usable wait. */
    private static final long WAIT_PRECISION_NANOS = 1_000_000;

    private final Trace trace; // resolved: its target is known
    private final Engine engine;
    private final TimeSource time;
    private final int q;
    private final int n;
    private final byte[] payload;
    private final long[] sentMono;
    private final boolean[] requested;
    private final long[] requestedMono;
    private final Probe[] probes;
    private final TraceProbe[] result;
    private final List<TraceProbe> done = new ArrayList<>();
    private ProbeTarget target;
    private TraceListener out = TraceListener.NONE;
    private int next;
    private int end;
    private long lastRequest = Long.MIN_VALUE / 2;
    private long wake = Long.MAX_VALUE;
    private boolean ran;

    /** A tracer of a resolved trace over an engine and its clock. It owns the engine. */
    Tracer(Trace trace, Engine engine, TimeSource time) {
        this.trace = Objects.requireNonNull(trace, "trace");
        if (trace.target() == null) {
            throw new IllegalArgumentException("a tracer needs a resolved trace, got " + trace);
        }
        this.engine = Objects.requireNonNull(engine, "engine");
        this.time = Objects.requireNonNull(time, "time");
        this.q = trace.probes();
        this.n = (trace.maxHops() - trace.firstHop() + 1) * q;
        this.end = n;
        this.payload = trace.payload();
        this.sentMono = new long[n];
        this.requested = new boolean[n];
        this.requestedMono = new long[n];
        this.probes = new Probe[n];
        this.result = new TraceProbe[n];
    }

    /**
     * The engine options of {@code trace}'s socket (raw when permitted, else a datagram ping socket; in its
     * namespace, bound as asked).
     */
    static EngineOptions options(Trace trace) {
        EngineOptions o = EngineOptions.defaults();
        if (trace.tos() >= 0) {
            o = o.tos(trace.tos());
        }
        if (trace.dontFragment()) {
            o = o.dontFragment(true);
        }
        return o.source(trace.source()).device(trace.device()).netns(trace.netns());
    }

    /**
     * <b>Runs the trace; each probe goes to {@code listener} (on this thread) as soon as it and every probe before
     * it have ended.</b> Returns every probe up to the final hop (or the maximum TTL), in order. A tracer runs once.
     *
     * @throws IOException if no ICMP socket may be opened or it fails; a {@link #stop()} is a normal end,
     *                     returning what ended so far
     */
    List<TraceProbe> run(TraceListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            if (ran) {
                throw new IllegalStateException("a tracer runs once");
            }
            ran = true;
        }
        out = listener;
        try {
            target = engine.add(trace.target(), TargetPlan.explicit());
            advance(time.nanoTime(), false);
            engine.run(new Events());
        } catch (IllegalStateException e) {
            if (!engine.stopped()) {
                throw e;
            }
            // stopped before the run began: nothing ended
        }
        return List.copyOf(done);
    }

    /** The engine's events and turns, on the run's thread. */
    private final class Events implements ProbeListener {
        @Override
        public void onEvent(ProbeEvent e) {
            Probe p = e.probe();
            int i = p == null ? -1 : p.tag() - 1;
            if (i < 0 || i >= n) {
                return;
            }
            if (e instanceof ProbeEvent.Sent) {
                probes[i] = p;
                sentMono[i] = Math.max(1, time.nanoTime()); // 0 means "not sent" to the wait rule's forward scan
                return;
            }
            if (result[i] == null) {
                if (e instanceof ProbeEvent.Answered) {
                    result[i] = new TraceProbe(ttlOf(i), i % q, e);
                } else if (e instanceof ProbeEvent.Failed f) {
                    result[i] = new TraceProbe(ttlOf(i), i % q, e, quoteAltered(p, f.error()), 0);
                } else if (e instanceof ProbeEvent.SendFailed sf) {
                    // with an MTU: too big for the path with DF set, the kernel said so at once and no hop ever
                    // sees the probe; traceroute prints how long that took
                    result[i] = new TraceProbe(ttlOf(i), i % q, e, false,
                            sf.mtu() > 0 ? Math.max(0, time.nanoTime() - requestedMono[i]) : 0);
                } else if (e instanceof ProbeEvent.Lost l && !l.stopped()) {
                    result[i] = new TraceProbe(ttlOf(i), i % q, e);
                }
            }
            advance(time.nanoTime(), false);
        }

        @Override
        public boolean wantsMessages() {
            return true;
        }

        @Override
        public boolean wantsTurns() {
            return true;
        }

        @Override
        public void onTurn(long now, boolean idle) {
            // Only when nothing is queued: a slow (cold, loaded) JVM may find a probe's time up while its answer
            // waits in the socket.
            advance(now, idle);
        }

        @Override
        public long nextTurn() {
            return wake;
        }
    }

    private int ttlOf(int i) {
        return trace.firstHop() + i / q;
    }

    /**
     * Applies the wait rule (when {@code expire}: only once the socket's queue is known empty), hands over what
     * ended in order, ends the run or asks for the next probes.
     */
    private void advance(long now, boolean expire) {
        long nextWake = Long.MAX_VALUE;
        for (int i = next; i < end; i++) {
            if (result[i] == null && sentMono[i] != 0) {
                long due = sentMono[i] + waitFor(i);
                if (due <= now && expire) {
                    // the wait rule gives up before the engine's timeout: the probe is lost to the trace
                    result[i] = new TraceProbe(ttlOf(i), i % q, new ProbeEvent.Lost(probes[i], false));
                } else {
                    nextWake = Math.min(nextWake, due);
                }
            }
        }
        while (next < end && result[next] != null) {
            TraceProbe p = result[next++];
            done.add(p);
            out.onProbe(p);
            if (p.isFinal()) {
                end = Math.min(end, (p.ttl() - trace.firstHop() + 1) * q);
            }
        }
        if (next >= end) {
            wake = Long.MAX_VALUE;
            engine.stop(); // probes still in flight (past the end, or given up by the wait rule) end here
            return;
        }
        int inFlight = 0;
        for (int i = next; i < end; i++) {
            if (requested[i] && result[i] == null) {
                inFlight++;
            }
        }
        long gap = trace.gap().toNanos();
        for (int i = next; i < end && inFlight < trace.simultaneous(); i++) {
            if (requested[i]) {
                continue;
            }
            if (gap > 0 && now - lastRequest < gap) {
                nextWake = Math.min(nextWake, lastRequest + gap);
                break;
            }
            // The engine's own timeout is the longest wait; the wait rule usually ends the probe sooner.
            engine.probe(target, ProbeSpec.DEFAULT.payload(payload).ttl(ttlOf(i)).timeout(trace.waitMax()), i + 1);
            requested[i] = true;
            requestedMono[i] = now;
            lastRequest = now;
            inFlight++;
        }
        wake = nextWake;
    }

    // traceroute's get_timeout(): a multiple of an answered probe's RTT of this hop, else of a later one, capped.
    private long waitFor(int i) {
        long max = trace.waitMax().toNanos();
        if (trace.waitHere() > 0) {
            int first = i - i % q;
            for (int k = first; k < first + q; k++) {
                if (result[k] != null && result[k].from() != null) {
                    return Math.min(max, (long) ((result[k].rttNanos() + WAIT_PRECISION_NANOS) * trace.waitHere()));
                }
            }
        }
        if (trace.waitNear() > 0) {
            for (int k = i + 1; k < n && sentMono[k] != 0; k++) {
                if (result[k] != null && result[k].from() != null) {
                    return Math.min(max, (long) ((result[k].rttNanos() + WAIT_PRECISION_NANOS) * trace.waitNear()));
                }
            }
        }
        return max;
    }

    /**
     * True when the echo request an ICMP error quotes differs from the probe sent in a byte a router has no business
     * changing: type, code, (raw IPv4) checksum, or the quoted part of the payload. Identifier and sequence number
     * were matched already; the ICMPv6 and datagram-socket checksums are the kernel's, so they are skipped; a
     * datagram socket's error report quotes our own copy, so there is nothing to compare.
     */
    private boolean quoteAltered(Probe p, IcmpMessage error) {
        if (error.fromErrorQueue() || error.quoted().isEmpty()) {
            return false;
        }
        byte[] d = error.payload();
        int fam = trace.family();
        int off = fam == 4 ? (d.length > 0 ? (d[0] & 0x0f) * 4 : 0) : 40;
        if (d.length - off < 8) {
            return false;
        }
        byte[] expected = EchoMessage.request(fam).identifier(p.id()).sequence(p.seq()).data(payload).build()
                .toBytes();
        // only a raw IPv4 socket sends our checksum; the kernel writes the others, so theirs is not compared
        boolean ourChecksum = fam == 4 && engine.raw(trace.target());
        int len = Math.min(d.length - off, expected.length);
        for (int k = 0; k < len; k++) {
            if (!ourChecksum && (k == 2 || k == 3)) {
                continue;
            }
            if (d[off + k] != expected[k]) {
                return true;
            }
        }
        return false;
    }

    /** Ends the run as soon as possible; thread-safe. {@link #run} returns the probes ended so far. */
    void stop() {
        engine.stop();
    }

    /** Closes the engine and its socket; idempotent. */
    @Override
    public void close() {
        engine.close();
    }

    /** One line: target and trace. */
    @Override
    public String toString() {
        return "Tracer[" + trace.target().getHostAddress() + " ttl " + trace.firstHop() + ".."
                + trace.maxHops() + " x" + q + "]";
    }
}
