package dev.pingkit.packet;

import static dev.pingkit.packet.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** pcapng in memory: every block type dumpcap and Wireshark write, both byte orders, round trips, hostile files. */
class PcapNgTest {
    enum Order {
        LITTLE(ByteOrder.LITTLE_ENDIAN), BIG(ByteOrder.BIG_ENDIAN);

        final ByteOrder order;

        Order(ByteOrder order) {
            this.order = order;
        }
    }

    /** Builds pcapng blocks in a chosen byte order, as another writer would. */
    static final class Ng {
        private final ByteOrder order;
        private final ByteArrayOutputStream file = new ByteArrayOutputStream();

        Ng(ByteOrder order) {
            this.order = order;
        }

        ByteBuffer body() {
            return ByteBuffer.allocate(4096).order(order);
        }

        Ng block(int type, ByteBuffer body) {
            int n = body.position();
            int length = 12 + n;
            ByteBuffer b = ByteBuffer.allocate(length).order(order);
            b.putInt(type).putInt(length).put(body.array(), 0, n).putInt(length);
            file.writeBytes(b.array());
            return this;
        }

        static ByteBuffer option(ByteBuffer b, int code, byte[] value) {
            b.putShort((short) code).putShort((short) value.length).put(value);
            for (int i = value.length; i % 4 != 0; i++) {
                b.put((byte) 0);
            }
            return b;
        }

        static ByteBuffer text(ByteBuffer b, int code, String value) {
            return option(b, code, value.getBytes(StandardCharsets.UTF_8));
        }

        static ByteBuffer end(ByteBuffer b) {
            return b.putInt(0);
        }

        Ng section(String comment) {
            ByteBuffer b = body().putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0).putLong(-1);
            text(b, 1, comment);
            text(b, 2, "x86_64");
            text(b, 3, "Linux 6.1");
            text(b, 4, "Dumpcap (Wireshark) 4.0.17");
            end(b);
            return block(0x0a0d0d0a, b);
        }

        Ng iface(int linkType, int snap, String name, int tsresol, long tsoffset) {
            ByteBuffer b = body().putShort((short) linkType).putShort((short) 0).putInt(snap);
            text(b, 2, name);
            text(b, 3, "the " + name + " interface");
            option(b, 9, new byte[] {(byte) tsresol});
            if (tsoffset != 0) {
                option(b, 14, ByteBuffer.allocate(8).order(order).putLong(tsoffset).array());
            }
            text(b, 11, "\0icmp");
            text(b, 12, "Linux 6.1");
            end(b);
            return block(1, b);
        }

        Ng epb(int iface, long units, byte[] data, String... comments) {
            ByteBuffer b = body().putInt(iface).putInt((int) (units >>> 32)).putInt((int) units)
                    .putInt(data.length).putInt(data.length + 10).put(data);
            for (int i = data.length; i % 4 != 0; i++) {
                b.put((byte) 0);
            }
            for (String c : comments) {
                text(b, 1, c);
            }
            option(b, 2, ByteBuffer.allocate(4).order(order).putInt(1).array()); // epb_flags: inbound
            option(b, 4, ByteBuffer.allocate(8).order(order).putLong(0).array()); // epb_dropcount
            end(b);
            return block(6, b);
        }

        Ng spb(byte[] data) {
            ByteBuffer b = body().putInt(data.length).put(data);
            for (int i = data.length; i % 4 != 0; i++) {
                b.put((byte) 0);
            }
            return block(3, b);
        }

        Ng obsolete(int iface, long units, byte[] data) {
            ByteBuffer b = body().putShort((short) iface).putShort((short) 0).putInt((int) (units >>> 32))
                    .putInt((int) units).putInt(data.length).putInt(data.length).put(data);
            for (int i = data.length; i % 4 != 0; i++) {
                b.put((byte) 0);
            }
            return block(2, b);
        }

