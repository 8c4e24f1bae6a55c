package dev.pingkit.packet;

import java.util.Arrays;

/**
 * <b>A reusable, allocation-free cursor over one received ICMP message, for the receive and match hot path.</b>
 *
 * <p>{@link #reset} accepts a whole IPv4 packet (first byte's high nibble 4, a sane IHL and protocol 1: the header,
 * options included, is skipped by IHL*4) or a bare ICMPv4 message. {@link #resetV6} accepts a bare ICMPv6 message,
 * which is what kernels deliver on ICMPv6 sockets.
 *
 * <p>Never throws on hostile bytes: every read is bounds-checked; a field that is not there reads as -1 and
 * {@link #valid()} says whether at least the 8-byte ICMP header is present. Offsets are into the array given to
 * {@code reset}. The cursor keeps a reference to that array; it is not thread-safe.
 */
public final class IcmpReader {
    private byte[] buf = new byte[0];
    private int inOff;
    private int inLen;
    private int family;
    private int ipOff = -1;
    private int ipHeaderLength;
    private int icmpOff;
    private int icmpLen;
    private int end;
    // quoted datagram (ICMP errors): offsets into buf, -1 if absent
    private int qIpOff = -1;
    private int qAddrLen;
    private int qProtocol = -1;
    private int qTtl = -1;
    private int qIcmpOff = -1;

    /** <b>Points the cursor at an IPv4 packet or bare ICMPv4 message in {@code buf[off, off+len)}.</b> */
    public IcmpReader reset(byte[] buf, int off, int len) {
        clear(buf, 4);
        if (!inRange(buf, off, len)) {
            return this;
        }
        inOff = off;
        inLen = len;
        end = off + len;
        icmpOff = off;
        icmpLen = len;
        if (len >= 20 && (buf[off] & 0xf0) == 0x40) {
            int hl = (buf[off] & 0x0f) * 4;
            if (hl >= 20 && hl <= len && (buf[off + 9] & 0xff) == 1) {
                ipOff = off;
                ipHeaderLength = hl;
                int total = u16(off + 2);
                // Trim link-layer padding when the IP header's total length is plausible; otherwise use what came.
                int icmpEnd = total >= hl && total <= len ? off + total : end;
                icmpOff = off + hl;
                icmpLen = icmpEnd - icmpOff;
                end = icmpEnd;
            }
        }
        findQuote();
        return this;
    }

    /** <b>Points the cursor at a bare ICMPv6 message in {@code buf[off, off+len)}.</b> */
    public IcmpReader resetV6(byte[] buf, int off, int len) {
        clear(buf, 6);
        if (!inRange(buf, off, len)) {
            return this;
        }
        inOff = off;
        inLen = len;
        end = off + len;
        icmpOff = off;
        icmpLen = len;
        findQuote();
        return this;
    }

    private void clear(byte[] b, int fam) {
        if (b == null) {
            throw new NullPointerException("buf");
        }
        buf = b;
        inOff = 0;
        inLen = -1;
        family = fam;
        ipOff = -1;
        ipHeaderLength = 0;
        icmpOff = 0;
        icmpLen = -1;
        end = 0;
        qIpOff = -1;
        qAddrLen = 0;
        qProtocol = -1;
        qTtl = -1;
        qIcmpOff = -1;
    }

    private static boolean inRange(byte[] b, int off, int len) {
        return off >= 0 && len >= 0 && off <= b.length - len;
    }

    private void findQuote() {
        if (!valid() || !isError(family, type())) {
            return;
        }
        int q = icmpOff + 8;
        if (family == 4) {
            if (end - q < 20 || (buf[q] & 0xf0) != 0x40) {
                return;
            }
            int hl = (buf[q] & 0x0f) * 4;
            if (hl < 20 || q + hl > end) {
                return;
            }
            qIpOff = q;
            qAddrLen = 4;
            qProtocol = buf[q + 9] & 0xff;
            qTtl = buf[q + 8] & 0xff;
            if (qProtocol == 1) {
                qIcmpOff = q + hl;
            }
        } else {
            if (end - q < 40 || (buf[q] & 0xf0) != 0x60) {
                return;
            }
            qIpOff = q;
            qAddrLen = 16;
            qTtl = buf[q + 7] & 0xff;
            int next = buf[q + 6] & 0xff;
            int p = q + 40;
            // Walk the extension headers a probe may carry (hop-by-hop, routing, fragment, destination options).
            for (int hops = 0; hops < 8 && p < end; hops++) {
                if (next == 0 || next == 43 || next == 60) {
                    if (p + 2 > end) {
                        break;
                    }
                    int n = buf[p] & 0xff;
                    p += ((buf[p + 1] & 0xff) + 1) * 8;
                    next = n;
                } else if (next == 44) {
                    if (p + 8 > end) {
                        break;
                    }
                    next = buf[p] & 0xff;
                    p += 8;
                } else {
                    break;
                }
            }
            qProtocol = next;
            if (next == 58 && p <= end) {
                qIcmpOff = p;
            }
        }
    }

