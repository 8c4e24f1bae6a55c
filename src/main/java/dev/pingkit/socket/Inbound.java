package dev.pingkit.socket;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Arrays;

/**
 * <b>A reusable holder that {@link IcmpSocket#receive} fills with one received message.</b>
 * The one mutable type of the socket layer, so that the receive path allocates nothing: the engine keeps one
 * and reads it after each receive. The arrays it returns are its live storage, valid until the next receive.
 */
public final class Inbound {
    /** Enough for the largest IPv4 datagram (65535 bytes, header included) and any ICMPv6 message without jumbograms. */
    public static final int DEFAULT_CAPACITY = 65536;

    private final byte[] data;
    private int length;
    private boolean truncated;
    private Family family;
    private boolean headerIncluded;
    private final byte[] sourceBytes = new byte[16];
    private int sourceScopeId;
    private InetAddress source;
    private long kernelTimeNanos;
    private boolean kernelTimestamp;
    private int ttl = -1;
    private int tos = -1;
    private boolean errorReport;
    private int errorErrno;
    private int errorOrigin;
    private int errorType = -1;
    private int errorCode = -1;
    private int errorInfo;
    private final byte[] errorSourceBytes = new byte[16];
    private boolean errorSourceKnown;
    private int errorSourceScopeId;
    private InetAddress errorSource;
    private final byte[] destinationBytes = new byte[16];
    private boolean destinationKnown;
    private int destinationScopeId;
    private InetAddress destination;

    /** {@link #errorOrigin()} of a report the kernel raised itself, e.g. EMSGSIZE against the path MTU. */
    public static final int ORIGIN_LOCAL = 1;
    /** {@link #errorOrigin()} of a report made from a received ICMPv4 error. */
    public static final int ORIGIN_ICMP = 2;
    /** {@link #errorOrigin()} of a report made from a received ICMPv6 error. */
    public static final int ORIGIN_ICMP6 = 3;

    /** A holder for messages up to {@value #DEFAULT_CAPACITY} bytes. */
    public Inbound() {
        this(DEFAULT_CAPACITY);
    }

    /** A holder for messages up to {@code capacity} bytes (longer ones are cut and marked {@link #truncated()}). */
    public Inbound(int capacity) {
        if (capacity < 1 || capacity > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("capacity must be 1..16777216, got " + capacity);
        }
        this.data = new byte[capacity];
    }

    /** The most bytes one receive can hold. */
    public int capacity() {
        return data.length;
    }

    /** The received bytes, valid from 0 to {@link #length()}; the live array, not a copy. */
    public byte[] data() {
        return data;
    }

    /** How many bytes of {@link #data()} were received. */
    public int length() {
        return length;
    }

    /** True when the message was longer than {@link #capacity()} and was cut. */
    public boolean truncated() {
        return truncated;
    }

    /** The family of the socket that received it; null before the first receive. */
    public Family family() {
        return family;
    }

    /** True when {@link #data()} starts with the IPv4 header (raw IPv4), false for a bare ICMP message. */
    public boolean headerIncluded() {
        return headerIncluded;
    }

    /**
     * <b>True when this came from the socket's error queue</b> (datagram sockets, {@code IP_RECVERR}): a report of
     * an ICMP error about a message this socket sent, rather than a received message. Then {@link #data()} holds
     * the ICMP message we sent as the error quoted it (our identifier and sequence included, no IP header),
     * {@link #source()} is that message's destination, {@link #errorSource()} who reported the error, and the
     * {@code error...()} methods give the kernel's fields. False for every ordinary receive.
     */
    public boolean isErrorReport() {
        return errorReport;
    }

    /** The errno the kernel derived from the error ({@code ee_errno}, e.g. 113 EHOSTUNREACH); 0 if no report. */
    public int errorErrno() {
        return errorErrno;
    }

    /** The errno's symbolic name, e.g. {@code EHOSTUNREACH}; empty if no report. */
    public String errorErrnoName() {
        return errorReport ? Errno.name(errorErrno) : "";
    }

