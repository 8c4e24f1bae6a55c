package dev.pingkit.packet;

import java.nio.ByteBuffer;

/**
 * Packets written byte by byte from their RFC layouts, for the property tests: an encoder that shares nothing with
 * the decoders under test except {@link Checksum} (itself checked against hand-computed vectors in ChecksumTest).
 */
final class WireBuilder {
    private WireBuilder() {
    }

    /** An ICMP message (v4 or v6 layout): type, code, checksum 0, then the 4-byte rest of header and the body. */
    static byte[] icmp(int type, int code, int restOfHeader, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length);
        b.put((byte) type).put((byte) code).putShort((short) 0).putInt(restOfHeader).put(body);
        return b.array();
    }

    /** Echo request or reply with id and seq in the rest of header. */
    static byte[] echo(int type, int id, int seq, byte[] payload) {
        return icmp(type, 0, (id & 0xffff) << 16 | (seq & 0xffff), payload);
    }

    /** {@code icmp} with its ICMPv4 checksum filled in. */
    static byte[] withChecksumV4(byte[] icmp) {
        int c = Checksum.of(icmp, 0, icmp.length);
        icmp[2] = (byte) (c >>> 8);
        icmp[3] = (byte) c;
        return icmp;
    }

    /** {@code icmp} with its ICMPv6 checksum (over the pseudo-header) filled in. */
    static byte[] withChecksumV6(byte[] icmp, byte[] src16, byte[] dst16) {
        int c = Checksum.icmpv6(src16, dst16, icmp, 0, icmp.length);
        icmp[2] = (byte) (c >>> 8);
        icmp[3] = (byte) c;
        return icmp;
    }

    /** An IPv4 datagram: a 20-byte header (plus {@code options}, a multiple of 4) with its checksum, then data. */
    static byte[] ipv4(int tos, int ident, int ttl, int protocol, byte[] src4, byte[] dst4, byte[] options,
            byte[] data) {
        int hl = 20 + options.length;
        ByteBuffer b = ByteBuffer.allocate(hl + data.length);
        b.put((byte) (0x40 | hl / 4)).put((byte) tos).putShort((short) (hl + data.length)).putShort((short) ident)
                .putShort((short) 0x4000) // DF, no fragment offset
                .put((byte) ttl).put((byte) protocol).putShort((short) 0).put(src4).put(dst4).put(options).put(data);
        byte[] out = b.array();
        int c = Checksum.of(out, 0, hl);
        out[10] = (byte) (c >>> 8);
        out[11] = (byte) c;
        return out;
    }

    /** The first 40 bytes of an IPv6 header carrying {@code data} (next header 58), then the data. */
    static byte[] ipv6(int hopLimit, byte[] src16, byte[] dst16, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(40 + data.length);
        b.putInt(0x60000000).putShort((short) data.length).put((byte) 58).put((byte) hopLimit).put(src16).put(dst16)
                .put(data);
        return b.array();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
