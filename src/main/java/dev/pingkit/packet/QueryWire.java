package dev.pingkit.packet;

import java.net.InetAddress;

/** What every query value shares on the wire: the 8-byte header, the checksum rule and the marked field view. */
final class QueryWire {
    /** A checksum field left to be computed, as opposed to one forced to a value. */
    static final int COMPUTED = -1;

    private QueryWire() {
    }

    /**
     * The message: type, code, checksum (computed over the ICMPv4 message, or over the ICMPv6 pseudo-header of
     * {@code source}/{@code destination}, or 0 for the kernel when they are unknown; {@code forced} unless
     * {@link #COMPUTED}), bytes 4..7 as {@code rest}, then {@code body}.
     */
    static byte[] bytes(int family, int type, int code, int forced, long rest, byte[] body, InetAddress source,
                        InetAddress destination) {
        byte[] b = new byte[8 + body.length];
        b[0] = (byte) type;
        b[1] = (byte) code;
        put32(b, 4, rest);
        System.arraycopy(body, 0, b, 8, body.length);
        int c = forced;
        if (c == COMPUTED) {
            if (family == 6) {
                c = source == null ? 0 : Checksum.finish(Checksum.partial(b, 0, b.length)
                        + Checksum.pseudoHeaderV6(source.getAddress(), destination.getAddress(), b.length));
            } else {
                c = Checksum.of(b, 0, b.length);
            }
        }
        b[2] = (byte) (c >>> 8);
        b[3] = (byte) c;
        return b;
    }

    /** The checksum field of {@link #bytes}' result. */
    static int checksumOf(byte[] message) {
        return ((message[2] & 0xff) << 8) | (message[3] & 0xff);
    }

    /** Decodes {@code message} as a receiver would (ICMPv6 with its pseudo-header when known). */
    static IcmpMessage decode(int family, byte[] message, InetAddress source, InetAddress destination) {
        return family == 6 ? IcmpMessage.decodeV6(message, 0, message.length, source, destination)
                : IcmpMessage.decode(message, 0, message.length);
    }

    /** The decoded view, with a forced checksum marked and one left to the kernel said so. */
    static String show(IcmpMessage decoded, boolean forced, boolean known) {
        StringBuilder sb = new StringBuilder();
        for (String line : decoded.show().split("\n")) {
            if (line.startsWith("checksum ") && !known) {
                line = "checksum = 0x0000 (filled in by the kernel: ICMPv6 needs the source address)";
            } else if (line.startsWith("checksum ") && forced) {
                line = line + " (forced)";
            }
            sb.append(sb.isEmpty() ? "" : "\n").append(line);
        }
        return sb.toString();
    }

    static int check(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " must be 0.." + max + ", got " + value);
        }
        return value;
    }

    static long check32(String field, long value) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException(field + " must be 0..4294967295, got " + value);
        }
        return value;
    }

    static int checkForced(int checksum) {
        return checksum == COMPUTED ? COMPUTED : check("checksum", checksum, 0xffff);
    }

    static void put32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    static String checksumText(int checksum, boolean forced, boolean known) {
        return known ? String.format("0x%04x", checksum) + (forced ? " (forced)" : "") : "kernel";
    }
}
