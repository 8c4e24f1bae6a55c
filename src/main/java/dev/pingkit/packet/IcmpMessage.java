package dev.pingkit.packet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
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
        List<String> probs = new ArrayList<>();
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
            int hl = ip.headerLength();
            if (ip.totalLength() > data.length) {
                probs.add("IP total length " + ip.totalLength() + " but " + bytes(data.length) + " present");
            } else if (ip.totalLength() < hl) {
                probs.add("IP total length " + ip.totalLength() + " is less than the IP header length " + hl);
            }
            long hsum = Checksum.partial(data, 0, hl);
            ipChecksumValid = Checksum.finish(hsum) == 0;
            if (!ipChecksumValid) {
                probs.add(String.format("bad IP header checksum 0x%04x, expected 0x%04x", ip.headerChecksum(),
                        Checksum.finish(hsum - ip.headerChecksum())));
            }
            if ((ip.flags() & 1) != 0 || ip.fragmentOffset() != 0) {
                probs.add("IP fragment: offset " + ip.fragmentOffset() * 8
                        + ((ip.flags() & 1) != 0 ? ", more fragments follow" : ", the last one"));
            }
            source = ip.source();
            destination = ip.destination();
        } else {
            ip = null;
            ipChecksumValid = false;
            source = v6src;
            destination = v6dst;
            if (family == 4 && !fromErrorQueue) {
                String why = notIpv4Why(data);
                if (why != null) {
                    probs.add(why);
                }
            }
        }

        if (icmpLen < 8) {
            probs.add("truncated: " + bytes(icmpLen) + ", an ICMP header needs 8");
        }
        if (icmpLen < 4 || (family == 6 && src16 == null) || fromErrorQueue) {
            checksumStatus = ChecksumStatus.UNKNOWN;
            expectedChecksum = -1;
        } else {
            long sum = Checksum.partial(buf, r.icmpOffset(), icmpLen);
            if (family == 6) {
                sum += Checksum.pseudoHeaderV6(src16, dst16, icmpLen);
            }
            boolean ok = Checksum.finish(sum) == 0;
            checksumStatus = ok ? ChecksumStatus.VALID : ChecksumStatus.INVALID;
            expectedChecksum = Checksum.finish(sum - checksum);
            if (!ok) {
                probs.add(String.format("bad ICMP checksum 0x%04x, expected 0x%04x", checksum, expectedChecksum));
            }
        }

        if (r.hasQuote()) {
            int q = r.quotedIpOffset();
            int al = r.quotedAddressLength();
            // A reconstruction has no quoted source or TTL to tell: those stay unknown rather than made up.
            quoted = new Quoted(family, fromErrorQueue ? null : addr(buf, r.quotedSourceOffset(), al),
                    addr(buf, r.quotedDestinationOffset(), al), r.quotedProtocol(),
                    fromErrorQueue ? -1 : r.quotedTtl(), r.quotedType(), r.quotedCode(), r.quotedId(), r.quotedSeq(),
                    icmpEnd - q);
            int qi = r.quotedIcmpOffset();
            if (qi >= 0 && icmpEnd - qi < 8) {
                probs.add("quoted ICMP message truncated: " + bytes(icmpEnd - qi) + ", 8 expected");
            }
        } else {
            quoted = null;
            if (icmpLen >= 8 && IcmpReader.isError(family, type)) {
                int n = icmpLen - 8;
                int need = family == 6 ? 40 : 20;
                String v = family == 6 ? "IPv6" : "IPv4";
                int qv = n > 0 ? (buf[r.icmpOffset() + 8] & 0xf0) >>> 4 : -1;
                if (n < need) {
                    probs.add("quoted datagram truncated: " + bytes(n) + ", an " + v + " header needs " + need);
                } else if (qv != family) {
                    probs.add("quoted datagram is not " + v + " (version " + qv + ")");
                } else {
                    probs.add("quoted IPv4 header length " + (buf[r.icmpOffset() + 8] & 0x0f) * 4
                            + " does not fit the " + bytes(n) + " quoted");
                }
            }
        }
        problems = List.copyOf(probs);
    }

    /**
     * Why bytes that start like an IPv4 header (version nibble 4) were decoded as a bare ICMP message instead, or
     * null: ICMPv4 types 64..79 are unassigned, so such input is far more likely a broken IP packet, and the reader
     * deserves to know which header field did not add up.
     */
    private static String notIpv4Why(byte[] d) {
        if (d.length == 0 || (d[0] & 0xf0) != 0x40) {
            return null;
        }
        int hl = (d[0] & 0x0f) * 4;
        String start = String.format("first byte 0x%02x reads as an IPv4 header", d[0] & 0xff);
        String why;
        if (d.length < 20) {
            why = start + ", but " + bytes(d.length) + " cannot hold one (20 at least)";
        } else if (hl < 20) {
            why = start + " with IHL " + hl / 4 + " (" + hl + " bytes), less than the minimum 5 (20 bytes)";
        } else if (hl > d.length) {
            why = start + " with IHL " + hl / 4 + " (" + hl + " bytes), but only " + bytes(d.length) + " are present";
        } else {
            why = start + " with protocol " + (d[9] & 0xff) + ", not 1 (ICMP)";
        }
        return why + "; decoded as a bare ICMP message";
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
        if (family != 4 && family != 6) {
            throw new IllegalArgumentException("family must be 4 or 6, got " + family);
        }
        if (type < 0 || type > 255 || !IcmpReader.isError(family, type)) {
            throw new IllegalArgumentException("type must be an ICMPv" + family + " error type ("
                    + (family == 4 ? "3, 4, 5, 11, 12" : "1..4") + "), got " + type);
        }
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("code must be 0..255, got " + code);
        }
        Objects.requireNonNull(originalDestination, "originalDestination");
        Objects.requireNonNull(quotedIcmp, "quotedIcmp");
        Objects.checkFromIndexSize(off, len, quotedIcmp.length);
        int al = family == 4 ? 4 : 16;
        byte[] dst = originalDestination.getAddress();
        if (dst.length != al) {
            throw new IllegalArgumentException("originalDestination must be an IPv" + family + " address, got "
                    + Addresses.text(originalDestination));
        }
        if (offender != null && offender.getAddress().length != al) {
            throw new IllegalArgumentException("offender must be an IPv" + family + " address, got "
                    + Addresses.text(offender));
        }
        int ipLen = family == 4 ? 20 : 40;
        byte[] b = new byte[8 + ipLen + len];
        b[0] = (byte) type;
        b[1] = (byte) code;
        if (family == 4 && type == 3) {
            b[6] = (byte) (info >>> 8); // next-hop MTU
            b[7] = (byte) info;
        } else if (family == 4 && type == 12) {
            b[4] = (byte) info; // pointer
        } else {
            b[4] = (byte) (info >>> 24);
            b[5] = (byte) (info >>> 16);
            b[6] = (byte) (info >>> 8);
            b[7] = (byte) info;
        }
        int q = 8;
        if (family == 4) {
            int total = Math.min(ipLen + len, 0xffff);
            b[q] = 0x45;
            b[q + 2] = (byte) (total >>> 8);
            b[q + 3] = (byte) total;
            b[q + 9] = 1;
            System.arraycopy(dst, 0, b, q + 16, 4);
        } else {
            int payload = Math.min(len, 0xffff);
            b[q] = 0x60;
            b[q + 4] = (byte) (payload >>> 8);
            b[q + 5] = (byte) payload;
            b[q + 6] = 58;
            System.arraycopy(dst, 0, b, q + 24, 16);
        }
        System.arraycopy(quotedIcmp, off, b, 8 + ipLen, len);
        IcmpReader r = family == 4 ? new IcmpReader().reset(b, 0, b.length) : new IcmpReader().resetV6(b, 0, b.length);
        return new IcmpMessage(r, null, null, offender, null, true);
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

    /** <b>The echo identifier (also timestamp/information/address-mask), else -1.</b> */
    public int id() {
        return id;
    }

    /** <b>The echo sequence number (also timestamp/information/address-mask), else -1.</b> */
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

    private String checksumMeaning() {
        switch (checksumStatus) {
            case VALID: return "correct";
            case INVALID: return String.format("wrong, expected 0x%04x", expectedChecksum);
            default: return family == 6 ? "not checked: needs the IPv6 source and destination" : "not checked";
        }
    }

    /** <b>Every field, one per line, with its meaning.</b> */
    public String show() {
        StringBuilder sb = new StringBuilder();
        if (ip != null) {
            line(sb, "ip.ver", String.valueOf(ip.version()));
            line(sb, "ip.ihl", ip.ihl() + " (" + ip.headerLength() + " bytes)");
            line(sb, "ip.tos", String.format("0x%02x", ip.tos()));
            line(sb, "ip.len", String.valueOf(ip.totalLength()));
            line(sb, "ip.id", String.format("0x%04x", ip.identification()));
            line(sb, "ip.flags", String.format("0x%x%s", ip.flags(), flagsMeaning(ip.flags())));
            line(sb, "ip.frag", String.valueOf(ip.fragmentOffset()));
            line(sb, "ip.ttl", String.valueOf(ip.ttl()));
            line(sb, "ip.proto", ip.protocol() + (ip.protocol() == 1 ? " (icmp)" : ""));
            line(sb, "ip.cksum", String.format("0x%04x (%s)", ip.headerChecksum(), ipChecksumValid ? "correct" : "wrong"));
            line(sb, "ip.src", Addresses.text(ip.source()));
            line(sb, "ip.dst", Addresses.text(ip.destination()));
            byte[] opts = ip.options();
            if (opts.length > 0) {
                line(sb, "ip.opts", opts.length + " bytes " + Hexdump.hex(opts, 0, opts.length));
            }
        } else if (source != null) {
            line(sb, "src", Addresses.text(source));
            if (destination != null) {
                line(sb, "dst", Addresses.text(destination));
            }
        }
        if (fromErrorQueue) {
            line(sb, "origin", "the kernel's error queue (IP_RECVERR): type, code, reporter and quote as reported;"
                    + " checksum and quoted IP header not passed on");
        }
        line(sb, "family", family == 6 ? "6 (ICMPv6)" : "4 (ICMPv4)");
        if (type >= 0) {
            line(sb, "type", type + " (" + typeName() + ")");
        }
        if (code >= 0) {
            String cn = codeName();
            line(sb, "code", code + (cn.isEmpty() ? "" : " (" + cn + ")"));
        }
        if (checksum >= 0 && !fromErrorQueue) {
            line(sb, "checksum", String.format("0x%04x (%s)", checksum, checksumMeaning()));
        }
        if (id >= 0) {
            line(sb, "id", String.format("%d (0x%04x)", id, id));
            line(sb, "seq", String.valueOf(seq));
        }
        if (mtu() >= 0) {
            line(sb, "mtu", String.valueOf(mtu()));
        }
        if (pointer() >= 0) {
            line(sb, "pointer", String.valueOf(pointer()));
        }
        gateway().ifPresent(g -> line(sb, "gateway", Addresses.text(g)));
        if (quoted != null) {
            line(sb, "quoted", quoted.toString().substring("quoted ".length())
                    + " (" + bytes(quoted.length()) + ")");
            showQuoted(sb, quoted);
        }
        if (valid()) {
            byte[] p = payload();
            line(sb, "payload", bytes(p.length) + (p.length > 0 ? ", " + text(p) : ""));
            if (p.length > 0) {
                for (String l : Hexdump.of(p).split("\n")) {
                    sb.append("           ").append(l).append('\n');
                }
            }
        }
        for (String p : problems) {
            line(sb, "problem", p);
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /** The quoted datagram field by field, named as the fields of the packet it quotes: which probe, sent how. */
    private static void showQuoted(StringBuilder sb, Quoted q) {
        String ip = q.family() == 6 ? "quoted.ip6." : "quoted.ip.";
        if (q.source() != null) {
            line(sb, ip + "src", Addresses.text(q.source()));
        }
        line(sb, ip + "dst", Addresses.text(q.destination()));
        if (q.ttl() >= 0) {
            line(sb, ip + (q.family() == 6 ? "hlim" : "ttl"), String.valueOf(q.ttl()));
        }
        line(sb, ip + (q.family() == 6 ? "nxt" : "proto"), q.protocol() + (q.protocol() == 1 ? " (icmp)"
                : q.protocol() == 58 ? " (icmpv6)" : ""));
        String icmp = q.family() == 6 ? "quoted.icmp6." : "quoted.icmp.";
        if (q.icmpType() >= 0) {
            line(sb, icmp + "type", q.icmpType() + " (" + IcmpNames.typeName(q.family(), q.icmpType()) + ")");
            line(sb, icmp + "code", String.valueOf(q.icmpCode()));
        }
        if (q.isEcho()) {
            line(sb, icmp + "id", String.format("%d (0x%04x)", q.id(), q.id()));
            line(sb, icmp + "seq", String.valueOf(q.seq()));
        }
    }

    private static String flagsMeaning(int flags) {
        String s = ((flags & 2) != 0 ? " DF" : "") + ((flags & 1) != 0 ? " MF" : "");
        return s.isEmpty() ? "" : " (" + s.trim() + ")";
    }

    /** The payload as quoted text when it is all printable ASCII, else a note that it is binary. */
    static String text(byte[] p) {
        for (byte b : p) {
            if (b < 0x20 || b >= 0x7f) {
                return "binary";
            }
        }
        return "\"" + new String(p, java.nio.charset.StandardCharsets.US_ASCII) + "\"";
    }

    /** "1 byte", "2 bytes": the show and problem texts are read by people. */
    static String bytes(int n) {
        return n == 1 ? "1 byte" : n + " bytes";
    }

    private static void line(StringBuilder sb, String name, String value) {
        sb.append(name);
        for (int i = name.length(); i < 8; i++) {
            sb.append(' ');
        }
        sb.append(" = ").append(value).append('\n');
    }

    /**
     * <b>One line: {@code ICMPv4 198.51.100.2 > 198.51.100.1 ttl=64 echo-reply id=7 seq=1 len=5 checksum=0x1a2b ok}.</b>
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(family == 6 ? "ICMPv6" : "ICMPv4");
        if (source != null) {
            sb.append(' ').append(Addresses.text(source));
            if (destination != null) {
                sb.append(" > ").append(Addresses.text(destination));
            }
        }
        if (ip != null) {
            sb.append(" ttl=").append(ip.ttl());
        }
        if (!valid()) {
            return sb.append(" truncated (").append(bytes(Math.max(0, icmpLen))).append(')').toString();
        }
        if ("unknown".equals(typeName())) {
            sb.append(" type=").append(type).append(" code=").append(code);
        } else {
            sb.append(' ').append(typeName());
            String cn = codeName();
            if (!cn.isEmpty()) {
                sb.append(' ').append("unknown".equals(cn) ? "code=" + code : cn);
            }
        }
        if (id >= 0) {
            sb.append(" id=").append(id).append(" seq=").append(seq).append(" len=").append(payloadLength());
        }
        if (mtu() >= 0) {
            sb.append(" mtu=").append(mtu());
        }
        if (fromErrorQueue) {
            sb.append(" via error queue");
        } else {
            sb.append(String.format(" checksum=0x%04x", checksum));
            sb.append(checksumStatus == ChecksumStatus.VALID ? " ok"
                    : checksumStatus == ChecksumStatus.INVALID ? " BAD" : "");
        }
        if (quoted != null) {
            sb.append(" (").append(quoted).append(')');
        }
        if (!problems.isEmpty()) {
            sb.append(" [").append(problems.size()).append(problems.size() == 1 ? " problem]" : " problems]");
        }
        return sb.toString();
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
