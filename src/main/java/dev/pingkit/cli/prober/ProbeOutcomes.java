package dev.pingkit.cli.prober;

/**
 * <b>How each probe of a prober run ended, per target, as the engine reports it.</b> Called on the engine's thread:
 * keep each call quick. The metrics ({@link ProberMetrics}) and the {@code --json} stream ({@link JsonOutcomes}) are
 * the two receivers.
 */
public interface ProbeOutcomes {
    /**
     * A probe to {@code target} left, {@code lateNanos} after it was due (its gap to the target's previous probe
     * minus the interval, 0 when on time or for the first probe).
     */
    void sent(ProberTarget target, int seq, long lateNanos);

    /** The first intact reply to probe {@code seq} came after {@code rttNanos}, with TTL {@code ttl} (-1 unknown). */
    void answered(ProberTarget target, int seq, long rttNanos, int ttl);

    /** A further intact reply to a probe already answered. */
    void duplicate(ProberTarget target, int seq);

    /** An intact reply to probe {@code seq} after it was counted lost (or failed); not counted as answered. */
    void late(ProberTarget target, int seq);

    /** A reply with a bad checksum or a payload other than the probe's (not counted as answered). */
    void corrupted(ProberTarget target, int seq);

    /** An ICMP error (unreachable, time exceeded, ...) quoting probe {@code seq}; {@code type}/{@code code} its. */
    void errorReply(ProberTarget target, int seq, int type, int code);

    /** Sending probe {@code seq} failed locally (no route, ...). */
    void sendError(ProberTarget target, int seq);

    /** Probe {@code seq} got neither a reply nor an error in time. */
    void lost(ProberTarget target, int seq);

    /** The target's host name did not resolve on a reload; the target keeps its last address. */
    void resolveError(ProberTarget target);
}
