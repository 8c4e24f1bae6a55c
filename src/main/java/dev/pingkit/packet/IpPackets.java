package dev.pingkit.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * <b>Whole IP packets around an ICMP message, for captures: what the wire carried when the kernel wrote the IP
 * header and we only saw the ICMP part.</b>
 */
public final class IpPackets {
    private IpPackets() {
    }

    /**
     * <b>An IPv4 packet (20-byte header, protocol 1, correct header checksum) carrying {@code icmp} as given.</b>
     * {@code ttl} and {@code tos} are 0..255; a negative one stands for the kernel default (64, 0).
     */
    public static byte[] ipv4(Inet4Address source, Inet4Address destination, int ttl, int tos, int identification,
                              boolean dontFragment, byte[] icmp) {
        return ipv4(source, destination, ttl, tos, identification, dontFragment, new byte[0], icmp);
    }

    /**
     * <b>As {@link #ipv4(Inet4Address, Inet4Address, int, int, int, boolean, byte[])} with IPv4 options after the
     * first 20 bytes</b> ({@link Ipv4Options#encode}: 0..40 bytes, a multiple of 4), as the kernel writes the header
     * of a probe sent with {@code IP_OPTIONS}.
     */
    public static byte[] ipv4(Inet4Address source, Inet4Address destination, int ttl, int tos, int identification,
                              boolean dontFragment, byte[] options, byte[] icmp) {
        if (options.length > Ipv4Options.MAX || options.length % 4 != 0) {
            throw new IllegalArgumentException("options must be 0..40 bytes, a multiple of 4, got " + options.length);
        }
        int hl = 20 + options.length;
        int total = hl + icmp.length;
        if (total > 65535) {
            throw new IllegalArgumentException("ICMP message length must be 0.." + (65535 - hl) + " for IPv4 with "
                    + IcmpFieldView.bytes(options.length) + " of options, got " + icmp.length);
        }
        byte[] p = new byte[total];
        p[0] = (byte) (0x40 | hl / 4);
        p[1] = (byte) (tos < 0 ? 0 : tos);
        put16(p, 2, total);
        put16(p, 4, identification);
        p[6] = (byte) (dontFragment ? 0x40 : 0);
        p[8] = (byte) (ttl < 0 ? 64 : ttl);
        p[9] = 1;
        System.arraycopy(source.getAddress(), 0, p, 12, 4);
        System.arraycopy(destination.getAddress(), 0, p, 16, 4);
        System.arraycopy(options, 0, p, 20, options.length);
        put16(p, 10, Checksum.of(p, 0, hl));
        System.arraycopy(icmp, 0, p, hl, icmp.length);
        return p;
    }

    /**
     * <b>An IPv6 packet (next header 58) carrying {@code icmp}; a zero checksum field (the kernel's to fill in) is
     * filled in here over the pseudo-header of these addresses, any other value is kept as given.</b>
     * A negative {@code hopLimit} stands for the kernel default (64).
     */
    public static byte[] ipv6(Inet6Address source, Inet6Address destination, int hopLimit, byte[] icmp) {
        if (icmp.length > 65535) {
            throw new IllegalArgumentException("ICMPv6 message length must be 0..65535, got " + icmp.length);
        }
        byte[] h = Ipv6Header.forIcmpv6(source, destination, hopLimit < 0 ? 64 : hopLimit, icmp.length).toBytes();
        byte[] p = new byte[Ipv6Header.LENGTH + icmp.length];
        System.arraycopy(h, 0, p, 0, h.length);
        System.arraycopy(icmp, 0, p, Ipv6Header.LENGTH, icmp.length);
        if (icmp.length >= 4 && icmp[2] == 0 && icmp[3] == 0) {
            put16(p, Ipv6Header.LENGTH + 2, Checksum.icmpv6(source, destination, icmp, 0, icmp.length));
        }
        return p;
    }

    /** <b>{@link #ipv4} or {@link #ipv6} by the addresses' family (both must be the same).</b> */
    public static byte[] ip(InetAddress source, InetAddress destination, int ttl, int tos, byte[] icmp) {
        if (source instanceof Inet4Address s4 && destination instanceof Inet4Address d4) {
            return ipv4(s4, d4, ttl, tos, 0, false, icmp);
        }
        if (source instanceof Inet6Address s6 && destination instanceof Inet6Address d6) {
            return ipv6(s6, d6, ttl, icmp);
        }
        throw new IllegalArgumentException("source and destination must be the same family, got "
                + Addresses.text(source) + " and " + Addresses.text(destination));
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }
}
