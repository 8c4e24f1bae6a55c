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
        // the kernel keeps the error's checksum back: the field stays 0
        IcmpErrorMessage.Builder error = IcmpErrorMessage.of(family, type).code(code).checksum(0);
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
        if (family == 4 && type == 3) {
            error.restOfHeader(info & 0xffff); // next-hop MTU in bytes 6..7
        } else if (family == 4 && type == 12) {
            error.restOfHeader((info & 0xff) << 24); // pointer in byte 4
        } else {
            error.restOfHeader(info);
        }
        int ipLen = family == 4 ? 20 : 40;
        byte[] datagram = new byte[ipLen + len];
        if (family == 4) {
            int total = Math.min(ipLen + len, 0xffff);
            datagram[0] = 0x45;
            datagram[2] = (byte) (total >>> 8);
            datagram[3] = (byte) total;
            datagram[9] = 1;
            System.arraycopy(dst, 0, datagram, 16, 4);
        } else {
            int payload = Math.min(len, 0xffff);
            datagram[0] = 0x60;
            datagram[4] = (byte) (payload >>> 8);
            datagram[5] = (byte) payload;
            datagram[6] = 58;
            System.arraycopy(dst, 0, datagram, 24, 16);
        }
        System.arraycopy(quotedIcmp, off, datagram, ipLen, len);
        byte[] b = error.datagram(datagram).build().toBytes();
        return family == 4 ? new IcmpReader().reset(b, 0, b.length) : new IcmpReader().resetV6(b, 0, b.length);
    }
}
