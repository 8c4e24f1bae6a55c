package dev.pingkit.packet;

/**
 * <b>An ICMP query or its reply as a wire value: echo, timestamp, information, address mask, extended echo
 * (PROBE), node information (RFC 4620).</b> All but node information share an identifier and a sequence number at
 * bytes 4..7 (extended echo: 4..6), by which the one matcher pairs a query with its reply ({@link IcmpTypes#replyTo});
 * a node information reply names its query by its nonce instead. Every value is immutable, computes its checksum
 * unless one is forced, decodes through the one decoder ({@link #decoded()}) and shows itself field by field.
 *
 * <pre>{@code
 * IcmpQuery q = TimestampMessage.request().identifier(7).sequence(1).originate(TimestampMessage.now());
 * q.toBytes();                          // 20 bytes, checksum computed
 * q.decoded().query().get().equals(q);  // true: the decoder gives the value back
 * }</pre>
 */
public sealed interface IcmpQuery
        permits EchoMessage, Ipv4Query, ExtendedEchoMessage, NodeInfoMessage {

    /** <b>4 for ICMPv4, 6 for ICMPv6.</b> */
    int family();

    /** <b>The ICMP type.</b> */
    int type();

    /** <b>The ICMP code.</b> */
    int code();

    /** <b>The checksum field as written: forced, computed, or 0 for the kernel to fill in (ICMPv6).</b> */
    int checksum();

    /** <b>True if the checksum was forced rather than computed.</b> */
    boolean checksumForced();

    /** <b>The identifier, 0..65535; -1 for node information, which has none.</b> */
    int identifier();

    /** <b>The sequence number: 0..65535, of extended echo 0..255; -1 for node information.</b> */
    int sequence();

    /** <b>The message length on the wire (no IP header).</b> */
    int length();

    /** <b>The message on the wire (no IP header), a new array.</b> */
    byte[] toBytes();

    /** <b>The bytes decoded back by the one decoder, as a receiver would see them.</b> */
    IcmpMessage decoded();

    /** <b>Every field, one per line, with its meaning.</b> */
    String show();

    /** <b>True for a reply (echo reply, timestamp reply, ...), false for a query.</b> */
    default boolean isReply() {
        return IcmpTypes.requestOf(family(), type()) >= 0;
    }

    /** <b>The type of the reply that answers this query, or -1 for a reply.</b> */
    default int replyType() {
        return IcmpTypes.replyTo(family(), type());
    }
}
