package dev.pingkit.repl;

import java.util.Map;

import org.jline.reader.LineReader;
import org.jline.reader.Widget;

/**
 * <b>Bounds the length of a command line, so the size of the input never drives the REPL's memory.</b> JLine grows
 * its buffer for every character typed, pasted or read from a script; a 1 MB line took seconds and hundreds of MB,
 * two of them ended in {@code OutOfMemoryError}. The widgets that insert text stop inserting at the limit and count
 * what they dropped; the REPL then refuses the line in one message instead of running a truncated command.
 */
final class LineLimit {
    /** Longest command line accepted: a full 65 507-byte payload written as text or hex still fits. */
    static final int MAX_CHARS = 262144;

    private final LineReader reader;
    private final int max;
    private long dropped;

    private LineLimit(LineReader reader, int max) {
        this.reader = reader;
        this.max = max;
    }

    /** Wraps the inserting widgets of {@code reader} so that no line grows past {@code max} characters. */
    static LineLimit install(LineReader reader, int max) {
        LineLimit limit = new LineLimit(reader, max);
        Map<String, Widget> widgets = reader.getWidgets();
        for (String name : new String[] {LineReader.SELF_INSERT, LineReader.BEGIN_PASTE, LineReader.YANK,
            LineReader.YANK_POP, LineReader.QUOTED_INSERT}) {
            Widget inner = widgets.get(name);
            if (inner != null) {
                widgets.put(name, limit.bounded(inner));
            }
        }
        return limit;
    }

    private Widget bounded(Widget inner) {
        return () -> {
            if (reader.getBuffer().length() >= max) {
                dropped++; // a character (or a paste) that would grow the line past the limit
                return true;
            }
            boolean result = inner.apply();
            int over = reader.getBuffer().length() - max;
            if (over > 0) {
                // A paste arrives whole: cut it back to the limit.
                reader.getBuffer().cursor(max);
                reader.getBuffer().delete(over);
                dropped += over;
            }
            return result;
        };
    }

    /** The maximum line length in characters. */
    int max() {
        return max;
    }

    /**
     * Whether the line just read went past the limit (some of it was dropped); resets for the next line.
     */
    boolean overflowedAndReset() {
        boolean over = dropped > 0;
        dropped = 0;
        return over;
    }
}
