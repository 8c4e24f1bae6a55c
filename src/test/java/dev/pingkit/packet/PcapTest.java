package dev.pingkit.packet;

import static dev.pingkit.packet.Vectors.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pcap format in memory: round trips, other writers' variants, and hostile files. */
class PcapTest {
    private static byte[] written(long[] times, byte[]... packets) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out)) {
            for (int i = 0; i < packets.length; i++) {
                w.write(times[i], packets[i]);
            }
        }
        return out.toByteArray();
    }

    private static List<PcapPacket> read(byte[] file) throws IOException {
        return Pcap.read(new ByteArrayInputStream(file), "test.pcap");
    }

    private static PcapFormatException refused(byte[] file) {
        return assertThrows(PcapFormatException.class, () -> read(file));
    }

    @Test
    void roundTripKeepsNanosecondsBytesAndLinkType() throws IOException {
        byte[] a = bytes(Vectors.REPLY_ODD);
        byte[] b = bytes(Vectors.TIME_EXCEEDED);
        List<PcapPacket> p = read(written(new long[] {1_764_500_000_000_000_001L, 5}, a, b));
        assertEquals(2, p.size());
        assertEquals(1_764_500_000_000_000_001L, p.get(0).epochNanos());
        assertArrayEquals(a, p.get(0).data());
        assertEquals(a.length, p.get(0).originalLength());
        assertEquals(Pcap.LINKTYPE_RAW, p.get(1).linkType());
        assertEquals(11, p.get(1).icmp().orElseThrow().type());
        assertEquals(255, p.get(1).ttl());
    }

    @Test
    void headerIsClassicNanosecondRawIp() throws IOException {
        ByteBuffer h = ByteBuffer.wrap(written(new long[0]));
        assertEquals(24, h.remaining());
        assertEquals(0xa1b23c4d, h.getInt(0));
        assertEquals(2, h.getShort(4));
        assertEquals(4, h.getShort(6));
        assertEquals(101, h.getInt(20));
    }

    @Test
    void readsLittleEndianMicrosecondEthernetAsTcpdumpWritesIt() throws IOException {
        byte[] ip = bytes(Vectors.REPLY_ODD);
        ByteBuffer f = ByteBuffer.allocate(24 + 16 + 14 + ip.length).order(ByteOrder.LITTLE_ENDIAN);
        f.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        f.putInt(1_764_500_000).putInt(250_000).putInt(14 + ip.length).putInt(14 + ip.length);
        f.put(new byte[12]).put((byte) 0x08).put((byte) 0x00).put(ip);
        PcapPacket p = read(f.array()).get(0);
        assertEquals(1_764_500_000_250_000_000L, p.epochNanos());
        assertArrayEquals(ip, p.ip().orElseThrow());
        assertEquals(7, p.icmp().orElseThrow().id());
    }

    @Test
    void nonIpFrameIsKeptButHasNoIcmp() throws IOException {
        ByteBuffer f = ByteBuffer.allocate(24 + 16 + 42);
        f.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
        f.putInt(0).putInt(0).putInt(42).putInt(42).put(new byte[12]).put((byte) 0x08).put((byte) 0x06);
        PcapPacket p = read(f.array()).get(0);
        assertTrue(p.icmp().isEmpty());
        assertTrue(p.toString().contains("not ICMP"), p.toString());
    }

    @Test
    void wrongMagicNamesFileAndOffset() throws IOException {
        byte[] f = written(new long[0]);
        f[0] = 0x12;
        PcapFormatException e = refused(f);
        assertEquals(0, e.offset());
        assertEquals("test.pcap: at offset 0: magic number 0x12b23c4d is neither pcap's (0xa1b2c3d4 or 0xa1b23c4d, "
                + "either byte order) nor pcapng's (0x0a0d0d0a)", e.getMessage());
    }

    @Test
    void aTruncatedPcapngSectionHeaderIsReadAsPcapngAndRefused() {
        byte[] f = {0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0x1c};
        assertEquals("test.pcap: at offset 8: truncated section header: no byte-order magic",
                refused(f).getMessage());
    }

    @Test
    void emptyAndShortFilesAreTruncatedHeaders() {
        assertEquals("test.pcap: at offset 0: truncated file header: 0 of 24 bytes present",
                refused(new byte[0]).getMessage());
        assertEquals(10, refused(new byte[10]).offset());
    }

    @Test
    void truncatedRecordHeaderAndRecordNameTheirOffsets() throws IOException {
        byte[] whole = written(new long[] {1, 2}, bytes(Vectors.REPLY_ODD), bytes(Vectors.REPLY_ODD));
        int first = 24 + 16 + 31;
        PcapFormatException header = refused(Arrays.copyOf(whole, first + 5));
        assertEquals(first, header.offset());
        assertTrue(header.getMessage().endsWith("truncated record header: 5 of 16 bytes present"), header.getMessage());
        PcapFormatException body = refused(Arrays.copyOf(whole, whole.length - 1));
        assertEquals(first + 16, body.offset());
        assertTrue(body.getMessage().endsWith("truncated record: 30 of 31 bytes present"), body.getMessage());
    }

    @Test
    void twoGigabyteLengthIsRefusedWithoutReadingOrAllocatingIt() throws IOException {
        byte[] f = written(new long[] {1}, bytes(Vectors.REPLY_ODD));
        ByteBuffer.wrap(f).putInt(24 + 8, 0x7fffffff).putInt(24 + 12, 0x7fffffff);
        long before = usedHeap();
        PcapFormatException e = refused(f);
        assertTrue(usedHeap() - before < 256L << 20, "no allocation of the claimed length");
        assertEquals(32, e.offset());
        assertEquals("test.pcap: at offset 32: record length 2147483647 exceeds the maximum 262144", e.getMessage());
        ByteBuffer.wrap(f).putInt(24 + 8, 0xffffffff);
        assertTrue(refused(f).getMessage().contains("record length 4294967295"));
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void capturedLongerThanOriginalAndBadNanosecondsAreRefused() throws IOException {
        byte[] f = written(new long[] {1}, bytes(Vectors.REPLY_ODD));
        ByteBuffer.wrap(f).putInt(24 + 12, 30);
        assertTrue(refused(f).getMessage().endsWith("record length 31 exceeds the packet's original length 30"));
        byte[] g = written(new long[] {1}, bytes(Vectors.REPLY_ODD));
        ByteBuffer.wrap(g).putInt(24 + 4, 1_000_000_000);
        assertEquals(28, refused(g).offset());
    }

    @Test
    void writerRefusesWhatPcapCannotHold() throws IOException {
        PcapWriter w = new PcapWriter(new ByteArrayOutputStream());
        assertEquals("packet length must be 1..262144, got 0",
                assertThrows(IllegalArgumentException.class, () -> w.write(0, new byte[0])).getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.write(-1, new byte[1]));
    }

    @Test
    void garbageRecordsNeverThrowAnythingButTheFormatError() throws IOException {
        java.util.Random rnd = new java.util.Random(13);
        for (int i = 0; i < 2000; i++) {
            byte[] f = written(new long[] {1}, bytes(Vectors.TIME_EXCEEDED));
            int n = 24 + rnd.nextInt(f.length - 24);
            f[n] = (byte) rnd.nextInt();
            byte[] cut = Arrays.copyOf(f, 24 + rnd.nextInt(f.length - 23));
            try {
                for (PcapPacket p : read(cut)) {
                    p.icmp().ifPresent(IcmpMessage::show);
                }
            } catch (PcapFormatException expected) {
                assertTrue(expected.getMessage().startsWith("test.pcap: at offset "));
            }
        }
    }
}
