package dev.pingkit.packet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * <b>An ICMP extension structure as decoded (RFC 4884 section 7): version, checksum, objects</b>, with what is wrong
 * with it in {@link #problems()}. A PROBE request carries one with its Interface Identification Object.
 *
 * @param version          the 4-bit version, 2 for RFC 4884 and 8335
 * @param checksum         the structure's own checksum field
 * @param checksumValid    whether that checksum verifies over the whole structure
 * @param expectedChecksum the value that would verify
 * @param objects          the objects that fit, in order
 * @param problems         what is wrong: a short structure, another version, a bad checksum, an object whose
 *                         length lies
 */
public record IcmpExtension(int version, int checksum, boolean checksumValid, int expectedChecksum,
                            List<ExtensionObject> objects, List<String> problems) {
    /** Bytes of the extension header: version and reserved bits, checksum. */
    public static final int HEADER = 4;

    /** Copies the lists. */
    public IcmpExtension {
        objects = List.copyOf(objects);
        problems = List.copyOf(problems);
    }

    /**
     * <b>One object of the structure: length (header included), Class-Num, C-Type, payload.</b>
     *
     * @param length   the object's length field
     * @param classNum 3 for the Interface Identification Object
     * @param cType    what the payload is within the class
     * @param payload  the bytes after the 4-byte object header, within the length
     */
    public record ExtensionObject(int length, int classNum, int cType, byte[] payload) {
        /** Copies the payload in. */
        public ExtensionObject {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ExtensionObject x && length == x.length && classNum == x.classNum && cType == x.cType
                    && Arrays.equals(payload, x.payload);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * (31 * length + classNum) + cType) + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "ExtensionObject[class=" + classNum + " c-type=" + cType + " length=" + length + "]";
        }
    }

    /** <b>The first Interface Identification Object (class 3), read; empty without one.</b> */
    public Optional<InterfaceId> interfaceId() {
        for (ExtensionObject o : objects) {
            if (o.classNum() == InterfaceId.CLASS_NUM) {
                List<String> ignored = new ArrayList<>();
                return Optional.of(InterfaceId.read(o.cType(), o.payload, 0, o.payload.length, ignored));
            }
        }
        return Optional.empty();
    }

    /**
     * <b>The structure with one Interface Identification Object: header (version, checksum computed unless
     * {@code forcedChecksum} is 0..65535 rather than -1), then the object.</b>
     */
    static byte[] build(int version, int forcedChecksum, InterfaceId id) {
        byte[] payload = id.payload();
        byte[] b = new byte[HEADER + 4 + payload.length];
        b[0] = (byte) (version << 4);
        int olen = 4 + payload.length;
        b[4] = (byte) (olen >>> 8);
        b[5] = (byte) olen;
        b[6] = (byte) InterfaceId.CLASS_NUM;
        b[7] = (byte) id.cType();
        System.arraycopy(payload, 0, b, 8, payload.length);
        int c = forcedChecksum == QueryWire.COMPUTED ? Checksum.of(b, 0, b.length) : forcedChecksum;
        b[2] = (byte) (c >>> 8);
        b[3] = (byte) c;
        return b;
    }

    /**
     * <b>Decodes the structure in {@code b[off, off+len)}</b>; never throws on what the bytes say: a length that
     * runs past the end or is shorter than an object header stops the walk and is listed.
     */
    public static IcmpExtension parse(byte[] b, int off, int len) {
        List<String> problems = new ArrayList<>();
        List<ExtensionObject> objects = new ArrayList<>();
        if (len < HEADER) {
            problems.add("extension structure truncated: " + IcmpFieldView.bytes(len) + ", its header needs 4");
            return new IcmpExtension(-1, -1, false, -1, objects, problems);
        }
        int version = (b[off] & 0xf0) >>> 4;
        int checksum = QueryWire.u16(b, off + 2);
        long sum = Checksum.partial(b, off, len);
        boolean valid = Checksum.finish(sum) == 0;
        int expected = Checksum.finish(sum - checksum);
        if (version != 2) {
            problems.add("extension structure version " + version + ", 2 expected (RFC 4884)");
        }
        if (!valid) {
            problems.add(String.format("bad extension checksum 0x%04x, expected 0x%04x", checksum, expected));
        }
        int p = off + HEADER;
        int end = off + len;
        while (p < end) {
            int at = p - off;
            if (end - p < 4) {
                problems.add("extension object at byte " + at + " truncated: " + IcmpFieldView.bytes(end - p)
                        + ", its header needs 4");
                break;
            }
            int olen = QueryWire.u16(b, p);
            if (olen < 4) {
                problems.add("extension object at byte " + at + ": length " + olen
                        + " is less than its 4-byte header");
                break;
            }
            if (olen > end - p) {
                problems.add("extension object at byte " + at + ": length " + olen + " runs past the end ("
                        + IcmpFieldView.bytes(end - p) + " left)");
                break;
            }
            objects.add(new ExtensionObject(olen, b[p + 2] & 0xff, b[p + 3] & 0xff,
                    Arrays.copyOfRange(b, p + 4, p + olen)));
            p += olen;
        }
        return new IcmpExtension(version, checksum, valid, expected, objects, problems);
    }
}
