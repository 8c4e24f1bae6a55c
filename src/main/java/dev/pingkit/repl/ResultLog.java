package dev.pingkit.repl;

import dev.pingkit.batch.ProbeResult;
import dev.pingkit.batch.Results;
import dev.pingkit.engine.Probe;
import dev.pingkit.engine.Query;
import dev.pingkit.sweep.SweepEvent;
import dev.pingkit.trace.Trace;
import dev.pingkit.trace.TraceProbe;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code send}, {@code ping}, {@code sweep} and {@code trace} collect in a session, for {@code results},
 * {@code save} and {@code plot}. A sweep's or a trace's probe is recorded from the mode's own event, which carries
 * the engine's probe (id, seq, TTL, TOS, size) and send stamp: nothing is re-derived from the printed outcome.
 */
final class ResultLog {
    private final List<ProbeResult> probes = new ArrayList<>();
    private boolean csvHeaderShown;

    synchronized void add(ProbeResult p) {
        probes.add(p);
    }

    synchronized void addAll(Results r) {
        probes.addAll(r.all());
    }

    /**
     * A sweep's probe as it ended: its answer, ICMP error, loss or refused send. A duplicate or damaged reply ends
     * nothing (the probe may still be answered or lost) and adds nothing.
     */
    void addSweep(SweepEvent e) {
        Probe p = e.sent();
        if (p == null || e.isReply() && !e.answers()) {
            return;
        }
        Query q = Query.to(e.target().address()).id(p.id()).seq(p.seq()).size(p.size());
        q = p.ttl() >= 0 ? q.ttl(p.ttl()) : q;
        q = p.tos() >= 0 ? q.tos(p.tos()) : q;
        add(ProbeResult.of(q, e.sentAtNanos() != 0 ? e.sentAtNanos() : now(), e.outcome()));
    }

    /**
     * A trace's probe: answered by the destination's echo reply, an ICMP error from a hop (time exceeded,
     * unreachable; its RTT kept, a hop's time), lost, or refused by the kernel. Its request is the trace's own: the
     * target, the probe's TTL and traceroute's payload.
     */
    void addTrace(Trace trace, TraceProbe t) {
        Query q = Query.to(trace.target()).id(Math.max(0, t.id())).seq(Math.max(0, t.seq())).payload(trace.payload())
                .ttl(t.ttl());
        q = trace.tos() >= 0 ? q.tos(trace.tos()) : q;
        add(ProbeResult.of(q, t.sentAtNanos() != 0 ? t.sentAtNanos() : now(), t.outcome(), true));
    }

    private static long now() {
        java.time.Instant i = java.time.Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    synchronized void clear() {
        probes.clear();
    }

    synchronized Results snapshot() {
        return Results.of(probes);
    }

    /** True the first time it is asked: {@code send --csv} prints the header line once per session. */
    synchronized boolean firstCsvLine() {
        boolean first = !csvHeaderShown;
        csvHeaderShown = true;
        return first;
    }
}
