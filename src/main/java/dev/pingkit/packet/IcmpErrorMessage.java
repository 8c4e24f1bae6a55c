package dev.pingkit.packet;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * <b>An ICMP error message as an immutable wire value (RFC 792, RFC 4443): type, code, checksum, the four bytes
 * after it (unused, a next-hop MTU or a pointer) and as much of the invoking datagram as the error quotes.</b>
 * Built by one builder per kind; the checksum is computed unless forced (ICMPv6: only with the pseudo-header).
 *
 * <pre>{@code
 * byte[] te = IcmpErrorMessage.timeExceeded(4).datagram(ipHeaderAndProbe).build().toBytes();
 * byte[] ptb = IcmpErrorMessage.packetTooBig().mtu(1280).datagram(ipv6Probe).pseudoHeader(router, me).build().toBytes();
 * }</pre>
 */
public final class IcmpErrorMessage {
    private static final int COMPUTED = -1;

    private final int family;
    private final int type;
    private final int code;
    private final int restOfHeader;
    private final byte[] datagram;
    private final boolean checksumForced;
    private final int checksum;

    private IcmpErrorMessage(Builder b) {
        family = b.family;
        type = b.type;
        code = b.code;
        restOfHeader = b.restOfHeader;
        datagram = b.datagram;
        checksumForced = b.checksum != COMPUTED;
        checksum = checksumForced ? b.checksum : computeChecksum(b.source, b.destination);
    }

    private int computeChecksum(InetAddress source, InetAddress destination) {
        byte[] b = bytesWithChecksum(0);
        if (family == 4) {
            return Checksum.of(b, 0, b.length);
        }
        return source == null ? 0 : Checksum.icmpv6(source.getAddress(), destination.getAddress(), b, 0, b.length);
    }

    /** <b>A destination unreachable (ICMPv4 type 3, ICMPv6 type 1); code 0 unless set.</b> */
    public static Builder destinationUnreachable(int family) {
        return of(family, family == 6 ? 1 : 3);
    }

    /** <b>A time exceeded (ICMPv4 type 11, ICMPv6 type 3): code 0, TTL / hop limit exceeded in transit.</b> */
    public static Builder timeExceeded(int family) {
        return of(family, family == 6 ? 3 : 11);
    }

    /** <b>A parameter problem (ICMPv4 type 12, ICMPv6 type 4), pointing at the offending octet.</b> */
    public static Builder parameterProblem(int family) {
        return of(family, family == 6 ? 4 : 12);
    }

    /** <b>An ICMPv6 packet too big (type 2), carrying the next-hop MTU.</b> */
    public static Builder packetTooBig() {
        return of(6, 2);
    }

    /**
     * <b>An error of any error type of {@code family}</b> ({@link IcmpTypes#isError}: also source quench and redirect
     * for ICMPv4).
     *
     * @throws IllegalArgumentException if family is not 4 or 6, or type is not one of its error types
     */
    public static Builder of(int family, int type) {
        if (family != 4 && family != 6) {
            throw new IllegalArgumentException("family must be 4 or 6, got " + family);
        }
        if (type < 0 || type > 255 || !IcmpTypes.isError(family, type)) {
            throw new IllegalArgumentException("type must be an ICMPv" + family + " error type ("
                    + (family == 4 ? "3, 4, 5, 11, 12" : "1..4") + "), got " + type);
        }
        return new Builder(family, type);
    }

    /** <b>Collects the fields of one error message; {@link #build()} computes the checksum unless one is forced.</b> */
    public static final class Builder {
        private final int family;
        private final int type;
        private int code;
        private int restOfHeader;
        private byte[] datagram = new byte[0];
        private int checksum = COMPUTED;
        private InetAddress source;
        private InetAddress destination;

        private Builder(int family, int type) {
            this.family = family;
            this.type = type;
        }

        /** <b>The code, 0..255.</b> */
        public Builder code(int code) {
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("code must be 0..255, got " + code);
            }
            this.code = code;
            return this;
        }

        /** <b>The four bytes after the checksum as one big-endian number (unused: 0).</b> */
        public Builder restOfHeader(int value) {
            this.restOfHeader = value;
            return this;
        }

        /**
         * <b>The next-hop MTU: bytes 6..7 of an ICMPv4 fragmentation needed (0..65535), bytes 4..7 of an ICMPv6
         * packet too big.</b>
         */
        public Builder mtu(int mtu) {
            if (mtu < 0 || family == 4 && mtu > 0xffff) {
                throw new IllegalArgumentException("mtu must be 0.." + (family == 4 ? 65535 : Integer.MAX_VALUE)
                        + ", got " + mtu);
            }
            this.restOfHeader = mtu;
            return this;
        }

