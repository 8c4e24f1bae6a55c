package dev.pingkit.packet;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An ICMP error the kernel reported on a datagram socket's error queue ({@code IP_RECVERR} / {@code IPV6_RECVERR}),
 * rebuilt as the bytes of an error message so that it decodes like one read from a raw socket; see
 * {@link IcmpMessage#fromErrorReport}. The fields the kernel keeps back (the error's checksum, the quoted IP
 * header's source and TTL) are left zero.
 */
final class KernelErrorReport {
    private KernelErrorReport() {
    }

    /**
     * A reader over the rebuilt error: type, code and {@code info} (MTU or pointer) in the header, then an IP header
     * to {@code originalDestination}, then the quoted ICMP message.
     *
     * @throws IllegalArgumentException if family, type or code is out of range, or an address is of the other
     *                                  family
     */
    static IcmpReader reconstruct(int family, int type, int code, int info, InetAddress originalDestination,
                                  byte[] quotedIcmp, int off, int len, InetAddress offender) {
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
        return family == 4 ? new IcmpReader().reset(b, 0, b.length) : new IcmpReader().resetV6(b, 0, b.length);
    }
}
