package dev.pingkit.packet;

import java.net.InetAddress;

/**
 * <b>The start of the datagram an ICMP error quotes: which of our probes it is about.</b>
 *
 * @param family      4 or 6 (the quoted IP header's version)
 * @param source      the quoted source address
 * @param destination the quoted destination address (the probe's target)
 * @param protocol    IPv4 protocol or IPv6 final next header (1 = ICMP, 58 = ICMPv6)
 * @param ttl         TTL / hop limit of the quoted datagram as it reached the reporter
 * @param icmpType    the quoted ICMP type, or -1 if the quoted datagram is not ICMP or too short
 * @param icmpCode    the quoted ICMP code, or -1
 * @param id          the quoted echo identifier, or -1 unless 8 bytes of an echo message are quoted
 * @param seq         the quoted echo sequence number, or -1 likewise
 * @param length      how many bytes of the datagram are quoted
 */
public record Quoted(int family, InetAddress source, InetAddress destination, int protocol, int ttl,
                     int icmpType, int icmpCode, int id, int seq, int length) {

    /** <b>True if the quoted datagram is an ICMP echo request or reply whose id and seq are known.</b> */
    public boolean isEcho() {
        return id >= 0;
    }

    /** <b>One line: {@code quoted 198.51.100.1 > 198.51.100.9 ttl=1 echo-request id=7 seq=3}.</b> */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("quoted ").append(Addresses.text(source)).append(" > ")
                .append(Addresses.text(destination)).append(" ttl=").append(ttl);
        if (icmpType >= 0) {
            sb.append(' ').append(IcmpNames.typeName(family, icmpType));
            if (id >= 0) {
                sb.append(" id=").append(id).append(" seq=").append(seq);
            }
        } else {
            sb.append(" proto=").append(protocol);
        }
        return sb.toString();
    }
}