    /** <b>True for ICMP error types, the ones that quote the offending datagram ({@link IcmpTypes#isError}).</b> */
    public static boolean isError(int family, int type) {
        return IcmpTypes.isError(family, type);
    }

    /** <b>True for types whose bytes 4..7 are an identifier and a sequence number (echo, timestamp, ...).</b> */
    public static boolean hasIdAndSeq(int family, int type) {
        return IcmpTypes.hasIdAndSeq(family, type);
    }

    private int u8(int i) {
        return i >= 0 && i < end ? buf[i] & 0xff : -1;
    }

    private int u16(int i) {
        return i >= 0 && i + 1 < end ? ((buf[i] & 0xff) << 8) | (buf[i + 1] & 0xff) : -1;
    }

    /** <b>True when at least the 8-byte ICMP header is present.</b> */
    public boolean valid() {
        return icmpLen >= 8;
    }

    /** <b>4 after {@link #reset}, 6 after {@link #resetV6}.</b> */
    public int family() {
        return family;
    }

    /** <b>The ICMP type, or -1 if absent.</b> */
    public int type() {
        return icmpLen >= 1 ? buf[icmpOff] & 0xff : -1;
    }

    /** <b>The ICMP code, or -1 if absent.</b> */
    public int code() {
        return icmpLen >= 2 ? buf[icmpOff + 1] & 0xff : -1;
    }

    /** <b>The checksum field as received, or -1 if absent.</b> */
    public int checksum() {
        return icmpLen >= 4 ? u16(icmpOff + 2) : -1;
    }

    /** <b>The identifier of an echo (or timestamp, information, address mask) message, else -1.</b> */
    public int id() {
        return valid() && hasIdAndSeq(family, type()) ? u16(icmpOff + 4) : -1;
    }

    /**
     * <b>The sequence number of an echo (or timestamp, information, address mask) message, else -1</b>; of an
     * extended echo, byte 6 alone (0..255).
     */
    public int seq() {
        return valid() && hasIdAndSeq(family, type()) ? seqAt(icmpOff, type()) : -1;
    }

    private int seqAt(int icmp, int t) {
        return IcmpTypes.isExtendedEcho(family, t) ? u8(icmp + 6) : u16(icmp + 6);
    }

    /** <b>Bytes 4..7 of the ICMP header as an unsigned 32-bit value, or -1 if absent.</b> */
    public long restOfHeader() {
        return valid() ? ((long) u16(icmpOff + 4) << 16) | u16(icmpOff + 6) : -1;
    }

    /** <b>Offset of the ICMP message in the array.</b> */
    public int icmpOffset() {
        return icmpOff;
    }

    /** <b>Length of the ICMP message (after any IP header, trimmed to the IP total length), -1 if the bounds were bad.</b> */
    public int icmpLength() {
        return icmpLen;
    }

    /** <b>Offset of the data after the 8-byte ICMP header (echo payload, quoted datagram), or -1.</b> */
    public int payloadOffset() {
        return valid() ? icmpOff + 8 : -1;
    }

    /** <b>Length of the data after the 8-byte ICMP header, or -1.</b> */
    public int payloadLength() {
        return valid() ? icmpLen - 8 : -1;
    }

    /** <b>True if the data after the ICMP header equals {@code expected}; allocates nothing.</b> */
    public boolean payloadEquals(byte[] expected) {
        if (!valid() || icmpLen - 8 != expected.length) {
            return false;
        }
        int p = icmpOff + 8;
        return Arrays.equals(buf, p, p + expected.length, expected, 0, expected.length);
    }

    /**
     * <b>Index of the first payload byte that differs from {@code expected}</b>: the first differing byte, else (same
     * prefix, another length) the first byte one side lacks; -1 when they are equal or the message is not valid.
     * Allocates nothing.
     */
    public int firstPayloadDifference(byte[] expected) {
        if (!valid() || payloadEquals(expected)) {
            return -1;
        }
        int p = icmpOff + 8;
        int got = icmpLen - 8;
        int n = Math.min(got, expected.length);
        int i = Arrays.mismatch(buf, p, p + n, expected, 0, n);
        return i >= 0 ? i : n;
    }

    /** <b>The payload byte at {@code index} as 0..255, or -1 past the payload's end (or when not valid).</b> */
    public int payloadByte(int index) {
        return valid() && index >= 0 && index < icmpLen - 8 ? buf[icmpOff + 8 + index] & 0xff : -1;
    }

    /** <b>True if an IPv4 header came before the ICMP message.</b> */
    public boolean hasIpHeader() {
        return ipOff >= 0;
    }

    /** <b>Offset of the IPv4 header, or -1.</b> */
    public int ipOffset() {
        return ipOff;
    }