        Ng names(byte[] v4, String v4name, byte[] v6, String v6name) {
            ByteBuffer b = body();
            byte[] r4 = (v4name + "\0").getBytes(StandardCharsets.UTF_8);
            option(b, 1, concat(v4, r4));
            option(b, 2, concat(v6, (v6name + "\0").getBytes(StandardCharsets.UTF_8)));
            end(b); // nrb_record_end
            text(b, 2, "dns.example"); // ns_dnsname option
            end(b);
            return block(4, b);
        }

        Ng statistics(int iface, long units, long received, long dropped) {
            ByteBuffer b = body().putInt(iface).putInt((int) (units >>> 32)).putInt((int) units);
            text(b, 1, "Counters provided by dumpcap");
            option(b, 2, ByteBuffer.allocate(8).order(order).putInt(0).putInt(1).array());
            option(b, 4, ByteBuffer.allocate(8).order(order).putLong(received).array());
            option(b, 5, ByteBuffer.allocate(8).order(order).putLong(dropped).array());
            end(b);
            return block(5, b);
        }

        Ng custom() {
            ByteBuffer b = body().putInt(32473).put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            return block(0x00000bad, b);
        }

        byte[] bytes() {
            return file.toByteArray();
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] c = new byte[a.length + b.length];
            System.arraycopy(a, 0, c, 0, a.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        }
    }

    private static PcapNgFile read(byte[] file) throws IOException {
        return PcapNgFile.read(new ByteArrayInputStream(file), "test.pcapng");
    }

    private static PcapFormatException refused(byte[] file) {
        return assertThrows(PcapFormatException.class, () -> read(file));
    }

    /** An Ethernet frame around {@code ip}. */
    private static byte[] ethernet(byte[] ip) {
        byte[] f = new byte[14 + ip.length];
        f[12] = 0x08;
        System.arraycopy(ip, 0, f, 14, ip.length);
        return f;
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void readsEveryBlockDumpcapWritesInEitherByteOrder(Order o) throws Exception {
        byte[] reply = bytes(Vectors.REPLY_ODD);
        byte[] request = IpPackets.ipv4((java.net.Inet4Address) InetAddress.getByName("198.51.100.1"),
                (java.net.Inet4Address) InetAddress.getByName("198.51.100.2"), 64, 0, 1, true,
                bytes(Vectors.ECHO_REQUEST));
        byte[] file = new Ng(o.order).section("a test capture")
                .iface(Pcap.LINKTYPE_ETHERNET, 262144, "veth0", 6, 0)
                .iface(Pcap.LINKTYPE_RAW, 0, "any", 9, 0)
                .names(new byte[] {(byte) 198, 51, 100, 2}, "peer.lab", InetAddress.getByName("2001:db8::2")
                        .getAddress(), "peer6.lab")
                .epb(0, 1_764_500_000_123_456L, ethernet(request), "first comment", "second comment")
                .custom()
                .epb(1, 1_764_500_000_123_456_789L, reply)
                .spb(ethernet(request))
                .obsolete(1, 1_000_000_000L, reply)
                .statistics(0, 1_764_500_001_000_000L, 4, 1)
                .bytes();
        PcapNgFile f = read(file);
        assertEquals(2, f.interfaces().size());
        assertEquals(new PcapNgFile.Interface(Pcap.LINKTYPE_ETHERNET, 262144, "veth0", "the veth0 interface",
                1_000_000L), f.interfaces().get(0));
        assertEquals(1_000_000_000L, f.interfaces().get(1).unitsPerSecond());
        List<PcapPacket> p = f.packets();
        assertEquals(4, p.size());
        assertEquals(1_764_500_000_123_456_000L, p.get(0).epochNanos(), "microseconds scaled to nanoseconds");
        assertEquals("first comment\nsecond comment", p.get(0).comment());
        assertEquals(request.length + 24, p.get(0).originalLength());
        int seq = IcmpMessage.decode(request, 0, request.length).seq();
        assertEquals(seq, p.get(0).icmp().orElseThrow().seq(), "decoded through the Ethernet header");
        assertEquals(1_764_500_000_123_456_789L, p.get(1).epochNanos());
        assertEquals(Pcap.LINKTYPE_RAW, p.get(1).linkType());
        assertArrayEquals(reply, p.get(1).data());
        assertEquals("", p.get(1).comment());
        assertEquals(0, p.get(2).epochNanos(), "a simple packet has no time");
        assertEquals(seq, p.get(2).icmp().orElseThrow().seq(), "a simple packet belongs to the first interface");
        assertEquals(1_000_000_000L, p.get(3).epochNanos());
        assertEquals(List.of(new PcapNgFile.Name(InetAddress.getByName("198.51.100.2"), List.of("peer.lab")),
                new PcapNgFile.Name(InetAddress.getByName("2001:db8::2"), List.of("peer6.lab"))), f.names());
        assertEquals(List.of(new PcapNgFile.Statistics(0, 1_764_500_001_000_000_000L, 4, 1)), f.statistics());
        assertEquals(List.of("a test capture", "Counters provided by dumpcap"), f.comments());
        assertEquals(p, Pcap.read(new ByteArrayInputStream(file), "x"), "Pcap.read takes pcapng too");
    }

    @Test
    void binaryResolutionAndTimeOffsetAreApplied() throws Exception {
        byte[] reply = bytes(Vectors.REPLY_ODD);
        byte[] file = new Ng(ByteOrder.LITTLE_ENDIAN).section("")
                .iface(Pcap.LINKTYPE_RAW, 0, "lo", 0x80 | 10, 100) // 2^-10 s units, +100 s
                .epb(0, 1024 * 5 + 512, reply)
                .bytes();
        assertEquals(105_500_000_000L, read(file).packets().get(0).epochNanos());
    }

    @Test
    void aSecondSectionStartsItsInterfacesAgainInItsOwnByteOrder() throws Exception {
        byte[] reply = bytes(Vectors.REPLY_ODD);
        byte[] first = new Ng(ByteOrder.LITTLE_ENDIAN).section("one").iface(Pcap.LINKTYPE_RAW, 0, "a", 9, 0)
                .epb(0, 1, reply).bytes();
        byte[] second = new Ng(ByteOrder.BIG_ENDIAN).section("two").iface(Pcap.LINKTYPE_ETHERNET, 0, "b", 9, 0)
                .epb(0, 2, ethernet(reply)).bytes();
        PcapNgFile f = read(Ng.concat(first, second));
        assertEquals(2, f.interfaces().size());
        assertEquals(Pcap.LINKTYPE_ETHERNET, f.packets().get(1).linkType(), "interface 0 of the second section");
        assertEquals(f.packets().get(0).icmp(), f.packets().get(1).icmp());
    }

    @Test
    void writerRoundTripKeepsTimesBytesAndComments() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] a = bytes(Vectors.REPLY_ODD);
        byte[] b = bytes(Vectors.TIME_EXCEEDED);
        try (PcapNgWriter w = new PcapNgWriter(out)) {
            w.write(1_764_500_000_123_456_789L, a, "seq 5: lost");
            w.write(7, b);
            assertEquals(2, w.records());
        }
        PcapNgFile f = read(out.toByteArray());
        assertEquals(List.of(new PcapNgFile.Interface(Pcap.LINKTYPE_RAW, Pcap.MAX_RECORD_LENGTH, "", "",
                1_000_000_000L)), f.interfaces());
        assertEquals(List.of(new PcapPacket(1_764_500_000_123_456_789L, a.length, Pcap.LINKTYPE_RAW, a,
                "seq 5: lost"), new PcapPacket(7, b.length, Pcap.LINKTYPE_RAW, b)), f.packets());
        assertTrue(f.packets().get(0).toString().endsWith("# seq 5: lost"), f.packets().get(0).toString());
    }

    @Test
    void writerRefusesBadInputNamingTheField() {
        PcapNgWriter w = assertDoesNotThrowWriter();
        assertEquals("packet length must be 1..262144, got 0",
                assertThrows(IllegalArgumentException.class, () -> w.write(1, new byte[0])).getMessage());
        assertEquals("time must be at or after 1970-01-01, got -1 ns",
                assertThrows(IllegalArgumentException.class, () -> w.write(-1, new byte[1])).getMessage());
        assertEquals("comment must be at most 65000 bytes, got 65001", assertThrows(IllegalArgumentException.class,
                () -> w.write(1, new byte[1], "x".repeat(65001))).getMessage());
    }

    private static PcapNgWriter assertDoesNotThrowWriter() {
        try {
            return new PcapNgWriter(new ByteArrayOutputStream());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void hostileFilesEndWithOneMessageNamingTheOffset() throws Exception {
        byte[] reply = bytes(Vectors.REPLY_ODD);
        byte[] good = new Ng(ByteOrder.BIG_ENDIAN).section("").iface(Pcap.LINKTYPE_RAW, 0, "a", 9, 0)
                .epb(0, 1, reply).bytes();
        int epbAt = new Ng(ByteOrder.BIG_ENDIAN).section("").iface(Pcap.LINKTYPE_RAW, 0, "a", 9, 0).bytes().length;
        // a packet of an interface never described
        byte[] noIface = new Ng(ByteOrder.BIG_ENDIAN).section("").epb(0, 1, reply).bytes();
        assertTrue(refused(noIface).getMessage().contains("interface 0 is not described (this section has 0)"),
                refused(noIface).getMessage());
        // cut anywhere but between blocks: refused, never another exception
        int sectionEnd = new Ng(ByteOrder.BIG_ENDIAN).section("").bytes().length;
        for (int n = 1; n < good.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(good, n);
            if (n == sectionEnd || n == epbAt) {
                assertEquals(n == epbAt ? 1 : 0, read(cut).interfaces().size(), "whole blocks read at " + n);
            } else {
                assertThrows(PcapFormatException.class, () -> read(cut), "cut at " + n);
            }
        }
        // a block length over the limit
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).putInt(epbAt + 4, 0x7ffffff0);
        assertEquals("test.pcapng: at offset " + (epbAt + 4) + ": block length 2147483632 must be a multiple of 4 in "
                + "12..16777216", refused(huge).getMessage());
        // a captured length past the block
        byte[] past = good.clone();
        ByteBuffer.wrap(past).putInt(epbAt + 20, 4000).putInt(epbAt + 24, 4000);
        assertTrue(refused(past).getMessage().contains("captured length 4000 runs past its block"),
                refused(past).getMessage());
        // leading and trailing lengths disagree
        byte[] trailer = good.clone();
        ByteBuffer.wrap(trailer).putInt(trailer.length - 4, 12);
        assertTrue(refused(trailer).getMessage().contains("trailing block length 12 differs"),
                refused(trailer).getMessage());
        // not starting with a section header
        assertEquals("test.pcapng: at offset 0: not a pcapng file: it must start with a section header block "
                + "(0x0a0d0d0a)", refused(java.util.Arrays.copyOfRange(good, epbAt, good.length)).getMessage());
    }

    @Test
    void randomDamageNeverEscapesAsAnotherException() throws Exception {
        byte[] good = new Ng(ByteOrder.LITTLE_ENDIAN).section("c").iface(Pcap.LINKTYPE_RAW, 0, "a", 9, 0)
                .names(new byte[4], "n", new byte[16], "m").epb(0, 1, bytes(Vectors.REPLY_ODD), "c")
                .statistics(0, 1, 1, 1).bytes();
        java.util.Random r = new java.util.Random(23);
        for (int i = 0; i < 20_000; i++) {
            byte[] bad = good.clone();
            for (int k = 0; k < 1 + r.nextInt(4); k++) {
                bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
            }
            try {
                read(bad);
            } catch (PcapFormatException expected) {
                // the one way a damaged file may end
            }
        }
    }
}
