package dev.pingkit.trace;

import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.IcmpMessage;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * <b>How one TTL-limited probe of a trace ended: answered by a hop (time exceeded, unreachable), by the
 * destination (echo reply), or not at all.</b>
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
 * @param id           its ICMP identifier on the wire (the kernel's for a datagram socket), -1 when unknown
 * @param sentAtNanos  when it left, CLOCK_REALTIME nanoseconds (the engine's send stamp), 0 when unknown or never
 *                     sent
 */
public record TraceProbe(int ttl, int index, int seq, InetAddress from, long rttNanos, int replyTtl,
                         IcmpMessage message, boolean quoteAltered, int id, long sentAtNanos) {

    /** <b>A probe with no identifier or send time known</b> (one built by hand). */
    public TraceProbe(int ttl, int index, int seq, InetAddress from, long rttNanos, int replyTtl, IcmpMessage message,
                      boolean quoteAltered) {
        this(ttl, index, seq, from, rttNanos, replyTtl, message, quoteAltered, -1, 0);
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
        return from == null;
    }

    /** <b>True when the destination answered: an echo reply.</b> */
    public boolean reached() {
        return message != null && message.isEchoReply();
    }

    /** <b>True when the answer is a destination unreachable</b> (which ends a trace, like an echo reply). */
    public boolean unreachable() {
        return message != null && message.type() == (message.family() == 4 ? 3 : 1);
    }

    /** <b>True when the answer ends the trace at this hop: the destination's reply or an unreachable.</b> */
    public boolean isFinal() {
        return reached() || unreachable();
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
        long us = rttNanos / 1000;
        return "ttl " + ttl + " #" + (index + 1) + " " + Addresses.text(from) + " " + us / 1000 + "."
                + String.valueOf(1000 + us % 1000).substring(1) + " ms " + message.typeName()
                + (quoteAltered ? " (quote altered)" : "");
    }
}
