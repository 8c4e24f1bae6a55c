package dev.pingkit.packet;

import java.util.Objects;

/**
 * <b>Offset / hex / ASCII lines in the layout of {@code hexdump -C}.</b>
 *
 * <pre>
 * 00000000  08 00 f7 fa 00 07 00 01  68 65 6c 6c 6f           |........hello|
 * </pre>
 * Unlike {@code hexdump -C}, repeated lines are not collapsed to {@code *} and no final offset line is printed;
 * lines are separated by {@code \n} with no trailing newline. Empty input gives an empty string.
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
        for (int line = 0; line < len; line += 16) {
            if (line > 0) {
                sb.append('\n');
            }
            hex(sb, line, 8);
            sb.append("  ");
            int n = Math.min(16, len - line);
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
