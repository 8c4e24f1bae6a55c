package dev.pingkit.packet;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * <b>Reads captures: classic libpcap (either byte order, micro- or nanosecond timestamps, link types raw IP,
 * Ethernet and Linux cooked v1, v2) and pcapng, as dumpcap, Wireshark and tshark write it.</b>
 *
 * <pre>{@code
 * for (PcapPacket p : Pcap.read(Path.of("run.pcap"))) System.out.println(p.icmp().orElseThrow());
 * }</pre>
 *
 * <p>The file is not trusted: a bad magic number, a truncated header or record, a record longer than
 * {@link #MAX_RECORD_LENGTH} or longer than the packet it claims to have cut, a nanosecond field of a second or more
 * all end the read with one {@link PcapFormatException} naming the file and the offset. A record's bytes are
 * allocated only after its length has passed those checks, so a 2 GB length field costs nothing.
 * A pcapng file (known by its first four bytes) is read by {@link PcapNgFile#read}, whose checks it shares; its
 * packets keep their comments ({@link PcapPacket#comment()}). {@link PcapWriter} and {@link PcapNgWriter} write the
 * formats.
 */
public final class Pcap {
    /** <b>The magic number of a nanosecond-resolution capture, as written by {@link PcapWriter}.</b> */
    public static final int MAGIC_NANOS = 0xa1b23c4d;
    /** <b>The magic number of a microsecond-resolution capture (tcpdump's default).</b> */
    public static final int MAGIC_MICROS = 0xa1b2c3d4;
    /** <b>Link type: Ethernet.</b> */
    public static final int LINKTYPE_ETHERNET = 1;
    /** <b>Link type: raw IP, version from the first nibble (what {@link PcapWriter} writes).</b> */
    public static final int LINKTYPE_RAW = 101;
    /** <b>Link type: Linux cooked capture v1 ({@code tcpdump -i any}).</b> */
    public static final int LINKTYPE_LINUX_SLL = 113;
    /** <b>Link type: raw IPv4.</b> */
    public static final int LINKTYPE_IPV4 = 228;
    /** <b>Link type: raw IPv6.</b> */
    public static final int LINKTYPE_IPV6 = 229;
    /** <b>Link type: Linux cooked capture v2.</b> */
    public static final int LINKTYPE_LINUX_SLL2 = 276;
    /** <b>The longest record read or written: 262144 bytes, the snap length of tcpdump and Wireshark.</b> */
    public static final int MAX_RECORD_LENGTH = 262144;

    static final int FILE_HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;
    private static final int PCAPNG_MAGIC = 0x0a0d0d0a;

    private Pcap() {
    }

    /**
     * <b>Every packet of the capture file, classic pcap or pcapng, in file order.</b>
     *
     * @throws PcapFormatException if the file is not a well-formed capture (the message names file and offset)
     * @throws IOException         if it cannot be read
     */
    public static List<PcapPacket> read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in, file.toString());
        }
    }

    /** <b>As {@link #read(Path)} from a stream; {@code name} is what error messages call it.</b> */
    public static List<PcapPacket> read(InputStream in, String name) throws IOException {
        byte[] h = in.readNBytes(FILE_HEADER_LENGTH);
        if (h.length >= 4 && be32(h, 0) == PCAPNG_MAGIC) {
            return new PcapNgReader(in, name).read(h).packets();
        }
        if (h.length < FILE_HEADER_LENGTH) {
            throw new PcapFormatException(name, h.length, "truncated file header: " + h.length
                    + " of 24 bytes present");
        }
        boolean swapped;
        boolean nanos;
        int magic = be32(h, 0);
        if (magic == MAGIC_NANOS || magic == MAGIC_MICROS) {
            swapped = false;
            nanos = magic == MAGIC_NANOS;
        } else if (Integer.reverseBytes(magic) == MAGIC_NANOS || Integer.reverseBytes(magic) == MAGIC_MICROS) {
            swapped = true;
            nanos = Integer.reverseBytes(magic) == MAGIC_NANOS;
        } else {
            throw new PcapFormatException(name, 0, String.format("magic number 0x%08x is neither pcap's (0xa1b2c3d4 or "
                    + "0xa1b23c4d, either byte order) nor pcapng's (0x0a0d0d0a)", magic));
        }
        int major = u16(h, 4, swapped);
        if (major != 2) {
            throw new PcapFormatException(name, 4, "version " + major + "." + u16(h, 6, swapped) + ", expected 2.4");
        }
        int linkType = u32(h, 20, swapped) & 0x0fffffff; // the top bits carry FCS information
        if (linkType != LINKTYPE_RAW && linkType != LINKTYPE_ETHERNET && linkType != LINKTYPE_LINUX_SLL
                && linkType != LINKTYPE_LINUX_SLL2 && linkType != LINKTYPE_IPV4 && linkType != LINKTYPE_IPV6) {
            throw new PcapFormatException(name, 20, "link type " + linkType + " is not one pingkit reads (raw IP 101, "
                    + "Ethernet 1, Linux cooked 113 or 276, IPv4 228, IPv6 229)");
        }
        List<PcapPacket> packets = new ArrayList<>();
        long offset = FILE_HEADER_LENGTH;
        byte[] r = new byte[RECORD_HEADER_LENGTH];
        while (true) {
            int n = in.readNBytes(r, 0, RECORD_HEADER_LENGTH);
            if (n == 0) {
                return packets;
            }
            if (n < RECORD_HEADER_LENGTH) {
                throw new PcapFormatException(name, offset, "truncated record header: " + n + " of 16 bytes present");
            }
            long seconds = u32(r, 0, swapped) & 0xffffffffL;
            long fraction = u32(r, 4, swapped) & 0xffffffffL;
            long captured = u32(r, 8, swapped) & 0xffffffffL;
            long original = u32(r, 12, swapped) & 0xffffffffL;
            if (fraction >= (nanos ? 1_000_000_000L : 1_000_000L)) {
                throw new PcapFormatException(name, offset + 4, (nanos ? "nanoseconds " : "microseconds ") + fraction
                        + " is a second or more");
            }
            if (captured > MAX_RECORD_LENGTH) {
                throw new PcapFormatException(name, offset + 8, "record length " + captured + " exceeds the maximum "
                        + MAX_RECORD_LENGTH);
            }
            if (captured > original) {
                throw new PcapFormatException(name, offset + 8, "record length " + captured
                        + " exceeds the packet's original length " + original);
            }
            byte[] data = in.readNBytes((int) captured);
            if (data.length < captured) {
                throw new PcapFormatException(name, offset + RECORD_HEADER_LENGTH, "truncated record: " + data.length
                        + " of " + captured + " bytes present");
            }
            long epochNanos = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000);
            packets.add(new PcapPacket(epochNanos, (int) Math.min(original, Integer.MAX_VALUE), linkType, data));
            offset += RECORD_HEADER_LENGTH + captured;
        }
    }

    private static int be32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    private static int u32(byte[] b, int i, boolean swapped) {
        int v = be32(b, i);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    private static int u16(byte[] b, int i, boolean swapped) {
        int v = ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        return swapped ? Integer.reverseBytes(v) >>> 16 : v;
    }
}
