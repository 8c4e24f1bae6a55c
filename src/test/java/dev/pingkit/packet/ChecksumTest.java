package dev.pingkit.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChecksumTest {

    /** The plain RFC 1071 loop, 16 bits at a time, as a reference for the 8-bytes-per-step version. */
    static int reference(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = 0; i < len; i += 2) {
            int hi = b[off + i] & 0xff;
            int lo = i + 1 < len ? b[off + i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    @Test
    void matchesTheWorkedExampleOfRfc1071() {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to 0x2ddf0, folded 0xddf2; the field is its complement.
        assertEquals(0x220d, Checksum.of(hex("0001f203f4f5f6f7"), 0, 8));
    }

    @Test
    void padsAnOddTrailingByteWithZero() {
        // 0x01 is the word 0x0100: complement 0xfeff. 08 00 00 00 01 -> 0x0800 + 0x0100 = 0x0900 -> 0xf6ff.
        assertEquals(0xfeff, Checksum.of(new byte[] {1}, 0, 1));
        assertEquals(0xf6ff, Checksum.of(new byte[] {8, 0, 0, 0, 1}, 0, 5));
    }

    @Test
    void emptyInputSumsToZeroSoTheFieldIsFfff() {
        assertEquals(0xffff, Checksum.of(new byte[0], 0, 0));
    }

    @Test
    void aMessageCarryingItsChecksumVerifiesToZero() {
        byte[] m = hex("0800b4250007000168656c6c6f"); // echo request id 7 seq 1 "hello", checked by tshark
        assertEquals(0, Checksum.of(m, 0, m.length));
    }

    @Test
    void agreesWithTheReferenceForRandomLengthsAndOffsets() {
        Random r = new Random(1071);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[r.nextInt(300)];
            r.nextBytes(b);
            int off = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            int len = r.nextInt(b.length - off + 1);
            assertEquals(reference(b, off, len), Checksum.of(b, off, len), "len " + len + " off " + off);
        }
    }

    @Test
    void allOnesMegabyteDoesNotOverflowTheAccumulator() {
        byte[] b = new byte[1 << 20];
        Arrays.fill(b, (byte) 0xff);
        assertEquals(reference(b, 0, b.length), Checksum.of(b, 0, b.length));
        b[b.length - 1] = 0x7f;
        assertEquals(reference(b, 0, b.length - 1), Checksum.of(b, 0, b.length - 1));
    }

    @Test
    void byteBufferFormsAgreeForHeapDirectReadOnlyAndLittleEndianWithoutMovingPosition() {
        Random r = new Random(7);
        for (int n = 0; n < 2000; n++) {
            byte[] b = new byte[r.nextInt(200) + 1];
            r.nextBytes(b);
            int pos = r.nextInt(b.length);
            int lim = pos + r.nextInt(b.length - pos + 1);
            int want = reference(b, pos, lim - pos);
            ByteBuffer direct = ByteBuffer.allocateDirect(b.length);
            direct.put(b).clear();
            ByteBuffer[] bufs = {
                ByteBuffer.wrap(b), direct, ByteBuffer.wrap(b).asReadOnlyBuffer(),
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN), direct.duplicate().order(ByteOrder.LITTLE_ENDIAN),
                ByteBuffer.wrap(b, 1, b.length - 1).slice(),
            };
            for (int i = 0; i < bufs.length; i++) {
                ByteBuffer buf = bufs[i];
                int p = i == 5 ? Math.max(0, pos - 1) : pos;
                int l = i == 5 ? Math.max(p, lim - 1) : lim;
                buf.limit(l).position(p);
                int expected = i == 5 ? reference(b, 1 + p, l - p) : want;
                assertEquals(expected, Checksum.of(buf), "buffer kind " + i);
                assertEquals(p, buf.position());
            }
        }
    }

    @Test
    void icmpv6AddsTheRfc8200PseudoHeader() throws Exception {
        Inet6Address src = (Inet6Address) InetAddress.getByName("2001:db8::1");
        Inet6Address dst = (Inet6Address) InetAddress.getByName("2001:db8::2");
        Random r = new Random(8200);
        for (int n = 0; n < 2000; n++) {
            byte[] m = new byte[r.nextInt(100)];
            r.nextBytes(m);
            // the pseudo-header spelled out: src, dst, 32-bit length, 3 zero bytes, next header 58
            ByteBuffer whole = ByteBuffer.allocate(40 + m.length);
            whole.put(src.getAddress()).put(dst.getAddress()).putInt(m.length).put(new byte[3]).put((byte) 58).put(m);
            assertEquals(reference(whole.array(), 0, 40 + m.length), Checksum.icmpv6(src, dst, m, 0, m.length));
        }
        // Vector checked by tshark ("Checksum: 0xe068 [correct]"): echo request id 7 seq 1 "hello".
        byte[] echo = hex("8000e0680007000168656c6c6f");
        assertEquals(0, Checksum.icmpv6(src, dst, echo, 0, echo.length));
    }
}
