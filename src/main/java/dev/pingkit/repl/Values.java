package dev.pingkit.repl;

import java.time.Duration;
import java.util.Locale;

/**
 * Reading the values a user types, with errors that name the field, the value and what is allowed.
 */
final class Values {
    private Values() {
    }

    /** A decimal or {@code 0x} hexadecimal integer within {@code min..max}. */
    static int intIn(String field, String text, int min, int max) {
        long v;
        try {
            String t = text.strip().replace("_", "");
            // ASCII digits only: Long.parseLong also reads Arabic-Indic, fullwidth and other scripts' digits.
            if (!t.matches("[+-]?[0-9]+|0[xX][0-9a-fA-F]+")) {
                throw new NumberFormatException(t);
            }
            v = t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new UserError(field + " must be a number " + min + ".." + max + ", got " + text);
        }
        if (v < min || v > max) {
            throw new UserError(field + " must be " + min + ".." + max + ", got " + text);
        }
        return (int) v;
    }

    /** on/off, yes/no, true/false, 1/0. */
    static boolean flag(String field, String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "on", "yes", "true", "1":
                return true;
            case "off", "no", "false", "0":
                return false;
            default:
                throw new UserError(field + " must be on or off, got " + text);
        }
    }

    /** Seconds as a number ({@code 2}, {@code 0.5}) or with a unit ({@code 500ms}, {@code 2s}); up to an hour. */
    static Duration duration(String field, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        double scale = 1000;
        if (t.endsWith("ms")) {
            scale = 1;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        }
        double ms;
        try {
            ms = Double.parseDouble(t) * scale;
        } catch (NumberFormatException e) {
            throw new UserError(field + " must be seconds (2, 0.5) or 500ms, got " + text);
        }
        if (!(ms > 0) || ms > 3_600_000) {
            throw new UserError(field + " must be more than 0 and at most 3600 s, got " + text);
        }
        return Duration.ofNanos((long) (ms * 1_000_000));
    }
}
