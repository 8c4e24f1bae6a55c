package dev.pingkit.sweep;

import dev.pingkit.engine.Probe;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.IcmpMessage;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * <b>Something that happened to one probe of a {@link Sweep}: the engine's {@link ProbeEvent} with the sweep's
 * target and the probe's attempt number for it.</b> Every probe ends exactly once, as an
 * {@link ProbeEvent.Answered}, a {@link ProbeEvent.Lost}, a {@link ProbeEvent.Failed} or a
 * {@link ProbeEvent.SendFailed}; a {@link ProbeEvent.Duplicate} or {@link ProbeEvent.Corrupted} reply comes beside
 * it (a late reply is dropped, as fping drops it). Front ends turn these into fping lines, JSON or REPL output; the
 * accessors below read the outcome, so no field is kept twice.
 *
 * @param target  the target the probe went to
 * @param attempt the probe's 0-based number for its target (fping's {@code [n]})
 * @param outcome what the engine says happened to it; its {@link ProbeEvent#probe() probe} is null in an event made
 *                without an engine (a test's)
 */
public record SweepEvent(SweepTarget target, int attempt, ProbeEvent outcome) {

    /** Checks that the outcome is one a sweep reports. */
    public SweepEvent {
        Objects.requireNonNull(target, "target");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0, got " + attempt);
        }
        if (!(outcome instanceof ProbeEvent.Answered || outcome instanceof ProbeEvent.Duplicate
                || outcome instanceof ProbeEvent.Corrupted || outcome instanceof ProbeEvent.Failed
                || outcome instanceof ProbeEvent.Lost || outcome instanceof ProbeEvent.SendFailed)) {
            throw new IllegalArgumentException("outcome must be an answer, duplicate, corrupted reply, failure, loss"
                    + " or refused send, got " + outcome);
        }
    }

    /** <b>True for a reply: the answer, a duplicate or a damaged one.</b> */
    public boolean isReply() {
        return outcome instanceof ProbeEvent.Reply;
    }

    /** <b>True for the reply that answers the probe: first and intact.</b> */
    public boolean answers() {
        return outcome instanceof ProbeEvent.Answered;
    }

    /** <b>True for another intact reply to a probe already answered.</b> */
    public boolean duplicate() {
        return outcome instanceof ProbeEvent.Duplicate;
    }

    /** <b>True unless this is a reply with a bad checksum or another payload than the probe's.</b> */
    public boolean intact() {
        return !(outcome instanceof ProbeEvent.Corrupted);
    }

    /** <b>True when the probe ended without an answer: lost or failed (fping retries these).</b> */
    public boolean unanswered() {
        return outcome instanceof ProbeEvent.Lost || outcome instanceof ProbeEvent.Failed;
    }

    /** <b>Who replied, or who sent the ICMP error; null for a loss or a refused send.</b> */
    public InetAddress from() {
        return outcome instanceof ProbeEvent.Response r ? r.from() : null;
    }

    /** <b>A reply's ICMP length (header + data), what fping prints as "N bytes"; 0 for anything else.</b> */
    public int bytes() {
        return outcome instanceof ProbeEvent.Reply r ? r.length() : 0;
    }

    /** <b>Receive time minus the probe's send time, for a reply or an ICMP error; -1 otherwise.</b> */
    public long rttNanos() {
        return outcome instanceof ProbeEvent.Response r ? r.rttNanos() : -1;
    }

    /** <b>The reply's or error's TTL / hop limit as it arrived, -1 if the kernel did not say or nothing came.</b> */
    public int ttl() {
        return outcome instanceof ProbeEvent.Response r ? r.ttl() : -1;
    }

    /**
     * <b>What came back decoded</b>: the ICMP error of a failure, or a reply when the listener
     * {@link SweepListener#wantsMessages() asked}; else null.
     */
    public IcmpMessage message() {
        return outcome instanceof ProbeEvent.Response r ? r.message() : null;
    }

    /** <b>The probe as the engine sent it</b> (id, seq, TTL, TOS, size on the wire), null if not from an engine. */
    public Probe sent() {
        return outcome.probe();
    }

    /** <b>When the probe left, CLOCK_REALTIME nanoseconds</b> (the engine's send stamp), 0 if unknown or refused. */
    public long sentAtNanos() {
        return outcome.probe() == null ? 0 : outcome.probe().sentAtNanos();
    }

    /**
     * <b>For a failure, the error's name and who sent it</b>, e.g. {@code host-unreachable from 198.18.129.9};
     * null for anything else.
     */
    public String reason() {
        if (!(outcome instanceof ProbeEvent.Failed f)) {
            return null;
        }
        IcmpMessage error = f.error();
        String what = error.codeName() == null || error.codeName().isEmpty() ? error.typeName() : error.codeName();
        return what + " from " + Addresses.text(f.reporter());
    }

    /** One line: {@code 127.0.0.1 [0] 64 bytes 0.042 ms}, {@code ... timed out}, {@code ... not sent: ...}. */
    @Override
    public String toString() {
        String head = target.name() + " [" + attempt + "] ";
        if (isReply()) {
            return head + bytes() + " bytes " + String.format(Locale.ROOT, "%.3f ms", rttNanos() / 1e6)
                    + (duplicate() ? " (duplicate)" : "") + (intact() ? "" : " (damaged)");
        } else if (outcome instanceof ProbeEvent.Failed) {
            return head + reason();
        } else if (outcome instanceof ProbeEvent.SendFailed s) {
            return head + "not sent: " + s.errnoDescription();
        }
        return head + "timed out";
    }
}
