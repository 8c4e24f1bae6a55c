package dev.pingkit.trace;

import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.IcmpMessage;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * <b>How one TTL-limited probe of a trace ended: answered by a hop (time exceeded, unreachable), by the
 * destination (echo reply), refused by the local kernel (too big to go out with DF set), or not at all.</b>
 *
 * @param ttl          the probe's TTL / hop limit
 * @param index        its number within the hop, 0-based
 * @param seq          its ICMP sequence number
 * @param from         who answered, null when nothing came back in time
 * @param rttNanos     kernel receive time minus send time, -1 when nothing came back
 * @param replyTtl     TTL / hop limit of the answer as it arrived, -1 when unknown or none
 * @param message      the answer decoded (a time exceeded with its quote, an unreachable, an echo reply), or null
 * @param quoteAltered the datagram an ICMP error quotes differs from the probe sent (beyond the TTL and checksum a
 *                     router changes): a hop rewrote it
 * @param refusedMtu   the path MTU the local kernel reported when it refused to send the probe (EMSGSIZE with DF
 *                     set: traceroute's {@code !F-mtu} without any ICMP message), else 0
 * @param id           its ICMP identifier on the wire (the kernel's for a datagram socket), -1 when unknown
 * @param sentAtNanos  when it left, CLOCK_REALTIME nanoseconds (the engine's send stamp), 0 when unknown or never
 *                     sent
 */
public record TraceProbe(int ttl, int index, int seq, InetAddress from, long rttNanos, int replyTtl,
                         IcmpMessage message, boolean quoteAltered, int refusedMtu, int id, long sentAtNanos) {

    /** <b>A probe with no identifier or send time known</b> (one built by hand). */
    public TraceProbe(int ttl, int index, int seq, InetAddress from, long rttNanos, int replyTtl, IcmpMessage message,
                      boolean quoteAltered) {
        this(ttl, index, seq, from, rttNanos, replyTtl, message, quoteAltered, 0, -1, 0);
    }

    /** <b>A probe that went out</b> (answered when {@code from} is set), with its identifier and send stamp. */
    public TraceProbe(int ttl, int index, int seq, InetAddress from, long rttNanos, int replyTtl, IcmpMessage message,
                      boolean quoteAltered, int id, long sentAtNanos) {
        this(ttl, index, seq, from, rttNanos, replyTtl, message, quoteAltered, 0, id, sentAtNanos);
    }

    /**
     * <b>A probe the local kernel refused to send</b>: with DF set it is larger than the path MTU {@code mtu} it
     * knows; {@code rttNanos} is how long the refusal took to be reported.
     */
    public static TraceProbe refused(int ttl, int index, int seq, long rttNanos, int mtu) {
        if (mtu <= 0) {
            throw new IllegalArgumentException("mtu must be positive, got " + mtu);
        }
        return new TraceProbe(ttl, index, seq, null, rttNanos, -1, null, false, mtu, -1, 0);
    }

    /** <b>A probe nothing answered in time.</b> */
    public static TraceProbe timeout(int ttl, int index, int seq) {
        return timeout(ttl, index, seq, -1, 0);
    }

    /** <b>A probe nothing answered in time, with its identifier and send time.</b> */
    public static TraceProbe timeout(int ttl, int index, int seq, int id, long sentAtNanos) {
        return new TraceProbe(ttl, index, seq, null, -1, -1, null, false, id, sentAtNanos);
    }

    /** <b>True when nothing came back in time</b> (traceroute's {@code *}). */
    public boolean timedOut() {
        return from == null && refusedMtu == 0;
    }

    /** <b>True when the local kernel refused to send the probe</b> ({@link #refusedMtu()} says why). */
    public boolean refused() {
        return refusedMtu > 0;
    }

    /** <b>True when the destination answered: an echo reply.</b> */
    public boolean reached() {
        return message != null && message.isEchoReply();
    }

    /** <b>True when the answer is a destination unreachable</b> (which ends a trace, like an echo reply). */
    public boolean unreachable() {
        return message != null && message.type() == (message.family() == 4 ? 3 : 1);
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
        return Optional.ofNullable(from);
    }

    /** <b>The round-trip time</b>, empty for a timeout. */
    public Optional<Duration> rtt() {
        return rttNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(rttNanos));
    }

    /** <b>One line: {@code ttl 3 #1 198.18.10.2 0.123 ms time-exceeded} or {@code ttl 3 #2 *}.</b> */
    @Override
    public String toString() {
        if (timedOut()) {
            return "ttl " + ttl + " #" + (index + 1) + " *";
        }
        if (refused()) {
            return "ttl " + ttl + " #" + (index + 1) + " refused: larger than the path MTU " + refusedMtu;
        }
        long us = rttNanos / 1000;
        return "ttl " + ttl + " #" + (index + 1) + " " + Addresses.text(from) + " " + us / 1000 + "."
                + String.valueOf(1000 + us % 1000).substring(1) + " ms " + message.typeName()
                + (quoteAltered ? " (quote altered)" : "");
    }
}
