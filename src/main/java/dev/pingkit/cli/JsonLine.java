package dev.pingkit.cli;

/**
 * One JSON object on one line, written by hand (no dependency): {@code new JsonLine("reply").field("seq", 1)...}.
 * Field names are the stable schema documented in {@code docs/json.md}; times in milliseconds are exact decimal
 * numbers with microsecond precision.
 */
public final class JsonLine {
    private final StringBuilder b = new StringBuilder(160);

    /** Starts an object whose first field is {@code "event": event}. */
    public JsonLine(String event) {
        b.append("{\"event\":");
        string(event);
    }

    /** A string field; null becomes JSON null. */
    public JsonLine field(String name, String value) {
        key(name);
        if (value == null) {
            b.append("null");
        } else {
            string(value);
        }
        return this;
    }

    /** A whole-number field. */
    public JsonLine field(String name, long value) {
        key(name);
        b.append(value);
        return this;
    }

    /** A boolean field. */
    public JsonLine field(String name, boolean value) {
        key(name);
        b.append(value);
        return this;
    }

    /** A field holding microseconds, written as milliseconds ({@code 45} becomes {@code 0.045}); negative = null. */
    public JsonLine millis(String name, long micros) {
        key(name);
        if (micros < 0) {
            b.append("null");
        } else {
            b.append(micros / 1000).append('.').append(String.format("%03d", micros % 1000));
        }
        return this;
    }

    /** A field holding a number already formatted as JSON (e.g. a percentage). */
    public JsonLine raw(String name, String json) {
        key(name);
        b.append(json);
        return this;
    }

    /** The finished object, without a newline. */
    @Override
    public String toString() {
        return b + "}";
    }

    private void key(String name) {
        b.append(',');
        string(name);
        b.append(':');
    }

    private void string(String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
