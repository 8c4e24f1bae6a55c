package dev.pingkit.packet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * <b>An immutable decoded ICMPv4 or ICMPv6 message, with its IPv4 header when one came with it.</b>
 *
 * <p>Decoding never throws on hostile bytes: what is wrong (truncation, a lying length, a bad checksum, a short
 * quote) is listed in {@link #problems()}, and fields that are not there read as -1 or empty.
 *
 * <p>{@link #bytes()} is the input as given (IP header included when present); {@link #icmpBytes()} the ICMP
 * message alone. Equality is by input bytes, family and (ICMPv6) pseudo-header addresses.
 *
 * <p>A message made by {@link #fromErrorReport} stands for an error the kernel reported on a datagram socket's
 * error queue: it has the type, code, reporter and quoted probe of the error, but its bytes are a reconstruction.
 */
public final class IcmpMessage {
    private final int family;
    private final byte[] data;
    private final int icmpOff;
    private final int icmpLen;
    private final Ipv4Header ip;
    private final InetAddress source;
    private final InetAddress destination;
    private final ChecksumStatus checksumStatus;
    private final int expectedChecksum;
    private final boolean ipChecksumValid;
    private final Quoted quoted;
    private final List<String> problems;
    private final int type;
    private final int code;
    private final int checksum;
    private final int id;
    private final int seq;
    private final boolean fromErrorQueue;
    private final IcmpBody body;

    private IcmpMessage(IcmpReader r, byte[] src16, byte[] dst16, InetAddress v6src, InetAddress v6dst) {
        this(r, src16, dst16, v6src, v6dst, false);
    }

    /** With {@code fromErrorQueue}, {@code v6src} is the error's reporter (either family) and r a reconstruction. */
    private IcmpMessage(IcmpReader r, byte[] src16, byte[] dst16, InetAddress v6src, InetAddress v6dst,
                        boolean fromErrorQueue) {
        this.fromErrorQueue = fromErrorQueue;
        byte[] buf = r.buffer();
        int base = r.inputOffset();
        int inLen = r.inputLength();
        family = r.family();
        data = Arrays.copyOfRange(buf, base, base + inLen);
        int icmpEnd = r.icmpOffset() + r.icmpLength();
        icmpOff = r.icmpOffset() - base;
        icmpLen = r.icmpLength();
        type = r.type();
        code = r.code();
        // The kernel passes on neither the error's checksum nor its own address as the receiver.
        checksum = fromErrorQueue ? -1 : r.checksum();
        id = r.id();
        seq = r.seq();
        if (r.hasIpHeader()) {
            ip = Ipv4Header.parse(data, 0, data.length).orElseThrow();
            source = ip.source();
            destination = ip.destination();
        } else {
            ip = null;
            source = v6src;
            destination = v6dst;
        }
        IcmpDiagnosis diagnosis = IcmpDiagnosis.of(r, data, ip, src16, dst16, src16 == null ? null : v6src,
                dst16 == null ? null : v6dst, fromErrorQueue);
        body = diagnosis.body();
        checksumStatus = diagnosis.checksumStatus();
        expectedChecksum = diagnosis.expectedChecksum();
        ipChecksumValid = diagnosis.ipChecksumValid();
        problems = diagnosis.problems();
        if (r.hasQuote()) {
            int al = r.quotedAddressLength();
            // A reconstruction has no quoted source or TTL to tell: those stay unknown rather than made up.
            quoted = new Quoted(family, fromErrorQueue ? null : addr(buf, r.quotedSourceOffset(), al),
                    addr(buf, r.quotedDestinationOffset(), al), r.quotedProtocol(),
                    fromErrorQueue ? -1 : r.quotedTtl(), r.quotedType(), r.quotedCode(), r.quotedId(), r.quotedSeq(),
                    icmpEnd - r.quotedIpOffset());
        } else {
            quoted = null;
        }
    }

    private static InetAddress addr(byte[] b, int off, int len) {
        try {
            byte[] a = Arrays.copyOfRange(b, off, off + len);
            // getByAddress would turn an IPv4-mapped IPv6 address into an Inet4Address; keep the family we read.
            return len == 16 ? Inet6Address.getByAddress(null, a, null) : InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }

    /**
     * <b>Decodes an IPv4 packet (recognised by version nibble 4, a sane IHL and protocol 1) or a bare ICMPv4
     * message.</b> Bounds outside the array throw {@link IllegalArgumentException} naming them.
     */
    public static IcmpMessage decode(byte[] b, int off, int len) {
        checkRange(b, off, len);
        return new IcmpMessage(new IcmpReader().reset(b, off, len), null, null, null, null);
    }

    /**
     * <b>Decodes a bare ICMPv6 message; with both addresses the checksum is verified over the pseudo-header,
     * with either one null its status is {@link ChecksumStatus#UNKNOWN}.</b>
     *
     * @throws IllegalArgumentException if an address is not IPv6
     */
    public static IcmpMessage decodeV6(byte[] b, int off, int len, InetAddress src, InetAddress dst) {
        checkRange(b, off, len);
        byte[] s = null;
        byte[] d = null;
        if (src != null && dst != null) {
            s = v6bytes("source", src);
            d = v6bytes("destination", dst);
        }
        return new IcmpMessage(new IcmpReader().resetV6(b, off, len), s, d, s == null ? null : src,
                d == null ? null : dst);
    }

    /** The house form of an argument error (field, value, allowed range) rather than the JDK's bare range text. */
    private static void checkRange(byte[] b, int off, int len) {
        Objects.requireNonNull(b, "bytes");
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new IllegalArgumentException("off and len must fit the array: 0 <= off, 0 <= len, off + len <= "
                    + b.length + ", got off " + off + ", len " + len);
        }
    }

    private static byte[] v6bytes(String what, InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != 16) {
            throw new IllegalArgumentException(what + " must be an IPv6 address, got " + Addresses.text(a));
        }
        return b;
    }

    /**
     * <b>The ICMP error a datagram socket's error queue reported ({@code IP_RECVERR}/{@code IPV6_RECVERR}), as a
     * message like a decoded one:</b> the same {@link #type()}, {@link #code()}, names, {@link #mtu()} /
     * {@link #pointer()} (from {@code info}) and {@link #quoted()} (with the probe's id and seq) as decoding the
     * error itself from a raw socket gives. The kernel keeps back the error's checksum, its receiver and the
     * quoted IP header, so {@link #checksumStatus()} is UNKNOWN, {@link #destination()} empty, the quote's source
     * null and its TTL -1; {@link #bytes()} is a reconstruction with those fields zero.
     *
     * @param family              4 or 6
     * @param type                the error's ICMP type ({@code ee_type}), an error type of the family
     * @param code                its code ({@code ee_code}), 0..255
     * @param info                the kernel's {@code ee_info}: MTU of fragmentation-needed / packet-too-big,
     *                            pointer of a parameter problem, else 0
     * @param offender            who sent the error ({@code SO_EE_OFFENDER}), null if unknown
     * @param originalDestination where the probe was going (the error queue's {@code msg_name})
     * @param quotedIcmp          the ICMP message we sent, as far as the error quoted it (the error queue's data)
     * @throws IllegalArgumentException if family, type or code is out of range, or an address is of the other
     *                                  family
     */
    public static IcmpMessage fromErrorReport(int family, int type, int code, int info, InetAddress offender,
                                              InetAddress originalDestination, byte[] quotedIcmp, int off, int len) {
        return new IcmpMessage(KernelErrorReport.reconstruct(family, type, code, info, originalDestination,
                quotedIcmp, off, len, offender), null, null, offender, null, true);
    }

    /** <b>True for a message made by {@link #fromErrorReport}: an error the kernel's error queue reported.</b> */
    public boolean fromErrorQueue() {
        return fromErrorQueue;
    }

    /** <b>Copies the message the reader currently points at (ICMPv4, or ICMPv6 with unknown checksum).</b> */
    public static IcmpMessage from(IcmpReader r) {
        if (r.inputLength() < 0) {
            throw new IllegalArgumentException("reader holds no message: its bounds were outside the array");
        }
        return new IcmpMessage(r, null, null, null, null);
    }

    /** <b>Copies the ICMPv6 message the reader points at, verifying the checksum with these addresses.</b> */
    public static IcmpMessage from(IcmpReader r, InetAddress src, InetAddress dst) {
        if (r.family() != 6) {
            return from(r);
        }
        if (r.inputLength() < 0) {
            throw new IllegalArgumentException("reader holds no message: its bounds were outside the array");
        }
        return new IcmpMessage(r, v6bytes("source", src), v6bytes("destination", dst), src, dst);
    }

    /** <b>4 for ICMPv4, 6 for ICMPv6.</b> */
    public int family() {
        return family;
    }

    /** <b>True when at least the 8-byte ICMP header is present.</b> */
    public boolean valid() {
        return icmpLen >= 8;
    }

    /** <b>The ICMP type, -1 if absent.</b> */
    public int type() {
        return type;
    }

    /** <b>The ICMP code, -1 if absent.</b> */
    public int code() {
        return code;
    }

    /** <b>The type's name, e.g. {@code "echo-reply"}, {@code "unknown"}.</b> */
    public String typeName() {
        return type < 0 ? "truncated" : IcmpNames.typeName(family, type);
    }

    /** <b>The code's name, e.g. {@code "host-unreachable"}; {@code ""} for code 0 of a type without codes.</b> */
    public String codeName() {
        return code < 0 ? "" : IcmpNames.codeName(family, type, code);
    }

    /** <b>The checksum field as received, -1 if absent.</b> */
    public int checksum() {
        return checksum;
    }

    /** <b>The checksum the message should carry, -1 if it could not be checked.</b> */
    public int expectedChecksum() {
        return expectedChecksum;
    }

    /** <b>Whether the checksum verified; UNKNOWN for ICMPv6 decoded without addresses.</b> */
    public ChecksumStatus checksumStatus() {
        return checksumStatus;
    }

    /** <b>True only if the checksum was checked and verifies.</b> */
    public boolean checksumValid() {
        return checksumStatus == ChecksumStatus.VALID;
    }

    /** <b>The IPv4 header that came before the message, if any.</b> */
    public Optional<Ipv4Header> ip() {
        return Optional.ofNullable(ip);
    }

    /** <b>The IPv4 TTL when an IP header came with the message, else -1.</b> */
    public int ttl() {
        return ip == null ? -1 : ip.ttl();
    }

    /** <b>The sender: the IPv4 header's source, or the ICMPv6 source given to the decoder.</b> */
    public Optional<InetAddress> source() {
        return Optional.ofNullable(source);
    }

    /** <b>The receiver: the IPv4 header's destination, or the ICMPv6 destination given to the decoder.</b> */
    public Optional<InetAddress> destination() {
        return Optional.ofNullable(destination);
    }

    /** <b>True for an echo request (8, or 128 for ICMPv6).</b> */
    public boolean isEchoRequest() {
        return valid() && type == (family == 6 ? 128 : 8);
    }

    /** <b>True for an echo reply (0, or 129 for ICMPv6).</b> */
    public boolean isEchoReply() {
        return valid() && type == (family == 6 ? 129 : 0);
    }

    /** <b>True for error types (the ones that quote a datagram).</b> */
    public boolean isError() {
        return valid() && IcmpReader.isError(family, type);
    }

    /** <b>The identifier of a query or its reply (echo, timestamp, information, address mask, PROBE), else -1.</b> */
    public int id() {
        return id;
    }

    /** <b>The sequence number of a query or its reply (of PROBE, byte 6 alone), else -1.</b> */
    public int seq() {
        return seq;
    }

    /** <b>The bytes after the 8-byte ICMP header (echo data, or an error's quote), a copy; empty if truncated.</b> */
    public byte[] payload() {
        return icmpLen < 8 ? new byte[0] : Arrays.copyOfRange(data, icmpOff + 8, icmpOff + icmpLen);
    }

    /** <b>Length of {@link #payload()}.</b> */
    public int payloadLength() {
        return Math.max(0, icmpLen - 8);
    }

    /** <b>The ICMP message length in bytes.</b> */
    public int length() {
        return icmpLen;
    }

    /** <b>Next-hop MTU of an ICMPv4 fragmentation-needed or ICMPv6 packet-too-big, else -1.</b> */
    public int mtu() {
        if (!valid()) {
            return -1;
        }
        if (family == 4) {
            return type == 3 && code == 4 ? u16(icmpOff + 6) : -1;
        }
        return type == 2 ? u32clamped(icmpOff + 4) : -1;
    }

    /** <b>The octet offset a parameter problem points at, else -1.</b> */
    public int pointer() {
        if (!valid()) {
            return -1;
        }
        if (family == 4) {
            return type == 12 ? data[icmpOff + 4] & 0xff : -1;
        }
        return type == 4 ? u32clamped(icmpOff + 4) : -1;
    }

    /** <b>The gateway an ICMPv4 redirect names.</b> */
    public Optional<InetAddress> gateway() {
        return valid() && family == 4 && type == 5 ? Optional.of(addr(data, icmpOff + 4, 4)) : Optional.empty();
    }

    /**
     * <b>The query or query reply this message is, as its value (echo, timestamp, information, address mask,
     * extended echo), decoded field by field</b>; empty for errors, other types, and a query whose fields are not
     * all there (see {@link #problems()}). A checksum that verified is computed in the value, one that did not is
     * forced to what came.
     */
    public Optional<IcmpQuery> query() {
        if (body.query() != null || fromErrorQueue) {
            return Optional.ofNullable(body.query());
        }
        return Optional.ofNullable(IcmpBody.echo(family, data, icmpOff, Math.max(0, icmpLen), checksumStatus,
                ip == null ? source : null, ip == null ? destination : null));
    }

    /** <b>The routers of an ICMPv4 router advertisement (type 9, RFC 1256); empty for other types.</b> */
    public Optional<RouterAdvertisement> routerAdvertisement() {
        return Optional.ofNullable(body.routers());
    }

    /** <b>The options of the IPv4 header that came with the message, decoded; empty without one.</b> */
    public Optional<Ipv4Options> ipOptions() {
        return ip == null ? Optional.empty() : Optional.of(ip.decodedOptions());
    }

    /** <b>The quoted datagram of an error: which probe it is about.</b> */
    public Optional<Quoted> quoted() {
        return Optional.ofNullable(quoted);
    }

    /** <b>What is wrong with the message, in words; empty when nothing is.</b> */
    public List<String> problems() {
        return problems;
    }

    /** <b>The input as given to the decoder (IP header included when present), a copy.</b> */
    public byte[] bytes() {
        return data.clone();
    }

    /** <b>The ICMP message alone, a copy.</b> */
    public byte[] icmpBytes() {
        return Arrays.copyOfRange(data, icmpOff, icmpOff + Math.max(0, icmpLen));
    }

    /** <b>{@link #bytes()} as {@code hexdump -C} style lines.</b> */
    public String hexdump() {
        return Hexdump.of(data);
    }

    private int u16(int i) {
        return ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
    }

    private int u32clamped(int i) {
        long v = ((long) u16(i) << 16) | u16(i + 2);
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    /** Whether the IPv4 header checksum verified (false without an IPv4 header), for the field view. */
    boolean ipChecksumValid() {
        return ipChecksumValid;
    }

    /** <b>Every field, one per line, with its meaning.</b> */
    public String show() {
        return IcmpFieldView.show(this);
    }

    /**
     * <b>One line: {@code ICMPv4 198.51.100.2 > 198.51.100.1 ttl=64 echo-reply id=7 seq=1 len=5 checksum=0x1a2b ok}.</b>
     */
    @Override
    public String toString() {
        return IcmpFieldView.line(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IcmpMessage m && family == m.family && fromErrorQueue == m.fromErrorQueue
                && Arrays.equals(data, m.data)
                && Objects.equals(source, m.source) && Objects.equals(destination, m.destination);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * family + Arrays.hashCode(data)) + Objects.hashCode(source);
    }
}
