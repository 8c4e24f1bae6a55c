package dev.pingkit.trace;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.IcmpMessage;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * <b>How one TTL-limited probe of a trace ended: the engine's {@link ProbeEvent} with the probe's TTL and its index
 * within the hop</b>, answered by a hop (a {@link ProbeEvent.Failed}: time exceeded, unreachable), by the destination
 * (a {@link ProbeEvent.Answered} echo reply), refused by the local kernel (a {@link ProbeEvent.SendFailed}: too big
 * to go out with DF set), or not at all (a {@link ProbeEvent.Lost}: at its timeout, or given up by traceroute's wait
 * rule). Every accessor below reads the outcome.
 *
 * @param ttl          the probe's TTL / hop limit
 * @param index        its number within the hop, 0-based
 * @param outcome      how the engine (or the wait rule) ended it; its probe is null in one built by hand
 * @param quoteAltered the datagram an ICMP error quotes differs from the probe sent (beyond the TTL and checksum a
 *                     router changes): a hop rewrote it
 * @param refusalNanos for a probe the local kernel refused, how long the refusal took to be reported (what
 *                     traceroute prints before {@code !F-mtu}); else 0
 */
public record TraceProbe(int ttl, int index, ProbeEvent outcome, boolean quoteAltered, long refusalNanos) {

    /** Checks that the outcome ends a probe. */
    public TraceProbe {
        if (!(outcome instanceof ProbeEvent.Answered || outcome instanceof ProbeEvent.Failed
                || outcome instanceof ProbeEvent.Lost || outcome instanceof ProbeEvent.SendFailed)) {
            throw new IllegalArgumentException("outcome must be an answer, a failure, a loss or a refused send, got "
                    + outcome);
        }
        if (refusalNanos < 0) {
            throw new IllegalArgumentException("refusalNanos must be >= 0, got " + refusalNanos);
        }
    }

    /** <b>A probe that ended as {@code outcome}</b>, its quote intact and no refusal timed. */
    public TraceProbe(int ttl, int index, ProbeEvent outcome) {
        this(ttl, index, outcome, false, 0);
    }

    /** <b>Its ICMP sequence number, -1 when unknown</b> (built by hand). */
    public int seq() {
        return outcome.probe() == null ? -1 : outcome.probe().seq();
    }

    /** <b>Its ICMP identifier on the wire (the kernel's for a datagram socket), -1 when unknown.</b> */
    public int id() {
        return outcome.probe() == null ? -1 : outcome.probe().id();
    }

    /** <b>When it left, CLOCK_REALTIME nanoseconds (the engine's send stamp), 0 when unknown or never sent.</b> */
    public long sentAtNanos() {
        return outcome.probe() == null ? 0 : outcome.probe().sentAtNanos();
    }

    /** <b>Who answered, null when nothing came back in time.</b> */
    public InetAddress from() {
        return outcome instanceof ProbeEvent.Response r ? r.from() : null;
    }

    /**
     * <b>Kernel receive time minus send time; for a refused probe how long the refusal took; -1 when nothing came
     * back.</b>
     */
    public long rttNanos() {
        if (outcome instanceof ProbeEvent.Response r) {
            return r.rttNanos();
        }
        return refused() ? refusalNanos : -1;
    }

    /** <b>TTL / hop limit of the answer as it arrived, -1 when unknown or none.</b> */
    public int replyTtl() {
        return outcome instanceof ProbeEvent.Response r ? r.ttl() : -1;
    }

    /** <b>The answer decoded (a time exceeded with its quote, an unreachable, an echo reply), or null.</b> */
    public IcmpMessage message() {
        return outcome instanceof ProbeEvent.Response r ? r.message() : null;
    }

    /**
     * <b>The path MTU the local kernel reported when it refused to send the probe</b> (EMSGSIZE with DF set:
     * traceroute's {@code !F-mtu} without any ICMP message), else 0.
     */
    public int refusedMtu() {
        return outcome instanceof ProbeEvent.SendFailed s ? s.mtu() : 0;
    }

    /** <b>True when nothing came back in time</b> (traceroute's {@code *}). */
    public boolean timedOut() {
        return from() == null && !refused();
    }

    /** <b>True when the local kernel refused to send the probe</b> ({@link #refusedMtu()} says why). */
    public boolean refused() {
        return refusedMtu() > 0;
    }

    /** <b>True when the destination answered: an echo reply.</b> */
    public boolean reached() {
        return outcome instanceof ProbeEvent.Answered a && a.message() != null && a.message().isEchoReply();
    }

    /** <b>True when the answer is a destination unreachable</b> (which ends a trace, like an echo reply). */
    public boolean unreachable() {
        IcmpMessage m = message();
        return m != null && m.type() == (m.family() == 4 ? 3 : 1);
    }

    /**
     * <b>True when the probe ends the trace at this hop: the destination's reply, an unreachable, or a local
     * refusal</b> (a larger TTL cannot make a probe too big for the first link fit; traceroute stops there too).
     */
    public boolean isFinal() {
        return reached() || unreachable() || refused();
    }

    /** <b>The answer's source</b>, empty for a timeout. */
    public Optional<InetAddress> address() {
        return Optional.ofNullable(from());
    }

    /** <b>The round-trip time</b>, empty for a timeout. */
    public Optional<Duration> rtt() {
        long rtt = rttNanos();
        return rtt < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(rtt));
    }

    /** <b>One line: {@code ttl 3 #1 198.18.10.2 0.123 ms time-exceeded} or {@code ttl 3 #2 *}.</b> */
    @Override
    public String toString() {
        if (timedOut()) {
            return "ttl " + ttl + " #" + (index + 1) + " *";
        }
        if (refused()) {
            return "ttl " + ttl + " #" + (index + 1) + " refused: larger than the path MTU " + refusedMtu();
        }
        long us = rttNanos() / 1000;
        return "ttl " + ttl + " #" + (index + 1) + " " + Addresses.text(from()) + " " + us / 1000 + "."
                + String.valueOf(1000 + us % 1000).substring(1) + " ms " + message().typeName()
                + (quoteAltered ? " (quote altered)" : "");
    }
}