        /** <b>The pointer of a parameter problem: byte 4 for ICMPv4 (0..255), bytes 4..7 for ICMPv6.</b> */
        public Builder pointer(int pointer) {
            if (pointer < 0 || family == 4 && pointer > 0xff) {
                throw new IllegalArgumentException("pointer must be 0.." + (family == 4 ? 255 : Integer.MAX_VALUE)
                        + ", got " + pointer);
            }
            this.restOfHeader = family == 4 ? pointer << 24 : pointer;
            return this;
        }

        /** <b>The invoking datagram as quoted (its IP header, then as much of it as fits), copied.</b> */
        public Builder datagram(byte[] datagram) {
            this.datagram = Objects.requireNonNull(datagram, "datagram").clone();
            return this;
        }

        /** <b>Forces the checksum field to this value, 0..65535, instead of computing it.</b> */
        public Builder checksum(int checksum) {
            if (checksum < 0 || checksum > 0xffff) {
                throw new IllegalArgumentException("checksum must be 0..65535, got " + checksum);
            }
            this.checksum = checksum;
            return this;
        }

        /** <b>The IPv6 source and destination the ICMPv6 checksum covers (without them it is left 0).</b> */
        public Builder pseudoHeader(InetAddress source, InetAddress destination) {
            if (source != null && destination != null && (source.getAddress().length != 16
                    || destination.getAddress().length != 16)) {
                throw new IllegalArgumentException("pseudoHeader must be two IPv6 addresses, got "
                        + Addresses.text(source) + " and " + Addresses.text(destination));
            }
            this.source = destination == null ? null : source;
            this.destination = source == null ? null : destination;
            return this;
        }

        /** <b>The message, checksum computed unless forced.</b> */
        public IcmpErrorMessage build() {
            return new IcmpErrorMessage(this);
        }
    }

    /** <b>4 for ICMPv4, 6 for ICMPv6.</b> */
    public int family() {
        return family;
    }

    /** <b>The type.</b> */
    public int type() {
        return type;
    }

    /** <b>The code.</b> */
    public int code() {
        return code;
    }

    /** <b>The checksum field as written: forced, computed, or 0 (ICMPv6 without its pseudo-header).</b> */
    public int checksum() {
        return checksum;
    }

    /** <b>True if the builder forced the checksum.</b> */
    public boolean checksumForced() {
        return checksumForced;
    }

    /** <b>The four bytes after the checksum, as one big-endian number.</b> */
    public int restOfHeader() {
        return restOfHeader;
    }

    /** <b>The quoted invoking datagram, a copy.</b> */
    public byte[] datagram() {
        return datagram.clone();
    }

    /** <b>The message length: 8 + the quoted datagram's.</b> */
    public int length() {
        return 8 + datagram.length;
    }

    /** <b>The message on the wire (no IP header), a new array.</b> */
    public byte[] toBytes() {
        return bytesWithChecksum(checksum);
    }

    private byte[] bytesWithChecksum(int c) {
        byte[] b = new byte[length()];
        b[0] = (byte) type;
        b[1] = (byte) code;
        b[2] = (byte) (c >>> 8);
        b[3] = (byte) c;
        b[4] = (byte) (restOfHeader >>> 24);
        b[5] = (byte) (restOfHeader >>> 16);
        b[6] = (byte) (restOfHeader >>> 8);
        b[7] = (byte) restOfHeader;
        System.arraycopy(datagram, 0, b, 8, datagram.length);
        return b;
    }

    /** <b>One line: {@code IcmpErrorMessage[type=11 code=0 checksum=0x1234 datagram=28 bytes]}.</b> */
    @Override
    public String toString() {
        return "IcmpErrorMessage[type=" + type + " code=" + code + String.format(" checksum=0x%04x", checksum)
                + (checksumForced ? " (forced)" : "") + " datagram=" + datagram.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IcmpErrorMessage m && family == m.family && type == m.type && code == m.code
                && restOfHeader == m.restOfHeader && checksum == m.checksum && checksumForced == m.checksumForced
                && Arrays.equals(datagram, m.datagram);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(family, type, code, restOfHeader, checksum, checksumForced)
                + Arrays.hashCode(datagram);
    }
}
