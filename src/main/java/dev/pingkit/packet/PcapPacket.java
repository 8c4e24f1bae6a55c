package dev.pingkit.packet;

import java.net.Inet6Address;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * <b>One record of a capture: its time, its length on the wire, the link type and the captured bytes.</b>
 *
 * <p>{@link #ip()} strips the link-layer header (raw IP, Ethernet with VLAN tags, Linux cooked v1/v2);
 * {@link #icmp()} decodes the ICMPv4 or ICMPv6 message, the ICMPv6 checksum verified over the IPv6 pseudo-header.
 *
 * @param epochNanos     capture time, nanoseconds since 1970-01-01 UTC
 * @param originalLength the packet's length on the wire ({@code data} may be cut shorter by the snap length)
 * @param linkType       the file's link type ({@link Pcap#LINKTYPE_RAW}, {@link Pcap#LINKTYPE_ETHERNET}, ...)
 * @param data           the captured bytes, link-layer header included
 * @param comment        the packet's comment (pcapng {@code opt_comment}, several joined by a newline); empty if none
 */
public record PcapPacket(long epochNanos, int originalLength, int linkType, byte[] data, String comment) {
    public PcapPacket {
        data = data.clone();
        comment = comment == null ? "" : comment;
    }

    /** <b>A packet without a comment, as classic pcap carries it.</b> */
    public PcapPacket(long epochNanos, int originalLength, int linkType, byte[] data) {
        this(epochNanos, originalLength, linkType, data, "");
    }

    /** <b>The captured bytes, a copy.</b> */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** <b>The capture time as an {@link Instant}.</b> */
    public Instant time() {
        return Instant.ofEpochSecond(0, epochNanos);
    }

    /** <b>The IPv4 or IPv6 packet inside the frame, or empty for anything else (ARP, ...).</b> */
    public Optional<byte[]> ip() {
        int off = ipOffset();
        if (off < 0 || off >= data.length) {
            return Optional.empty();
        }
        int v = (data[off] & 0xf0) >>> 4;
        return v == 4 || v == 6 ? Optional.of(Arrays.copyOfRange(data, off, data.length)) : Optional.empty();
    }

    /** Where the IP packet starts, or -1 if the frame carries no IP. */
    private int ipOffset() {
        switch (linkType) {
            case Pcap.LINKTYPE_RAW, Pcap.LINKTYPE_IPV4, Pcap.LINKTYPE_IPV6:
                return 0;
            case Pcap.LINKTYPE_ETHERNET: {
                int off = 12;
                while (off + 2 <= data.length) {
                    int type = u16(off);
                    if (type == 0x8100 || type == 0x88a8) {
                        off += 4;
                    } else {
                        return isIp(type) ? off + 2 : -1;
                    }
                }
                return -1;
            }
            case Pcap.LINKTYPE_LINUX_SLL:
                return data.length >= 16 && isIp(u16(14)) ? 16 : -1;
            case Pcap.LINKTYPE_LINUX_SLL2:
                return data.length >= 20 && isIp(u16(0)) ? 20 : -1;
            default:
                return -1;
        }
    }

    private static boolean isIp(int etherType) {
        return etherType == 0x0800 || etherType == 0x86dd;
    }

    private int u16(int i) {
        return ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
    }

    /**
     * <b>The ICMP message this packet carries, decoded, or empty if it carries none (another protocol, an IPv6
     * extension header chain that does not end in ICMPv6 within the captured bytes).</b>
     */
    public Optional<IcmpMessage> icmp() {
        int off = ipOffset();
        if (off < 0 || off >= data.length) {
            return Optional.empty();
        }
        int len = data.length - off;
        int v = (data[off] & 0xf0) >>> 4;
        if (v == 4) {
            Optional<Ipv4Header> h = Ipv4Header.parse(data, off, len);
            return h.isPresent() && h.get().protocol() == 1 ? Optional.of(IcmpMessage.decode(data, off, len))
                    : Optional.empty();
        }
        Optional<Ipv6Header> h = Ipv6Header.parse(data, off, len);
        if (h.isEmpty()) {
            return Optional.empty();
        }
        int next = h.get().nextHeader();
        int at = off + Ipv6Header.LENGTH;
        // Hop-by-hop, routing and destination options share one layout: next header, length in 8-byte units - 1.
        while ((next == 0 || next == 43 || next == 60) && at + 2 <= data.length) {
            next = data[at] & 0xff;
            at += ((data[at + 1] & 0xff) + 1) * 8;
        }
        if (next != Checksum.NEXT_HEADER_ICMPV6 || at > data.length) {
            return Optional.empty();
        }
        int end = Math.min(data.length, off + Ipv6Header.LENGTH + h.get().payloadLength());
        Inet6Address src = h.get().source();
        Inet6Address dst = h.get().destination();
        return Optional.of(IcmpMessage.decodeV6(data, at, Math.max(0, end - at), src, dst));
    }

    /** <b>The IPv6 hop limit or IPv4 TTL of the packet, -1 if it carries no IP.</b> */
    public int ttl() {
        int off = ipOffset();
        if (off < 0 || off >= data.length) {
            return -1;
        }
        int len = data.length - off;
        return (data[off] & 0xf0) == 0x60 ? Ipv6Header.parse(data, off, len).map(Ipv6Header::hopLimit).orElse(-1)
                : Ipv4Header.parse(data, off, len).map(Ipv4Header::ttl).orElse(-1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PcapPacket p && epochNanos == p.epochNanos && originalLength == p.originalLength
                && linkType == p.linkType && Arrays.equals(data, p.data) && comment.equals(p.comment);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(epochNanos) + 7 * originalLength + 3 * linkType + Arrays.hashCode(data)
                + comment.hashCode();
    }

    /** <b>One line: the time and the decoded message, or the length and link type if it is not ICMP.</b> */
    @Override
    public String toString() {
        return time() + " " + icmp().map(IcmpMessage::toString)
                .orElse(data.length + " bytes, not ICMP (link type " + linkType + ")")
                + (comment.isEmpty() ? "" : " # " + comment.replace('\n', ' '));
    }
}
