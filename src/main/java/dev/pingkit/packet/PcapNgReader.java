package dev.pingkit.packet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads pcapng block by block (the pcapng draft, draft-ietf-opsawg-pcapng): section headers in either byte order,
 * interface descriptions, enhanced, simple and obsolete packet blocks, name resolution and interface statistics;
 * every other block type is skipped by its length. Each block is checked against its own length before any of its
 * fields is used.
 */
final class PcapNgReader {
    /** The longest block read: 16 MiB, Wireshark's own limit. */
    static final int MAX_BLOCK_LENGTH = 16 * 1024 * 1024;

    static final int SECTION_HEADER = 0x0a0d0d0a;
    static final int INTERFACE_DESCRIPTION = 1;
    static final int OBSOLETE_PACKET = 2;
    static final int SIMPLE_PACKET = 3;
    static final int NAME_RESOLUTION = 4;
    static final int INTERFACE_STATISTICS = 5;
    static final int ENHANCED_PACKET = 6;
    static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;
    static final int OPT_COMMENT = 1;

    private final InputStream in;
    private final String name;
    private final List<PcapNgFile.Interface> interfaces = new ArrayList<>();
    private final List<Long> tsOffsets = new ArrayList<>();
    private final List<PcapPacket> packets = new ArrayList<>();
    private final List<PcapNgFile.Name> names = new ArrayList<>();
    private final List<PcapNgFile.Statistics> statistics = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    /** Where this section's interfaces start in {@link #interfaces}. */
    private int sectionBase = -1;
    private boolean swapped;
    private long offset;

