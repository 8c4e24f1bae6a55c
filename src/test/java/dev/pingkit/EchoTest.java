package dev.pingkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingkit.packet.ChecksumStatus;
import dev.pingkit.packet.IcmpMessage;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class EchoTest {
    static final Echo HELLO = Echo.to("127.0.0.1").id(7).seq(1).payload("hello");

    static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    static void assertRefused(String message, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(message, e.getMessage());
    }

    @Test
    void encodesTheIssueExampleToTheHandComputedBytes() {
        // type 8, code 0, checksum ~(0x0800+0x0007+0x0001+0x6865+0x6c6c+0x6f00 folded) = 0xb425, id 7, seq 1, "hello"
        assertArrayEquals(hex("0800b4250007000168656c6c6f"), HELLO.toBytes());
        assertEquals(0xb425, HELLO.checksum());
        assertEquals(13, HELLO.wireLength());
        assertEquals("Echo 127.0.0.1 id=7 seq=1 len=5 \"hello\" checksum=0xb425", HELLO.toString());
    }

    @Test
    void hasPingsDefaults() {
        Echo e = Echo.to("127.0.0.1");
        assertEquals(ProcessHandle.current().pid() & 0xffff, e.id());
        assertEquals(1, e.seq());
        assertEquals(56, e.payloadLength());
        for (int i = 0; i < 56; i++) {
            assertEquals(i, e.payload()[i]);
        }
        assertEquals(8, e.type());
        assertEquals(0, e.code());
        assertEquals(4, e.family());
        assertEquals(-1, e.ttl());
        assertFalse(e.hasTtl());
        assertEquals(-1, e.tos());
        assertFalse(e.hasTos());
        assertFalse(e.dontFragment());
        assertTrue(e.source().isEmpty());
        assertFalse(e.checksumForced());
        assertTrue(Icmp.decode(e.toBytes()).checksumValid());
    }

    @Test
    void anIpv6TargetMakesAnIcmpv6EchoRequest() {
        Echo e = Echo.to("::1");
        assertEquals(6, e.family());
        assertEquals(128, e.type());
        assertFalse(e.checksumKnown());
        assertEquals(0, e.checksum());
        assertTrue(e.toString().startsWith("Echo ::1 id="), e.toString());
        assertTrue(e.toString().endsWith("checksum=kernel"), e.toString());
        assertTrue(e.show().contains("checksum = 0x0000 (filled in by the kernel"), e.show());
    }

    @Test
    void computesTheIcmpv6ChecksumWhenItKnowsBothEnds() throws Exception {
        InetAddress src = InetAddress.getByName("2001:db8::1");
        Echo e = Echo.to("2001:db8::2").id(7).seq(1).payload("hello").source(src);
        // the same bytes tshark reported "Checksum: 0xe068 [correct]" for
        assertArrayEquals(hex("8000e0680007000168656c6c6f"), e.toBytes());
        assertTrue(e.checksumKnown());
        IcmpMessage m = e.decoded();
        assertEquals(ChecksumStatus.VALID, m.checksumStatus());
        assertTrue(e.show().contains("checksum = 0xe068 (correct)"), e.show());
    }

    @Test
    void everyCallReturnsANewValueSoAUserCanBranch() {
        Echo base = Echo.to("127.0.0.1").id(7);
        Echo one = base.seq(1);
        Echo two = base.seq(2);
        assertEquals(1, base.seq());
        assertEquals(1, one.seq());
        assertEquals(2, two.seq());
        assertEquals(7, two.id());
        assertEquals(base, one);
        assertNotEquals(one, two);
        Echo withTtl = one.ttl(5);
        assertFalse(one.hasTtl());
        assertEquals(5, withTtl.ttl());
    }

    @Test
    void valuesAreEqualByFields() throws Exception {
        Echo a = Echo.to("127.0.0.1").id(9).payload("x");
        Echo b = Echo.to(InetAddress.getByName("127.0.0.1")).id(9).payload(new byte[] {'x'});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, b.tos(0));
        assertNotEquals(a, b.dontFragment(true));
        assertNotEquals(a, b.checksum(a.checksum())); // forced vs computed is a difference
    }

    @Test
    void payloadIsCopiedInAndOut() {
        byte[] p = {1, 2, 3};
        Echo e = HELLO.payload(p);
        p[0] = 9;
        assertEquals(1, e.payload()[0]);
        e.payload()[1] = 9;
        assertEquals(2, e.payload()[1]);
    }

    @Test
    void payloadFromStringIsUtf8AndFromHexIsTheBytes() {
        assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), HELLO.payload("héllo").payload());
        assertArrayEquals(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef},
                HELLO.payloadHex("de ad:BE ef").payload());
        assertArrayEquals(new byte[] {1, 2}, HELLO.payloadHex("0x0102").payload());
        assertArrayEquals(new byte[0], HELLO.payloadHex("").payload());
    }

    @Test
    void sizeAndPatternFillLikePingSAndP() {
        Echo e = HELLO.size(20);
        assertEquals(20, e.payloadLength());
        assertEquals(19, e.payload()[19]);
        assertEquals(0, HELLO.size(300).payload()[256]);
        Echo p = HELLO.size(7).pattern("ff00aa");
        assertArrayEquals(hex("ff00aaff00aaff"), p.payload());
        assertEquals("ff00aa", p.pattern());
        assertArrayEquals(hex("ff00aaff"), p.size(4).payload()); // the pattern stays for later sizes
        assertEquals("", p.payload("x").pattern()); // an explicit payload replaces it
        assertTrue(p.toString().contains("len=7 pattern=ff00aa"), p.toString());
    }

    @Test
    void aForcedChecksumIsWrittenAndShownAsWrong() {
        Echo e = HELLO.checksum(0x1234);
        assertTrue(e.checksumForced());
        assertEquals(0x1234, e.checksum());
        byte[] b = e.toBytes();
        assertEquals(0x12, b[2]);
        assertEquals(0x34, b[3]);
        assertFalse(Icmp.decode(b).checksumValid());
        assertTrue(e.show().contains("checksum = 0x1234 (wrong, expected 0xb425) (forced)"), e.show());
        assertEquals(HELLO, e.computedChecksum());
    }

    @Test
    void typeAndCodeOverridesChangeTheChecksum() {
        Echo ts = HELLO.type(13).code(1);
        IcmpMessage m = Icmp.decode(ts.toBytes());
        assertEquals(13, m.type());
        assertEquals(1, m.code());
        assertEquals("timestamp-request", m.typeName());
        assertTrue(m.checksumValid());
        assertTrue(ts.toString().contains(" type=13 code=1 "), ts.toString());
    }

    @Test
    void writeToPutsTheSameBytesInAnyBufferAndAdvancesIt() {
        byte[] want = HELLO.toBytes();
        for (ByteBuffer buf : new ByteBuffer[] {ByteBuffer.allocate(40), ByteBuffer.allocateDirect(40),
            ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN)}) {
            buf.position(3);
            assertEquals(13, HELLO.writeTo(buf));
            assertEquals(16, buf.position());
            byte[] got = new byte[13];
            buf.position(3);
            buf.get(got);
            assertArrayEquals(want, got);
        }
        ByteBuffer small = ByteBuffer.allocate(12);
        assertThrows(BufferOverflowException.class, () -> HELLO.writeTo(small));
        assertEquals(0, small.position());
    }

    @Test
    void writeToAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Echo e = Echo.to("127.0.0.1").size(1400);
        ByteBuffer direct = ByteBuffer.allocateDirect(2048);
        long sink = 0;
        for (int round = 0; round < 2; round++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                direct.clear();
                sink += e.writeTo(direct);
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) {
                assertTrue(allocated < 10_000, "allocated " + allocated + " bytes");
            }
        }
        assertTrue(sink > 0);
    }

    @Test
    void showGivesOneFieldPerLineWithMeaning() {
        String s = HELLO.ttl(64).dontFragment(true).show();
        assertTrue(s.startsWith("target   = 127.0.0.1\n"), s);
        assertTrue(s.contains("\ntype     = 8 (echo-request)\n"), s);
        assertTrue(s.contains("\nchecksum = 0xb425 (correct)\n"), s);
        assertTrue(s.contains("\nid       = 7 (0x0007)\n"), s);
        assertTrue(s.contains("\npayload  = 5 bytes, \"hello\"\n"), s);
        assertTrue(s.contains("\nttl      = 64\n"), s);
        assertTrue(s.contains("\ntos      = (kernel default)\n"), s);
        assertTrue(s.endsWith("\ndf       = true (DF set, never fragmented: a probe too big for the path fails)"), s);
        // Unset is not "DF off": Linux sets DF on ICMP all the same (path-MTU discovery), and show() says so.
        assertTrue(HELLO.show().endsWith("\ndf       = false (not forced: Linux still sets DF on ICMP and discovers the path MTU,"
                + " fragmenting only above it)"), HELLO.show());
        assertEquals("00000000  08 00 b4 25 00 07 00 01  68 65 6c 6c 6f           |...%....hello|", HELLO.hexdump());
    }

    @Test
    void anUnknownHostIsOneClearLine() {
        assertRefused("unknown host: nosuch.invalid", () -> Echo.to("nosuch.invalid"));
        assertRefused("host must be a name or an address, got \" \"", () -> Echo.to(" "));
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Echo.to((String) null));
        assertEquals("host", npe.getMessage());
    }

    @Test
    void refusesEveryOutOfRangeFieldNamingFieldValueAndRange() throws Exception {
        assertRefused("id must be 0..65535, got 70000", () -> HELLO.id(70000));
        assertRefused("id must be 0..65535, got -1", () -> HELLO.id(-1));
        assertRefused("seq must be 0..65535, got 65536", () -> HELLO.seq(65536));
        assertRefused("type must be 0..255, got 256", () -> HELLO.type(256));
        assertRefused("code must be 0..255, got -3", () -> HELLO.code(-3));
        assertRefused("checksum must be 0..65535, got 65536", () -> HELLO.checksum(65536));
        assertRefused("ttl must be 1..255, got 0", () -> HELLO.ttl(0));
        assertRefused("ttl must be 1..255, got 256", () -> HELLO.ttl(256));
        assertRefused("tos must be 0..255, got 256", () -> HELLO.tos(256));
        assertRefused("size must be 0..65507 for IPv4, got 65508", () -> HELLO.size(65508));
        assertRefused("size must be 0..65507 for IPv4, got -1", () -> HELLO.size(-1));
        assertRefused("size must be 0..65527 for IPv6, got 65528", () -> Echo.to("::1").size(65528));
        assertRefused("payload must be at most 65507 bytes for IPv4, got 65508", () -> HELLO.payload(new byte[65508]));
        assertRefused("payload must be at most 65527 bytes for IPv6, got 65528",
                () -> Echo.to("::1").payload(new byte[65528]));
        assertRefused("payloadHex must be pairs of hex digits, got \"abc\"", () -> HELLO.payloadHex("abc"));
        assertRefused("payloadHex must be pairs of hex digits, got \"zz\"", () -> HELLO.payloadHex("zz"));
        assertRefused("pattern must be 1..16 bytes as hex digits (like ping -p ff00), got \"\"", () -> HELLO.pattern(""));
        assertRefused("pattern must be 1..16 bytes as hex digits (like ping -p ff00), got \"00112233445566778899aabbccddeeff00\"",
                () -> HELLO.pattern("00112233445566778899aabbccddeeff00"));
        InetAddress v6 = InetAddress.getByName("::1");
        assertRefused("source must be an IPv4 address like the target 127.0.0.1, got ::1", () -> HELLO.source(v6));
        // the limits themselves are accepted
        Supplier<Echo> max = () -> HELLO.id(65535).seq(0).type(255).code(0).ttl(255).tos(0).size(65507).checksum(0);
        assertEquals(65507, max.get().payloadLength());
        assertEquals(65527, Echo.to("::1").size(65527).payloadLength());
    }
}
