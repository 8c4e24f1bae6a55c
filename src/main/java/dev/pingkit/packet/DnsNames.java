package dev.pingkit.packet;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Names in DNS wire format as RFC 4620 carries them: labels of 1..63 bytes, a zero byte after the last; a name that
 * is not fully qualified (a single-component subject) takes a second zero byte. No compression: RFC 4620 forbids it.
 */
final class DnsNames {
    /** The longest name on the wire, RFC 1035's 255 bytes. */
    static final int MAX = 255;

    private DnsNames() {
    }

    /** {@code name} ("host" or "host.lab", no trailing dot) in wire format; a clear error for a label out of range. */
    static byte[] encode(String name, boolean fqdn) {
        String[] labels = name.isEmpty() ? new String[0] : name.split("\\.", -1);
        byte[] out = new byte[name.length() + 2 + (fqdn ? 0 : 1)];
        int at = 0;
        for (String label : labels) {
            byte[] l = label.getBytes(StandardCharsets.US_ASCII);
            if (l.length < 1 || l.length > 63) {
                throw new IllegalArgumentException("name label must be 1..63 bytes, got " + l.length + " in \""
                        + name + "\"");
            }
            out[at++] = (byte) l.length;
            System.arraycopy(l, 0, out, at, l.length);
            at += l.length;
        }
        if (at + 1 > MAX) {
            throw new IllegalArgumentException("name must be at most " + MAX + " bytes on the wire, got " + (at + 1)
                    + " for \"" + name + "\"");
        }
        return java.util.Arrays.copyOf(out, at + (fqdn ? 1 : 2));
    }

    /**
     * Reads one name at {@code b[at]}, appending it (fully qualified ones end with a dot) to {@code into}; returns the
     * offset after it, or -1 with the reason added to {@code problems} when the bytes are no name.
     */
    static int read(byte[] b, int at, int end, StringBuilder into, List<String> problems) {
        int start = at;
        while (true) {
            if (at >= end) {
                problems.add("name at byte " + start + " runs past the end of the data");
                return -1;
            }
            int len = b[at] & 0xff;
            if (len == 0) {
                at++;
                if (at - start > MAX) {
                    problems.add("name at byte " + start + " of " + (at - start) + " bytes, at most " + MAX);
                    return -1;
                }
                if (at < end && b[at] == 0 && at - 1 > start) {
                    return at + 1; // single-component form: not fully qualified
                }
                into.append('.');
                return at;
            }
            if (len > 63) {
                problems.add(String.format("name at byte %d: label length 0x%02x (compression or reserved), "
                        + "RFC 4620 allows labels of 1..63 bytes only", start, len));
                return -1;
            }
            if (at + 1 + len > end) {
                problems.add("name at byte " + start + ": a label of " + len + " bytes runs past the end of the data");
                return -1;
            }
            if (at > start) {
                into.append('.');
            }
            for (int i = at + 1; i <= at + len; i++) {
                int c = b[i] & 0xff;
                into.append(c > 0x20 && c < 0x7f && c != '.' && c != '\\' ? (char) c : String.format("\\%03d", c));
            }
            at += 1 + len;
        }
    }
}
