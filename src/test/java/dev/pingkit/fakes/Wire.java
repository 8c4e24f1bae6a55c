package dev.pingkit.fakes;

import dev.pingkit.packet.Checksum;
import dev.pingkit.packet.IcmpErrorMessage;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/** Builds the bytes a kernel would deliver, independently of the engine. */
public final class Wire {
    private Wire() {
    }

    public static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | b[off + 1] & 0xff;
    }

    public static int seq(byte[] icmp) {
        return u16(icmp, 6);
    }

    public static int id(byte[] icmp) {
        return u16(icmp, 4);
    }

    public static boolean v6(InetAddress a) {
        return a instanceof Inet6Address;
    }

    /** Sets the ICMPv4 checksum (ICMPv6 ones are the kernel's business and left 0). */
    public static byte[] checksum(byte[] icmp, boolean v6) {
        icmp[2] = 0;
        icmp[3] = 0;
        if (!v6) {
            int c = Checksum.of(icmp, 0, icmp.length);
            icmp[2] = (byte) (c >>> 8);
            icmp[3] = (byte) c;
        }
        return icmp;
    }

    /** The echo reply to {@code request}: same id, seq and payload. */
    public static byte[] reply(byte[] request, boolean v6) {
        byte[] r = request.clone();
        r[0] = (byte) (v6 ? 129 : 0);
        return checksum(r, v6);
    }

    /** An IPv4 datagram carrying {@code icmp}, as a raw IPv4 socket delivers it. */
    public static byte[] ipv4(InetAddress src, InetAddress dst, int ttl, byte[] icmp) {
        byte[] p = new byte[20 + icmp.length];
        p[0] = 0x45;
        p[2] = (byte) (p.length >>> 8);
        p[3] = (byte) p.length;
        p[8] = (byte) ttl;
        p[9] = 1;
        System.arraycopy(src.getAddress(), 0, p, 12, 4);
        System.arraycopy(dst.getAddress(), 0, p, 16, 4);
        int c = Checksum.of(p, 0, 20);
        p[10] = (byte) (c >>> 8);
        p[11] = (byte) c;
        System.arraycopy(icmp, 0, p, 20, icmp.length);
        return p;
    }

    /** An IPv6 header + {@code icmp} (for quoting in ICMPv6 errors). */
    public static byte[] ipv6(InetAddress src, InetAddress dst, int hopLimit, byte[] icmp) {
        byte[] p = new byte[40 + icmp.length];
        p[0] = 0x60;
        p[4] = (byte) (icmp.length >>> 8);
        p[5] = (byte) icmp.length;
        p[6] = 58;
        p[7] = (byte) hopLimit;
        System.arraycopy(src.getAddress(), 0, p, 8, 16);
        System.arraycopy(dst.getAddress(), 0, p, 24, 16);
        System.arraycopy(icmp, 0, p, 40, icmp.length);
        return p;
    }

    /** An ICMP error of {@code type}/{@code code} quoting {@code request} as sent from {@code client} to {@code target}. */
    public static byte[] error(int type, int code, byte[] request, InetAddress client, InetAddress target) {
        boolean v6 = v6(target);
        byte[] quoted = v6 ? ipv6(client, target, 1, request) : ipv4(client, target, 1, Arrays.copyOf(request, 8));
        // ICMPv6 checksums are the kernel's business: without a pseudo-header the builder leaves it 0
        return IcmpErrorMessage.of(v6 ? 6 : 4, type).code(code).datagram(quoted).build().toBytes();
    }

    /** What the socket delivers for an ICMP message from {@code from}: with the IPv4 header on raw IPv4 sockets. */
    public static byte[] delivered(FakeSocket s, InetAddress from, InetAddress to, int ttl, byte[] icmp) {
        return s.headerIncluded() ? ipv4(from, to, ttl, icmp) : icmp;
    }
}
