package dev.pingkit.packet;

/**
 * <b>The one table of ICMP type numbers: which are requests, replies and errors</b> (RFC 792, 4443). Everything that
 * needs to know whether a type is an error (the decoder, the engine's matcher, the kernel filter the engine writes)
 * asks here, and which reply answers which query ({@link #replyTo}); the names of types and codes are {@link IcmpNames}'.
 */
public final class IcmpTypes {
    /** ICMPv4 echo reply. */
    public static final int ECHO_REPLY_V4 = 0;
    /** ICMPv4 echo request. */
    public static final int ECHO_REQUEST_V4 = 8;
    /** ICMPv6 echo request. */
    public static final int ECHO_REQUEST_V6 = 128;
    /** ICMPv6 echo reply. */
    public static final int ECHO_REPLY_V6 = 129;
    /** ICMPv4 router advertisement (RFC 1256). */
    public static final int ROUTER_ADVERTISEMENT_V4 = 9;
    /** ICMPv4 router solicitation (RFC 1256). */
    public static final int ROUTER_SOLICITATION_V4 = 10;
    /** ICMPv4 timestamp request (RFC 792). */
    public static final int TIMESTAMP_REQUEST = 13;
    /** ICMPv4 timestamp reply. */
    public static final int TIMESTAMP_REPLY = 14;
    /** ICMPv4 information request (RFC 792, deprecated by RFC 6918 but still spoken by stacks and tools). */
    public static final int INFORMATION_REQUEST = 15;
    /** ICMPv4 information reply. */
    public static final int INFORMATION_REPLY = 16;
    /** ICMPv4 address mask request (RFC 950). */
    public static final int ADDRESS_MASK_REQUEST = 17;
    /** ICMPv4 address mask reply. */
    public static final int ADDRESS_MASK_REPLY = 18;
    /** ICMPv4 extended echo request, PROBE (RFC 8335). */
    public static final int EXTENDED_ECHO_REQUEST_V4 = 42;
    /** ICMPv4 extended echo reply. */
    public static final int EXTENDED_ECHO_REPLY_V4 = 43;
    /** ICMPv6 extended echo request, PROBE (RFC 8335). */
    public static final int EXTENDED_ECHO_REQUEST_V6 = 160;
    /** ICMPv6 extended echo reply. */
    public static final int EXTENDED_ECHO_REPLY_V6 = 161;

    // destination unreachable, source quench, redirect, time exceeded, parameter problem
    /** ICMPv6 node information query (RFC 4620). */
    public static final int NODE_INFO_QUERY = 139;
    /** ICMPv6 node information reply (RFC 4620). */
    public static final int NODE_INFO_REPLY = 140;

    private static final int[] ERRORS_V4 = {3, 4, 5, 11, 12};
    // destination unreachable, packet too big, time exceeded, parameter problem
    private static final int[] ERRORS_V6 = {1, 2, 3, 4};

    private IcmpTypes() {
    }

    /** <b>The error types of {@code family} (4 or 6), the ones that quote the offending datagram; a copy.</b> */
    public static int[] errors(int family) {
        return (family == 6 ? ERRORS_V6 : ERRORS_V4).clone();
    }

    /** <b>True for the ICMP error types of {@code family} (4 or 6).</b> */
    public static boolean isError(int family, int type) {
        return family == 6
                ? type >= 1 && type <= 4
                : type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /**
     * <b>True for the IPv4 errors that advise rather than fail (source quench, redirect)</b>: iputils reports them
     * but does not count them as errors, and the probe goes on.
     */
    public static boolean isAdvisory(int family, int type) {
        return family == 4 && (type == 4 || type == 5);
    }

    /**
     * <b>True for the queries and their replies: bytes 4..5 are an identifier and 6..7 a sequence number</b> (echo,
     * timestamp, information, address mask, extended echo, whose sequence is byte 6 alone; see
     * {@link #sequenceBits}).
     */
    public static boolean hasIdAndSeq(int family, int type) {
        return replyTo(family, type) >= 0 || requestOf(family, type) >= 0;
    }

    /** <b>16, or 8 for extended echo, whose byte 7 holds the L bit (request) or the state and A/4/6 (reply).</b> */
    public static int sequenceBits(int family, int type) {
        return isExtendedEcho(family, type) ? 8 : 16;
    }

    /** <b>True for RFC 8335's extended echo request or reply (PROBE) of {@code family}.</b> */
    public static boolean isExtendedEcho(int family, int type) {
        return family == 6 ? type == EXTENDED_ECHO_REQUEST_V6 || type == EXTENDED_ECHO_REPLY_V6
                : type == EXTENDED_ECHO_REQUEST_V4 || type == EXTENDED_ECHO_REPLY_V4;
    }

    /**
     * <b>True for RFC 4620's node information query or reply (ICMPv6 139/140)</b>: bytes 4..7 are a Qtype and
     * Flags, and a reply names its query by the 8-byte nonce at 8..15, not by an identifier and sequence number.
     */
    public static boolean isNodeInfo(int family, int type) {
        return family == 6 && (type == NODE_INFO_QUERY || type == NODE_INFO_REPLY);
    }

    /**
     * <b>The reply type that answers query {@code type} of {@code family}, or -1 if it is no query</b>: echo 8 -> 0
     * (128 -> 129), timestamp 13 -> 14, information 15 -> 16, address mask 17 -> 18, extended echo 42 -> 43
     * (160 -> 161). The matcher pairs a probe with replies of this type only.
     */
    public static int replyTo(int family, int type) {
        if (family == 6) {
            return type == ECHO_REQUEST_V6 ? ECHO_REPLY_V6
                    : type == EXTENDED_ECHO_REQUEST_V6 ? EXTENDED_ECHO_REPLY_V6 : -1;
        }
        return switch (type) {
            case ECHO_REQUEST_V4 -> ECHO_REPLY_V4;
            case TIMESTAMP_REQUEST, INFORMATION_REQUEST, ADDRESS_MASK_REQUEST -> type + 1;
            case EXTENDED_ECHO_REQUEST_V4 -> EXTENDED_ECHO_REPLY_V4;
            default -> -1;
        };
    }

    /** <b>The query type a reply {@code type} answers, or -1 if it is no query reply.</b> */
    public static int requestOf(int family, int type) {
        if (family == 6) {
            return type == ECHO_REPLY_V6 ? ECHO_REQUEST_V6
                    : type == EXTENDED_ECHO_REPLY_V6 ? EXTENDED_ECHO_REQUEST_V6 : -1;
        }
        return switch (type) {
            case ECHO_REPLY_V4 -> ECHO_REQUEST_V4;
            case TIMESTAMP_REPLY, INFORMATION_REPLY, ADDRESS_MASK_REPLY -> type - 1;
            case EXTENDED_ECHO_REPLY_V4 -> EXTENDED_ECHO_REQUEST_V4;
            default -> -1;
        };
    }

    /** <b>The echo request type of {@code family} (4 or 6).</b> */
    public static int echoRequest(int family) {
        return family == 6 ? ECHO_REQUEST_V6 : ECHO_REQUEST_V4;
    }

    /** <b>The echo reply type of {@code family} (4 or 6).</b> */
    public static int echoReply(int family) {
        return family == 6 ? ECHO_REPLY_V6 : ECHO_REPLY_V4;
    }
}
