package dev.pingkit.packet;

import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * <b>A fixed IPv6 header (RFC 8200): 40 bytes, extension headers not included.</b>
 * {@code payloadLength} counts everything after these 40 bytes; {@code nextHeader} 58 is ICMPv6.
 */
public record Ipv6Header(int trafficClass, int flowLabel, int payloadLength, int nextHeader, int hopLimit,
                         Inet6Address source, Inet6Address destination) {
    /** <b>The header's length in bytes.</b> */
    public static final int LENGTH = 40;

    public Ipv6Header {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        check("trafficClass", trafficClass, 255);
        check("flowLabel", flowLabel, 0xfffff);
        check("payloadLength", payloadLength, 65535);
        check("nextHeader", nextHeader, 255);
        check("hopLimit", hopLimit, 255);
    }

    private static void check(String field, int v, int max) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(field + " must be 0.." + max + ", got " + v);
        }
    }

    /** <b>The header of an ICMPv6 message of {@code icmpLength} bytes: next header 58, traffic class 0.</b> */
    public static Ipv6Header forIcmpv6(Inet6Address source, Inet6Address destination, int hopLimit, int icmpLength) {
        return new Ipv6Header(0, 0, icmpLength, Checksum.NEXT_HEADER_ICMPV6, hopLimit, source, destination);
    }

    /**
     * <b>Parses the 40 bytes at {@code b[off]}, or empty if fewer are there or the version nibble is not 6.</b>
     */
    public static Optional<Ipv6Header> parse(byte[] b, int off, int len) {
        if (off < 0 || len < LENGTH || off > b.length - len || (b[off] & 0xf0) != 0x60) {
            return Optional.empty();
        }
        int w = ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
        return Optional.of(new Ipv6Header((w >>> 20) & 0xff, w & 0xfffff,
                ((b[off + 4] & 0xff) << 8) | (b[off + 5] & 0xff), b[off + 6] & 0xff, b[off + 7] & 0xff,
                v6(b, off + 8), v6(b, off + 24)));
    }

    private static Inet6Address v6(byte[] b, int i) {
        try {
            return Inet6Address.getByAddress(null, Arrays.copyOfRange(b, i, i + 16), null);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always an IPv6 address", e);
        }
    }

    /** <b>The 40 header bytes.</b> */
    public byte[] toBytes() {
        byte[] b = new byte[LENGTH];
        int w = (6 << 28) | (trafficClass << 20) | flowLabel;
        b[0] = (byte) (w >>> 24);
        b[1] = (byte) (w >>> 16);
        b[2] = (byte) (w >>> 8);
        b[3] = (byte) w;
        b[4] = (byte) (payloadLength >>> 8);
        b[5] = (byte) payloadLength;
        b[6] = (byte) nextHeader;
        b[7] = (byte) hopLimit;
        System.arraycopy(source.getAddress(), 0, b, 8, 16);
        System.arraycopy(destination.getAddress(), 0, b, 24, 16);
        return b;
    }

    /** <b>One line: {@code IPv6 2001:db8::1 > 2001:db8::2 hlim=64 next=58 len=64}.</b> */
    @Override
    public String toString() {
        return "IPv6 " + Addresses.text(source) + " > " + Addresses.text(destination) + " hlim=" + hopLimit
                + " next=" + nextHeader + " len=" + payloadLength
                + (trafficClass != 0 ? String.format(" tc=0x%02x", trafficClass) : "")
                + (flowLabel != 0 ? String.format(" flow=0x%05x", flowLabel) : "");
    }
}
