package dev.pingkit.packet;

/**
 * <b>The one place for echo payload sizes and ping's payload fill</b>: how many data bytes an ICMPv4 or ICMPv6
 * echo message may carry, ping's default size, and the bytes {@code ping -s} and {@code ping -p} send.
 */
public final class EchoPayload {
    /** <b>Largest ICMPv4 echo payload: 65535 - 20 (IP header) - 8 (ICMP header).</b> */
    public static final int MAX_V4 = 65507;
    /** <b>Largest ICMPv6 echo payload: 65535 (IPv6 payload length) - 8 (ICMP header).</b> */
    public static final int MAX_V6 = 65527;
    /** <b>ping's default payload size.</b> */
    public static final int DEFAULT_SIZE = 56;

    private EchoPayload() {
    }

    /** <b>The largest payload of {@code family} (4 or 6).</b> */
    public static int max(int family) {
        return family == 6 ? MAX_V6 : MAX_V4;
    }

    /** <b>{@code size} bytes as ping fills them: byte i is {@code i & 0xff}.</b> */
    public static byte[] fill(int size) {
        return fill(size, null);
    }

    /**
     * <b>{@code size} bytes of {@code pattern} repeated, as {@code ping -p} fills them</b>; a null or empty pattern
     * gives ping's default fill ({@code i & 0xff}).
     *
     * @throws IllegalArgumentException if size is negative
     */
    public static byte[] fill(int size, byte[] pattern) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
        byte[] b = new byte[size];
        boolean plain = pattern == null || pattern.length == 0;
        for (int i = 0; i < size; i++) {
            b[i] = plain ? (byte) i : pattern[i % pattern.length];
        }
        return b;
    }
}
