package dev.pingkit.cli.prober;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * <b>Every target's series, kept for the life of the process.</b> A target dropped from the targets file keeps its
 * series (Prometheus counters must not vanish and reappear from zero), as does one whose name stops resolving; a
 * scrape lists them in the order they were first probed.
 */
final class SeriesBook implements ProbeOutcomes {
    private final Buckets buckets;
    private final Map<ProbeTarget, TargetSeries> byTarget = new ConcurrentHashMap<>();
    private volatile List<TargetSeries> ordered = List.of();
    private final Lateness lateness = new Lateness();

    SeriesBook(Buckets buckets) {
        this.buckets = buckets;
    }

    Buckets buckets() {
        return buckets;
    }

    /** The series of {@code target}, made on first use. */
    TargetSeries of(ProbeTarget target) {
        TargetSeries s = byTarget.get(target);
        return s != null ? s : create(target);
    }

    private synchronized TargetSeries create(ProbeTarget target) {
        TargetSeries s = byTarget.get(target);
        if (s == null) {
            s = new TargetSeries(target, buckets);
            List<TargetSeries> next = new ArrayList<>(ordered.size() + 1);
            next.addAll(ordered);
            next.add(s);
            ordered = List.copyOf(next);
            byTarget.put(target, s);
        }
        return s;
    }

    /** How late the probes left, all targets together. */
    Lateness lateness() {
        return lateness;
    }

    /** Every series, in order of creation (a stable view: later additions do not show in it). */
    List<TargetSeries> all() {
        return ordered;
    }

    @Override
    public void sent(ProbeTarget target, int seq, long lateNanos) {
        of(target).sent();
        lateness.record(lateNanos);
    }

    @Override
    public void answered(ProbeTarget target, int seq, long rttNanos, int ttl) {
        of(target).answered(rttNanos, ttl);
    }

    @Override
    public void duplicate(ProbeTarget target, int seq) {
        of(target).duplicate();
    }

    @Override
    public void late(ProbeTarget target, int seq) {
        of(target).late();
    }

    @Override
    public void corrupted(ProbeTarget target, int seq) {
        of(target).corrupted();
    }

    @Override
    public void errorReply(ProbeTarget target, int seq, int type, int code) {
        of(target).errorReply();
    }

    @Override
    public void sendError(ProbeTarget target, int seq) {
        of(target).sendError();
    }

    @Override
    public void lost(ProbeTarget target, int seq) {
        of(target).lost();
    }

    @Override
    public void resolveError(ProbeTarget target) {
        of(target).resolveError();
    }
}
