package dev.pingkit.packet;

/**
 * <b>The one table of ICMP type numbers: which are requests, replies and errors</b> (RFC 792, 4443). Everything that
 * needs to know whether a type is an error (the decoder, the engine's matcher, the kernel filter the engine writes)
 * asks here; the names of types and codes are {@link IcmpNames}'.
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

    // destination unreachable, source quench, redirect, time exceeded, parameter problem
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

    /** <b>True for types whose bytes 4..7 are an identifier and a sequence number (echo, timestamp, ...).</b> */
    public static boolean hasIdAndSeq(int family, int type) {
        return family == 6 ? type == 128 || type == 129 : type == 0 || type == 8 || (type >= 13 && type <= 18);
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
