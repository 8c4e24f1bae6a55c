package dev.pingkit.cli;

/**
 * <b>User input as an error line may show it: control bytes escaped, length bounded.</b> A value is echoed back so
 * the user sees what was refused; raw, an escape sequence in it would drive the terminal and a 100 kB value would
 * bury the line. Short printable text passes unchanged, so messages that mirror iputils stay byte for byte.
 */
public final class Shown {
    /** Longest line shown whole; longer ones keep their start (the field) and end (what is allowed). */
    static final int MAX = 240;
    private static final int HEAD = 160;
    private static final int TAIL = 60;

    private Shown() {
    }

    /** {@code text} with C0/C1 controls and DEL as {@code \xNN}, its middle cut if it is over {@value #MAX}. */
    public static String text(String text) {
        String escaped = escaped(text);
        if (escaped.length() <= MAX) {
            return escaped;
        }
        int cut = escaped.length() - HEAD - TAIL;
        return escaped.substring(0, HEAD) + "...(" + cut + " characters cut)..." + escaped.substring(escaped.length()
                - TAIL);
    }

    /** {@code text} with C0/C1 controls and DEL as {@code \xNN}, whole (for echoing a command line). */
    public static String escaped(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0);
            if (control && sb == null) {
                sb = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (sb != null) {
                if (control) {
                    sb.append(String.format("\\x%02x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? text : sb.toString();
    }
}
