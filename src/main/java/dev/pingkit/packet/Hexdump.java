package dev.pingkit.packet;

import java.util.Objects;

/**
 * <b>Offset / hex / ASCII lines in the layout of {@code hexdump -C}.</b>
 *
 * <pre>
 * 00000000  08 00 f7 fa 00 07 00 01  68 65 6c 6c 6f           |........hello|
 * </pre>
 * As in {@code hexdump -C}, a full line that repeats the one before it is folded into a single {@code *} line (a
 * payload of 1000 zero bytes takes three lines, not 63). Unlike it, the final offset line is printed only when the
 * dump ends in such a fold, where it is the one place the length shows; lines are separated by {@code \n} with
 * no trailing newline. Empty input gives an empty string.
 */
public final class Hexdump {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Hexdump() {
    }

    /** <b>The whole array as hexdump lines.</b> */
    public static String of(byte[] b) {
        return of(b, 0, b.length);
    }

    /** <b>{@code len} bytes from {@code off} as hexdump lines, offsets counted from {@code off}.</b> */
    public static String of(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        StringBuilder sb = new StringBuilder((len / 16 + 1) * 78);
        boolean folding = false;
        for (int line = 0; line < len; line += 16) {
            int n = Math.min(16, len - line);
            if (line > 0 && n == 16 && java.util.Arrays.equals(b, off + line, off + line + 16,
                    b, off + line - 16, off + line)) {
                if (!folding) {
                    sb.append("\n*");
                    folding = true;
                }
                continue;
            }
            folding = false;
            if (line > 0) {
                sb.append('\n');
            }
            hex(sb, line, 8);
            sb.append("  ");
            for (int i = 0; i < 16; i++) {
                if (i == 8) {
                    sb.append(' ');
                }
                if (i < n) {
                    hex(sb, b[off + line + i] & 0xff, 2);
                    sb.append(' ');
                } else {
                    sb.append("   ");
                }
            }
            sb.append(" |");
            for (int i = 0; i < n; i++) {
                sb.append(printable(b[off + line + i]));
            }
            sb.append('|');
        }
        if (folding) {
            sb.append('\n');
            hex(sb, len, 8);
        }
        return sb.toString();
    }

    /** <b>Bytes as lowercase hex digits with no separators, e.g. {@code "0800f7fa"}.</b> */
    public static String hex(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        StringBuilder sb = new StringBuilder(len * 2);
        for (int i = 0; i < len; i++) {
            hex(sb, b[off + i] & 0xff, 2);
        }
        return sb.toString();
    }

    /**
     * <b>The bytes of hex digits like {@code "dead beef"}, {@code "de:ad"} or {@code "0xdead"}, or null if they are
     * not pairs of hex digits</b> (spaces, colons and a leading {@code 0x} are ignored).
     */
    public static byte[] parse(String s) {
        String t = s.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        t = t.replace(" ", "").replace(":", "");
        if (t.length() % 2 != 0) {
            return null;
        }
        byte[] b = new byte[t.length() / 2];
        for (int i = 0; i < b.length; i++) {
            int hi = Character.digit(t.charAt(2 * i), 16);
            int lo = Character.digit(t.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            b[i] = (byte) ((hi << 4) | lo);
        }
        return b;
    }

    /** <b>The byte as printed in the ASCII column: itself if printable ASCII, else {@code '.'}.</b> */
    public static char printable(byte b) {
        return b >= 0x20 && b < 0x7f ? (char) b : '.';
    }

    private static void hex(StringBuilder sb, int v, int digits) {
        for (int s = (digits - 1) * 4; s >= 0; s -= 4) {
            sb.append(HEX[(v >>> s) & 0xf]);
        }
    }
}