    /**
     * The C library's description of {@link #errorErrno()}, e.g. {@code Message too long}; empty if no report.
     * Made on each call (for messages, not for the receive path).
     */
    public String errorErrnoDescription() {
        if (!errorReport) {
            return "";
        }
        String d = Errno.description(errorErrno);
        return d != null ? d : Errno.name(errorErrno);
    }

    /**
     * Where the report comes from ({@code ee_origin}): {@link #ORIGIN_ICMP}, {@link #ORIGIN_ICMP6},
     * {@link #ORIGIN_LOCAL}; 0 if no report.
     */
    public int errorOrigin() {
        return errorOrigin;
    }

    /** The ICMP type of the error as received ({@code ee_type}), -1 if no report. */
    public int errorType() {
        return errorType;
    }

    /** The ICMP code of the error as received ({@code ee_code}), -1 if no report. */
    public int errorCode() {
        return errorCode;
    }

    /**
     * The kernel's extra number ({@code ee_info}): the next-hop MTU of fragmentation-needed / packet-too-big (and
     * of a local EMSGSIZE), the pointer of a parameter problem, else 0.
     */
    public int errorInfo() {
        return errorInfo;
    }

    /**
     * True when the report names who sent the error ({@code SO_EE_OFFENDER}); reports of ICMP origin do,
     * local ones do not.
     */
    public boolean errorSourceKnown() {
        return errorSourceKnown;
    }

    /** The reporter's address bytes, valid from 0 to {@link Family#addressLength()} when known; the live array. */
    public byte[] errorSourceBytes() {
        return errorSourceBytes;
    }

    /** True when the error's reporter is known and its address bytes equal {@code address}, without allocating. */
    public boolean errorSourceIs(byte[] address) {
        return errorSourceKnown && address.length == family.addressLength()
                && Arrays.equals(errorSourceBytes, 0, address.length, address, 0, address.length);
    }

    /** Who sent the ICMP error (e.g. the router whose TTL ran out), made on first call; null if not known. */
    public InetAddress errorSource() {
        if (errorSource == null && errorSourceKnown) {
            errorSource = address(errorSourceBytes, errorSourceScopeId);
        }
        return errorSource;
    }

    /** The sender's address bytes, valid from 0 to {@link Family#addressLength()}; the live array. */
    public byte[] sourceBytes() {
        return sourceBytes;
    }

    /** The IPv6 scope (interface index) of a link-local sender, else 0. */
    public int sourceScopeId() {
        return sourceScopeId;
    }

    /** True when the sender is {@code address} (makes {@link #source()} once per receive). */
    public boolean sourceIs(InetAddress address) {
        if (family == null || Family.of(address) != family) {
            return false;
        }
        return source().equals(address);
    }

    /** True when the sender's address bytes equal {@code address} (4 or 16 bytes), compared without allocating. */
    public boolean sourceIs(byte[] address) {
        return family != null && address.length == family.addressLength()
                && Arrays.equals(sourceBytes, 0, address.length, address, 0, address.length);
    }

    /**
     * The sender as an {@link InetAddress}, made on first call after each receive. For an
     * {@link #isErrorReport() error report}, the destination of the message the error is about.
     */
    public InetAddress source() {
        if (source == null && family != null) {
            source = address(sourceBytes, sourceScopeId);
        }
        return source;
    }

    private InetAddress address(byte[] raw, int scopeId) {
        byte[] bytes = Arrays.copyOf(raw, family.addressLength());
        try {
            return family == Family.IPV6 && scopeId != 0
                    ? Inet6Address.getByAddress(null, bytes, scopeId)
                    : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("address of length " + bytes.length, impossible);
        }
    }

    /**
     * <b>When the kernel received the message</b>, CLOCK_REALTIME nanoseconds ({@code SO_TIMESTAMPNS}); when the
     * kernel gave no timestamp ({@link #kernelTimestamp()} false) the time {@code receive} returned instead.
     */
    public long kernelTimeNanos() {
        return kernelTimeNanos;
    }

    /** True when {@link #kernelTimeNanos()} came from the kernel, false when it is the user-space fallback. */
    public boolean kernelTimestamp() {
        return kernelTimestamp;
    }