    PcapNgReader(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    /** Reads the whole file; {@code prefix} holds bytes a caller already took from the stream's start. */
    PcapNgFile read(byte[] prefix) throws IOException {
        InputStream s = prefix.length == 0 ? in : new SequenceInputStream(new ByteArrayInputStream(prefix), in);
        byte[] head = new byte[8];
        while (true) {
            int n = s.readNBytes(head, 0, 8);
            if (n == 0) {
                break;
            }
            if (n < 8) {
                throw fail(offset, "truncated block header: " + n + " of 8 bytes present");
            }
            int type = raw32(head, 0);
            if (type == SECTION_HEADER) {
                byte[] magic = s.readNBytes(4);
                if (magic.length < 4) {
                    throw fail(offset + 8, "truncated section header: no byte-order magic");
                }
                if (raw32(magic, 0) == BYTE_ORDER_MAGIC) {
                    swapped = false;
                } else if (Integer.reverseBytes(raw32(magic, 0)) == BYTE_ORDER_MAGIC) {
                    swapped = true;
                } else {
                    throw fail(offset + 8, String.format("byte-order magic 0x%08x is not pcapng's (0x1a2b3c4d, "
                            + "either byte order)", raw32(magic, 0)));
                }
                int length = blockLength(head);
                byte[] body = readBody(s, length, 12);
                sectionHeader(concat(magic, body));
            } else {
                if (sectionBase < 0) {
                    throw fail(0, "not a pcapng file: it must start with a section header block (0x0a0d0d0a)");
                }
                type = swapped ? Integer.reverseBytes(type) : type;
                int length = blockLength(head);
                block(type, readBody(s, length, 8));
            }
        }
        if (sectionBase < 0) {
            throw fail(0, "empty file: no section header block");
        }
        return new PcapNgFile(interfaces, packets, names, statistics, comments);
    }

    private int blockLength(byte[] head) throws PcapFormatException {
        long length = u32(head, 4) & 0xffffffffL;
        if (length % 4 != 0 || length < 12 || length > MAX_BLOCK_LENGTH) {
            throw fail(offset + 4, "block length " + length + " must be a multiple of 4 in 12.." + MAX_BLOCK_LENGTH);
        }
        return (int) length;
    }

    /** The block's bytes after the {@code taken} already read, up to its trailing length, which must match. */
    private byte[] readBody(InputStream s, int length, int taken) throws IOException {
        if (length < taken + 4) {
            throw fail(offset + 4, "block length " + length + " is shorter than its fixed fields (" + (taken + 4)
                    + " bytes)");
        }
        byte[] rest = s.readNBytes(length - taken);
        if (rest.length < length - taken) {
            throw fail(offset + taken, "truncated block: " + (taken + rest.length) + " of " + length
                    + " bytes present");
        }
        int trailer = u32(rest, rest.length - 4);
        if (trailer != length) {
            throw fail(offset + length - 4, "trailing block length " + (trailer & 0xffffffffL)
                    + " differs from the leading " + length);
        }
        long at = offset;
        offset += length;
        bodyStart = at + taken;
        return Arrays.copyOf(rest, rest.length - 4);
    }

    /** The file offset of the first byte of the body being parsed, for messages. */
    private long bodyStart;

    private void sectionHeader(byte[] b) throws PcapFormatException {
        // b: magic(4) major(2) minor(2) section length(8) options
        bodyStart -= 4;
        need(b, 0, 16, "section header");
        int major = u16(b, 4);
        if (major != 1) {
            throw fail(bodyStart + 4, "pcapng version " + major + "." + u16(b, 6) + ", expected 1.0");
        }
        sectionBase = interfaces.size();
        for (Option o : options(b, 16)) {
            if (o.code == OPT_COMMENT) {
                comments.add(o.text());
            }
        }
    }

    private void block(int type, byte[] b) throws IOException {
        switch (type) {
            case INTERFACE_DESCRIPTION -> interfaceDescription(b);
            case ENHANCED_PACKET -> enhancedPacket(b);
            case SIMPLE_PACKET -> simplePacket(b);
            case OBSOLETE_PACKET -> obsoletePacket(b);
            case NAME_RESOLUTION -> nameResolution(b);
            case INTERFACE_STATISTICS -> interfaceStatistics(b);
            default -> {
                // decryption secrets, custom blocks, systemd journal entries: nothing pingkit decodes
            }
        }
    }

    private void interfaceDescription(byte[] b) throws PcapFormatException {
        need(b, 0, 8, "interface description");
        int linkType = u16(b, 0);
        long snap = u32(b, 4) & 0xffffffffL;
        String ifName = "";
        String description = "";
        long units = 1_000_000L;
        long tsOffset = 0;
        for (Option o : options(b, 8)) {
            switch (o.code) {
                case 2 -> ifName = o.text();
                case 3 -> description = o.text();
                case 9 -> units = resolution(o);
                case 14 -> tsOffset = o.i64();
                default -> {
                }
            }
        }
        interfaces.add(new PcapNgFile.Interface(linkType, snap, ifName, description, units));
        tsOffsets.add(tsOffset);
    }

    private long resolution(Option o) throws PcapFormatException {
        if (o.length != 1) {
            throw fail(o.at, "if_tsresol must be 1 byte, got " + o.length);
        }
        int v = o.value[0] & 0xff;
        int exp = v & 0x7f;
        // 10^19 and 2^63 no longer fit a long; nobody stamps finer than 10^-18 s.
        if ((v & 0x80) == 0 ? exp > 18 : exp > 62) {
            throw fail(o.at, "if_tsresol 0x" + Integer.toHexString(v) + " is finer than pingkit reads (10^-18 or "
                    + "2^-62 s)");
        }
        return (v & 0x80) == 0 ? BigInteger.TEN.pow(exp).longValueExact() : 1L << exp;
    }

    private void enhancedPacket(byte[] b) throws PcapFormatException {
        need(b, 0, 20, "enhanced packet");
        int iface = iface(u32(b, 0) & 0xffffffffL);
        long captured = u32(b, 12) & 0xffffffffL;
        long original = u32(b, 16) & 0xffffffffL;
        checkLengths(captured, original, b.length - 20, 12);
        int end = 20 + pad((int) captured);
        packet(iface, ts(b, 4), original, Arrays.copyOfRange(b, 20, 20 + (int) captured), comment(b, end));
    }

    private void obsoletePacket(byte[] b) throws PcapFormatException {
        need(b, 0, 20, "packet");
        int iface = iface(u16(b, 0));
        long captured = u32(b, 12) & 0xffffffffL;
        long original = u32(b, 16) & 0xffffffffL;
        checkLengths(captured, original, b.length - 20, 12);
        int end = 20 + pad((int) captured);
        packet(iface, ts(b, 4), original, Arrays.copyOfRange(b, 20, 20 + (int) captured), comment(b, end));
    }

    private void simplePacket(byte[] b) throws PcapFormatException {
        need(b, 0, 4, "simple packet");
        int iface = iface(0);
        long original = u32(b, 0) & 0xffffffffL;
        long snap = interfaces.get(iface).snapLength();
        long captured = Math.min(original, Math.min(b.length - 4, snap == 0 ? Long.MAX_VALUE : snap));
        checkLengths(captured, original, b.length - 4, 4);
        // a simple packet carries no time: it gets none (0), not an invented one
        packets.add(new PcapPacket(0, (int) Math.min(original, Integer.MAX_VALUE), interfaces.get(iface).linkType(),
                Arrays.copyOfRange(b, 4, 4 + (int) captured), ""));
    }

    private void checkLengths(long captured, long original, int room, int at) throws PcapFormatException {
        if (captured > Pcap.MAX_RECORD_LENGTH) {
            throw fail(bodyStart + at, "captured length " + captured + " exceeds the maximum "
                    + Pcap.MAX_RECORD_LENGTH);
        }
        if (captured > original) {
            throw fail(bodyStart + at, "captured length " + captured + " exceeds the packet's original length "
                    + original);
        }
        if (captured > room) {
            throw fail(bodyStart + at, "captured length " + captured + " runs past its block (" + room
                    + " bytes left)");
        }
    }

    private void packet(int iface, long units, long original, byte[] data, String comment) throws PcapFormatException {
        PcapNgFile.Interface i = interfaces.get(iface);
        long nanos = toNanos(units, i.unitsPerSecond()) + tsOffsets.get(iface) * 1_000_000_000L;
        packets.add(new PcapPacket(nanos, (int) Math.min(original, Integer.MAX_VALUE), i.linkType(), data, comment));
    }

    private static long toNanos(long units, long perSecond) {
        if (perSecond == 1_000_000_000L) {
            return units;
        }
        return BigInteger.valueOf(units).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))
                .multiply(BigInteger.valueOf(1_000_000_000L)).divide(BigInteger.valueOf(perSecond)).longValue();
    }

    private String comment(byte[] b, int optionsAt) throws PcapFormatException {
        List<String> c = new ArrayList<>();
        for (Option o : options(b, optionsAt)) {
            if (o.code == OPT_COMMENT) {
                c.add(o.text());
            }
        }
        return String.join("\n", c);
    }

    private void nameResolution(byte[] b) throws PcapFormatException {
        int at = 0;
        while (true) {
            need(b, at, 4, "name resolution record");
            int type = u16(b, at);
            int length = u16(b, at + 2);
            if (type == 0) {
                at += 4;
                break;
            }
            need(b, at + 4, pad(length), "name resolution record");
            int addressLength = type == 1 ? 4 : type == 2 ? 16 : -1;
            if (addressLength > 0) {
                if (length < addressLength) {
                    throw fail(bodyStart + at + 2, "name record length " + length + " is shorter than its "
                            + addressLength + "-byte address");
                }
                byte[] address = Arrays.copyOfRange(b, at + 4, at + 4 + addressLength);
                List<String> list = new ArrayList<>();
                int s = at + 4 + addressLength;
                int end = at + 4 + length;
                while (s < end) {
                    int z = s;
                    while (z < end && b[z] != 0) {
                        z++;
                    }
                    if (z > s) {
                        list.add(new String(b, s, z - s, StandardCharsets.UTF_8));
                    }
                    s = z + 1;
                }
                try {
                    names.add(new PcapNgFile.Name(InetAddress.getByAddress(address), list));
                } catch (UnknownHostException e) {
                    throw new AssertionError(e); // 4 or 16 bytes: always an address
                }
            }
            at += 4 + pad(length);
        }
        options(b, at);
    }

    private void interfaceStatistics(byte[] b) throws PcapFormatException {
        need(b, 0, 12, "interface statistics");
        int iface = iface(u32(b, 0) & 0xffffffffL);
        long nanos = toNanos(ts(b, 4), interfaces.get(iface).unitsPerSecond())
                + tsOffsets.get(iface) * 1_000_000_000L;
        long received = -1;
        long dropped = -1;
        for (Option o : options(b, 12)) {
            switch (o.code) {
                case OPT_COMMENT -> comments.add(o.text());
                case 4 -> received = o.i64();
                case 5 -> dropped = o.i64();
                default -> {
                }
            }
        }
        statistics.add(new PcapNgFile.Statistics(iface, nanos, received, dropped));
    }

    /** The file-wide index of this section's interface {@code id}; refused if not described. */
    private int iface(long id) throws PcapFormatException {
        long known = interfaces.size() - sectionBase;
        if (id >= known) {
            throw fail(bodyStart, "interface " + id + " is not described (this section has " + known + ")");
        }
        return sectionBase + (int) id;
    }

    /** A timestamp: two 32-bit words, high then low, in the section's byte order. */
    private long ts(byte[] b, int at) {
        return ((u32(b, at) & 0xffffffffL) << 32) | (u32(b, at + 4) & 0xffffffffL);
    }

    private record Option(int code, int length, byte[] value, long at, boolean swapped) {
        String text() {
            int n = value.length;
            while (n > 0 && value[n - 1] == 0) {
                n--; // some writers count a terminating NUL
            }
            return new String(value, 0, n, StandardCharsets.UTF_8);
        }

        long i64() {
            long v = 0;
            for (int i = 0; i < Math.min(8, value.length); i++) {
                v = (v << 8) | (value[i] & 0xff);
            }
            return swapped ? Long.reverseBytes(v) : v;
        }
    }

    private List<Option> options(byte[] b, int at) throws PcapFormatException {
        List<Option> list = new ArrayList<>();
        while (at + 4 <= b.length) {
            int code = u16(b, at);
            int length = u16(b, at + 2);
            if (code == 0) {
                break;
            }
            if (at + 4 + length > b.length) {
                throw fail(bodyStart + at + 2, "option " + code + " of " + length + " bytes runs past its block ("
                        + (b.length - at - 4) + " bytes left)");
            }
            list.add(new Option(code, length, Arrays.copyOfRange(b, at + 4, at + 4 + length), bodyStart + at,
                    swapped));
            at += 4 + pad(length);
        }
        return list;
    }

    private void need(byte[] b, int at, int n, String what) throws PcapFormatException {
        if (at + n > b.length) {
            throw fail(bodyStart + at, what + " block too short: " + n + " bytes needed, " + Math.max(0, b.length
                    - at) + " present");
        }
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    private PcapFormatException fail(long at, String what) {
        return new PcapFormatException(name, at, what);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static int raw32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    private int u32(byte[] b, int i) {
        int v = raw32(b, i);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    private int u16(byte[] b, int i) {
        int v = ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        return swapped ? Integer.reverseBytes(v) >>> 16 : v;
    }
}
