package dev.pingkit.cli.prober;

import dev.pingkit.engine.ProbeEvent;

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

    /**
     * What the engine says about a probe to {@code target} after it left, as it says it: its end (answered, failed
     * by an ICMP error, refused by the kernel, lost) or a reply beside it (duplicate, late, corrupted); never a
     * {@code Sent}, a {@code Stray} or an {@code Advisory}.
     */
    void outcome(ProberTarget target, ProbeEvent event);

    /** The target's host name did not resolve on a reload; the target keeps its last address. */
    void resolveError(ProberTarget target);
}