    /**
     * <b>The address the message was sent to (ours), or null when the kernel did not say.</b> IPv6 only, from
     * {@code IPV6_PKTINFO}: the second address an ICMPv6 checksum's pseudo-header needs.
     */
    public InetAddress destination() {
        if (destination == null && destinationKnown) {
            destination = address(destinationBytes, destinationScopeId);
        }
        return destination;
    }

    /** The received IPv4 TTL or IPv6 hop limit, -1 if the kernel did not say. */
    public int ttl() {
        return ttl;
    }

    /** The received IPv4 TOS or IPv6 traffic class, -1 if the kernel did not say. */
    public int tos() {
        return tos;
    }

    // Filled by NativeIcmpSocket (and by fakes in tests of this package).

    void reset(Family family, boolean headerIncluded) {
        this.family = family;
        this.headerIncluded = headerIncluded;
        this.length = 0;
        this.truncated = false;
        this.source = null;
        this.sourceScopeId = 0;
        this.kernelTimestamp = false;
        this.kernelTimeNanos = 0;
        this.ttl = -1;
        this.tos = -1;
        this.errorReport = false;
        this.errorErrno = 0;
        this.errorOrigin = 0;
        this.errorType = -1;
        this.errorCode = -1;
        this.errorInfo = 0;
        this.errorSourceKnown = false;
        this.errorSourceScopeId = 0;
        this.errorSource = null;
        this.destinationKnown = false;
        this.destinationScopeId = 0;
        this.destination = null;
    }

    /** Marks this receive as read from the error queue; the fields follow if the kernel's cmsg came. */
    void errorReport() {
        this.errorReport = true;
    }

    void errorFields(int errno, int origin, int type, int code, int info) {
        this.errorErrno = errno;
        this.errorOrigin = origin;
        this.errorType = type;
        this.errorCode = code;
        this.errorInfo = info;
    }

    void errorSourceKnown(int scopeId) {
        this.errorSourceKnown = true;
        this.errorSourceScopeId = scopeId;
    }

    /** The live array {@code IPV6_PKTINFO}'s address is copied into before {@link #destinationKnown(int)}. */
    byte[] destinationBytes() {
        return destinationBytes;
    }

    void destinationKnown(int interfaceIndex) {
        this.destinationKnown = true;
        boolean linkLocal = destinationBytes[0] == (byte) 0xfe && (destinationBytes[1] & 0xc0) == 0x80;
        this.destinationScopeId = linkLocal ? interfaceIndex : 0;
    }

    void length(int length, boolean truncated) {
        this.length = length;
        this.truncated = truncated;
    }

    void sourceScopeId(int scopeId) {
        this.sourceScopeId = scopeId;
    }

    void kernelTime(long nanos, boolean fromKernel) {
        this.kernelTimeNanos = nanos;
        this.kernelTimestamp = fromKernel;
    }

    void ttl(int ttl) {
        this.ttl = ttl;
    }

    void tos(int tos) {
        this.tos = tos;
    }

    /** One line: size, sender, TTL and time, e.g. {@code Inbound[84 bytes from 127.0.0.1 ttl=64 tos=0 at ...]}. */
    @Override
    public String toString() {
        if (family == null) {
            return "Inbound[empty, capacity " + capacity() + "]";
        }
        String what = !errorReport ? " from " + source().getHostAddress()
                : " error report " + errorErrnoName() + " origin=" + errorOrigin + " type=" + errorType
                + " code=" + errorCode + " info=" + errorInfo + " from "
                + (errorSourceKnown ? errorSource().getHostAddress() : "?") + " about " + source().getHostAddress();
        return "Inbound[" + length + " bytes" + (truncated ? " (truncated)" : "") + what
                + (headerIncluded ? " with IP header" : "")
                + (ttl >= 0 ? " ttl=" + ttl : "") + (tos >= 0 ? " tos=" + tos : "") + " at "
                + Instant.ofEpochSecond(0, kernelTimeNanos) + (kernelTimestamp ? " (kernel)" : " (user space)") + "]";
    }
}