    /** <b>The IPv4 header length in bytes (IHL*4), or 0 without one.</b> */
    public int ipHeaderLength() {
        return ipHeaderLength;
    }

    /** <b>The IPv4 TTL, or -1 if no IP header came with the message.</b> */
    public int ipTtl() {
        return ipOff >= 0 ? buf[ipOff + 8] & 0xff : -1;
    }

    /** <b>The IPv4 source address as an int (big-endian), or 0 without an IP header.</b> */
    public int ipSourceV4() {
        return ipOff >= 0 ? int32(ipOff + 12) : 0;
    }

    /** <b>True if the message is an error quoting at least an IP header.</b> */
    public boolean hasQuote() {
        return qIpOff >= 0;
    }

    /** <b>Offset of the quoted IP header, or -1.</b> */
    public int quotedIpOffset() {
        return qIpOff;
    }

    /** <b>The quoted datagram's protocol (IPv4) or final next header (IPv6), or -1.</b> */
    public int quotedProtocol() {
        return qProtocol;
    }

    /** <b>The quoted datagram's TTL or hop limit as it reached the reporter, or -1.</b> */
    public int quotedTtl() {
        return qTtl;
    }

    /** <b>Offset of the quoted destination address (4 or 16 bytes, see {@link #quotedAddressLength}), or -1.</b> */
    public int quotedDestinationOffset() {
        return qIpOff < 0 ? -1 : qIpOff + (qAddrLen == 4 ? 16 : 24);
    }

    /** <b>Offset of the quoted source address, or -1.</b> */
    public int quotedSourceOffset() {
        return qIpOff < 0 ? -1 : qIpOff + (qAddrLen == 4 ? 12 : 8);
    }

    /** <b>4 or 16 when a quote is present, else 0.</b> */
    public int quotedAddressLength() {
        return qAddrLen;
    }

    /** <b>The quoted IPv4 destination as an int (big-endian), or 0 when absent or not IPv4.</b> */
    public int quotedDestinationV4() {
        return qAddrLen == 4 ? int32(qIpOff + 16) : 0;
    }

    /** <b>True if the quoted destination equals {@code addr} (4 or 16 bytes); allocates nothing.</b> */
    public boolean quotedDestinationEquals(byte[] addr) {
        if (qIpOff < 0 || addr.length != qAddrLen) {
            return false;
        }
        int p = quotedDestinationOffset();
        return Arrays.equals(buf, p, p + qAddrLen, addr, 0, qAddrLen);
    }

    /** <b>Offset of the quoted ICMP message, or -1 if the quoted datagram is not ICMP.</b> */
    public int quotedIcmpOffset() {
        return qIcmpOff;
    }

    /** <b>The quoted ICMP type, or -1.</b> */
    public int quotedType() {
        return qIcmpOff >= 0 ? u8(qIcmpOff) : -1;
    }

    /** <b>The quoted ICMP code, or -1.</b> */
    public int quotedCode() {
        return qIcmpOff >= 0 ? u8(qIcmpOff + 1) : -1;
    }

    /** <b>The quoted identifier, or -1 unless the quote holds 8 bytes of a query (echo, timestamp, ...).</b> */
    public int quotedId() {
        return quotedEcho() ? u16(qIcmpOff + 4) : -1;
    }

    /** <b>The quoted sequence number, or -1 unless the quote holds 8 bytes of a query (byte 6 of PROBE).</b> */
    public int quotedSeq() {
        return quotedEcho() ? seqAt(qIcmpOff, buf[qIcmpOff] & 0xff) : -1;
    }

    private boolean quotedEcho() {
        return qIcmpOff >= 0 && qIcmpOff + 8 <= end && hasIdAndSeq(family, buf[qIcmpOff] & 0xff);
    }

    /** <b>True if the ICMPv4 checksum verifies; for ICMPv6 use {@link #checksumValidV6}.</b> */
    public boolean checksumValid() {
        return valid() && family == 4 && Checksum.of(buf, icmpOff, icmpLen) == 0;
    }

    /** <b>True if the ICMPv6 checksum verifies over the pseudo-header with these 16-byte addresses.</b> */
    public boolean checksumValidV6(byte[] src16, byte[] dst16) {
        return valid() && family == 6 && Checksum.icmpv6(src16, dst16, buf, icmpOff, icmpLen) == 0;
    }

    byte[] buffer() {
        return buf;
    }

    /** <b>Offset given to the last reset.</b> */
    public int inputOffset() {
        return inOff;
    }

    /** <b>Length given to the last reset, or -1 if the bounds were outside the array.</b> */
    public int inputLength() {
        return inLen;
    }

    private int int32(int i) {
        return ((buf[i] & 0xff) << 24) | ((buf[i + 1] & 0xff) << 16) | ((buf[i + 2] & 0xff) << 8) | (buf[i + 3] & 0xff);
    }
}
