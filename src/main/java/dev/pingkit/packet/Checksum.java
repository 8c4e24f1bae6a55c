package dev.pingkit.packet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * <b>The Internet checksum (RFC 1071): the one implementation in pingkit.</b>
 *
 * <p>{@code of(...)} returns the value to put in a checksum field: the one's complement of the one's-complement sum
 * of the 16-bit big-endian words, an odd trailing byte padded with a zero. Verifying a message that already carries
 * its checksum gives 0.
 *
 * <p>Speed: the sum reads 8 bytes per step through a big-endian {@code long} view and adds the two 32-bit halves
 * into a 64-bit accumulator; carries are folded once at the end. That is equivalent to summing 16-bit words because
 * the one's-complement sum is addition modulo 0xffff and 2^16 = 1 (mod 0xffff). Nothing is allocated.
 *
 * <p>{@link #partial} and {@link #finish} expose the unfolded sum so a caller can add a pre-computed part (a cached
 * payload sum, a pseudo-header) without summing it again. Partial sums combine only when each part starts at an even
 * offset of the checksummed message.
 */
public final class Checksum {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** ICMPv6's "next header" value, the last field of the IPv6 pseudo-header. */
    public static final int NEXT_HEADER_ICMPV6 = 58;

    private Checksum() {
    }

    /** <b>The checksum field value for {@code len} bytes of {@code b} from {@code off}.</b> */
    public static int of(byte[] b, int off, int len) {
        return finish(partial(b, off, len));
    }

    /**
     * <b>The checksum field value for the bytes between {@code buf}'s position and limit.</b>
     * Works on heap, direct and read-only buffers in either byte order; the position does not move.
     */
    public static int of(ByteBuffer buf) {
        return finish(partial(buf));
    }

    /**
     * <b>The ICMPv6 checksum field value: the IPv6 pseudo-header (RFC 8200 §8.1, next header 58) plus the message.</b>
     * {@code Inet6Address.getAddress()} copies 16 bytes; on a hot path use the {@code byte[]} overload with cached
     * addresses.
     */
    public static int icmpv6(Inet6Address src, Inet6Address dst, byte[] icmp, int off, int len) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        return icmpv6(src.getAddress(), dst.getAddress(), icmp, off, len);
    }

    /** <b>As {@link #icmpv6(Inet6Address, Inet6Address, byte[], int, int)} with 16-byte addresses; allocates nothing.</b> */
    public static int icmpv6(byte[] src16, byte[] dst16, byte[] icmp, int off, int len) {
        return finish(pseudoHeaderV6(src16, dst16, len) + partial(icmp, off, len));
    }

    /**
     * <b>The unfolded sum of the IPv6 pseudo-header for an upper-layer message of {@code length} bytes.</b>
     * Add it to {@link #partial} of the message and {@link #finish} the total.
     */
    public static long pseudoHeaderV6(byte[] src16, byte[] dst16, int length) {
        if (src16.length != 16 || dst16.length != 16) {
            throw new IllegalArgumentException("IPv6 addresses must be 16 bytes, got " + src16.length + " and " + dst16.length);
        }
        // 32-bit upper-layer length, three zero bytes, next header: length's halves and 58 as 16-bit words.
        return partial(src16, 0, 16) + partial(dst16, 0, 16) + (length >>> 16) + (length & 0xffff) + NEXT_HEADER_ICMPV6;
    }

    /**
     * <b>The unfolded one's-complement sum of {@code len} bytes, first byte as the high half of a 16-bit word.</b>
     * Sums of parts that each start at an even message offset add up; pass the total to {@link #finish}.
     * Inputs up to 2 GiB cannot overflow the 64-bit accumulator.
     */
    public static long partial(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        long sum = 0;
        int i = off;
        int end8 = off + (len & ~7);
        for (; i < end8; i += 8) {
            long v = (long) LONGS.get(b, i);
            sum += (v >>> 32) + (v & 0xffffffffL);
        }
        int end = off + len;
        for (; i + 1 < end; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (b[i] & 0xff) << 8;
        }
        return sum;
    }

    /** <b>The unfolded sum of the bytes between {@code buf}'s position and limit; the position does not move.</b> */
    public static long partial(ByteBuffer buf) {
        int pos = buf.position();
        int len = buf.remaining();
        if (buf.hasArray()) {
            return partial(buf.array(), buf.arrayOffset() + pos, len);
        }
        boolean swap = buf.order() != ByteOrder.BIG_ENDIAN;
        long sum = 0;
        int i = pos;
        int end8 = pos + (len & ~7);
        for (; i < end8; i += 8) {
            long v = buf.getLong(i);
            if (swap) {
                v = Long.reverseBytes(v);
            }
            sum += (v >>> 32) + (v & 0xffffffffL);
        }
        int end = pos + len;
        for (; i + 1 < end; i += 2) {
            sum += ((buf.get(i) & 0xff) << 8) | (buf.get(i + 1) & 0xff);
        }
        if (i < end) {
            sum += (buf.get(i) & 0xff) << 8;
        }
        return sum;
    }

    /** <b>Folds an unfolded sum to 16 bits and complements it: the checksum field value, 0..0xffff.</b> */
    public static int finish(long sum) {
        sum = (sum & 0xffffffffL) + (sum >>> 32);
        sum = (sum & 0xffffffffL) + (sum >>> 32);
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        return (int) (~sum & 0xffff);
    }
}
