package dev.pingkit.engine;

/**
 * <b>One probe as it went out: its target, its number for that target, the identifier and sequence number it
 * carried, the caller's tag, the TTL, TOS and payload size it was sent with, and when it left.</b>
 *
 * @param target the target probed
 * @param number 1 for the target's first probe, 2 for the next, ... (scheduled and explicit probes together)
 * @param id     the ICMP identifier on the wire (the kernel's for a datagram socket)
 * @param seq    the ICMP sequence number on the wire, 0..65535 (one counter for the whole run)
 * @param tag    the tag given to {@link Engine#probe}, 0 for scheduled probes
 * @param ttl    the TTL / hop limit asked for, -1 for the socket's
 * @param tos    the TOS / traffic class asked for, -1 for the socket's
 * @param size   payload bytes
 * @param sentAtNanos when it left, CLOCK_REALTIME nanoseconds (the socket's send stamp, kept in the probe table);
 *                    0 for a probe the kernel refused to send
 */
public record Probe(ProbeTarget target, long number, int id, int seq, int tag, int ttl, int tos, int size,
                    long sentAtNanos) {
    /** One line: {@code probe 2 to #0 127.0.0.1 id=4660 seq=2}. */
    @Override
    public String toString() {
        return "probe " + number + " to " + target + " id=" + id + " seq=" + seq + (tag != 0 ? " tag=" + tag : "")
                + (ttl >= 0 ? " ttl=" + ttl : "") + (tos >= 0 ? " tos=" + tos : "");
    }
}
