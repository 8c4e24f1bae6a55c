package dev.pingkit.trace;

import dev.pingkit.packet.EchoPayload;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * <b>How a trace runs: TTL range, probes per hop, how many in flight, how long to wait, what the probes look like.</b>
 * The defaults are Debian {@code traceroute -I}'s: TTL 1..30, 3 probes per hop, 16 at once, wait at most 5 s, or
 * 3 × the RTT of an answered probe of the same hop, or 10 × that of a later hop; 32 payload bytes.
 *
 * @param target        the destination
 * @param firstTtl      TTL of the first hop probed, 1..maxTtl
 * @param maxTtl        the last TTL probed, 1..255
 * @param probesPerHop  1..10
 * @param simultaneous  probes in flight at once, >= 1
 * @param waitMax       the longest wait for one probe
 * @param hereFactor    wait this many times the RTT of an answered probe of the same hop (0: off)
 * @param nearFactor    else this many times the RTT of an answered probe of a later hop (0: off)
 * @param sendWait      the pause between two sends (0: none)
 * @param payloadLength echo payload bytes, 0..65507
 * @param tos           IPv4 TOS / IPv6 traffic class, -1 for the kernel's
 * @param dontFragment  set DF (IPv4) / never fragment
 * @param source        the source address to bind, or null
 * @param device        the interface to bind to, or null
 * @param netns         the network namespace to probe from, or null for the caller's
 */
public record TraceSettings(InetAddress target, int firstTtl, int maxTtl, int probesPerHop, int simultaneous,
                            Duration waitMax, double hereFactor, double nearFactor, Duration sendWait,
                            int payloadLength, int tos, boolean dontFragment, InetAddress source, String device,
                            String netns) {

    /** Validates every field; the messages name the field, the value and what is allowed. */
    public TraceSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(waitMax, "waitMax");
        Objects.requireNonNull(sendWait, "sendWait");
        if (maxTtl < 1 || maxTtl > 255) {
            throw new IllegalArgumentException("maxTtl must be 1..255, got " + maxTtl);
        }
        if (firstTtl < 1 || firstTtl > maxTtl) {
            throw new IllegalArgumentException("firstTtl must be 1..maxTtl (" + maxTtl + "), got " + firstTtl);
        }
        if (probesPerHop < 1 || probesPerHop > 10) {
            throw new IllegalArgumentException("probesPerHop must be 1..10, got " + probesPerHop);
        }
        if (simultaneous < 1) {
            throw new IllegalArgumentException("simultaneous must be >= 1, got " + simultaneous);
        }
        if (waitMax.isNegative() || sendWait.isNegative()) {
            throw new IllegalArgumentException("waits must be >= 0, got " + waitMax + " and " + sendWait);
        }
        if (!(hereFactor >= 0) || !(nearFactor >= 0)) {
            throw new IllegalArgumentException("wait factors must be >= 0, got " + hereFactor + " and " + nearFactor);
        }
        if (payloadLength < 0 || payloadLength > EchoPayload.MAX_V4) {
            throw new IllegalArgumentException("payloadLength must be 0.." + EchoPayload.MAX_V4 + ", got "
                    + payloadLength);
        }
        if (tos < -1 || tos > 255) {
            throw new IllegalArgumentException("tos must be 0..255, got " + tos);
        }
    }

    /** <b>traceroute -I's defaults toward {@code target}.</b> */
    public static TraceSettings to(InetAddress target) {
        return new TraceSettings(target, 1, 30, 3, 16, Duration.ofSeconds(5), 3, 10, Duration.ZERO, 32, -1, false,
                null, null, null);
    }

    /** <b>4 or 6.</b> */
    public int family() {
        return target.getAddress().length == 4 ? 4 : 6;
    }
}
