package dev.pingkit.cli.prober;

import java.nio.charset.StandardCharsets;

/**
 * <b>The counters, RTT histogram and gauges of one target, in constant memory.</b> The engine's thread writes, a
 * scrape reads; each method holds the series' lock for a few field updates, so a scrape sees one probe's outcome
 * whole or not at all.
 */
final class TargetSeries {
    private final ProbeTarget target;
    private final Buckets buckets;
    private final byte[] labels;

    private final long[] bucketCounts;
    private long requests;
    private long answered;
    private long rttSumNanos;
    private long duplicates;
    private long late;
    private long corrupted;
    private long errorReplies;
    private long sendErrors;
    private long lost;
    private long resolveErrors;
    private long lastRttNanos = -1;
    private int lastTtl = -1;

    TargetSeries(ProbeTarget target, Buckets buckets) {
        this.target = target;
        this.buckets = buckets;
        this.bucketCounts = new long[buckets.size() + 1];
        this.labels = ("ip=\"" + OpenMetrics.escape(target.ip()) + "\",host=\"" + OpenMetrics.escape(target.host())
                + "\"").getBytes(StandardCharsets.UTF_8);
    }

    ProbeTarget target() {
        return target;
    }

    /** The {@code ip="...",host="..."} label pairs, escaped, without braces. */
    byte[] labels() {
        return labels;
    }

    synchronized void sent() {
        requests++;
    }

    synchronized void answered(long rttNanos, int ttl) {
        answered++;
        rttSumNanos += rttNanos;
        bucketCounts[buckets.indexOf(rttNanos)]++;
        lastRttNanos = rttNanos;
        if (ttl >= 0) {
            lastTtl = ttl;
        }
    }

    synchronized void duplicate() {
        duplicates++;
    }

    synchronized void late() {
        late++;
    }

    synchronized void corrupted() {
        corrupted++;
    }

    synchronized void errorReply() {
        errorReplies++;
    }

    synchronized void sendError() {
        sendErrors++;
    }

    synchronized void lost() {
        lost++;
    }

    synchronized void resolveError() {
        resolveErrors++;
    }

    /** A consistent copy of every value, for one scrape. */
    synchronized Snapshot snapshot() {
        return new Snapshot(requests, answered, rttSumNanos, bucketCounts.clone(), duplicates, late, corrupted,
                errorReplies, sendErrors, lost, resolveErrors, lastRttNanos, lastTtl);
    }

    /**
     * <b>The series' values at one instant.</b> {@code bucketCounts} are per bucket (not cumulative), the last one
     * {@code +Inf}; {@code lastRttNanos} and {@code lastTtl} are -1 before the first reply.
     */
    record Snapshot(long requests, long answered, long rttSumNanos, long[] bucketCounts, long duplicates,
                    long late, long corrupted, long errorReplies, long sendErrors, long lost, long resolveErrors,
                    long lastRttNanos, int lastTtl) {
    }
}
