package dev.pingkit.repl;

import java.io.PrintWriter;

import dev.pingkit.cli.Shown;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * Where the REPL writes: the terminal's writer, with colour only when the terminal can show it. A dumb terminal
 * (scripted mode, tests) gets plain text, because {@link AttributedString#toAnsi(Terminal)} drops the escapes for it.
 */
final class Console {
    static final AttributedStyle ERROR = AttributedStyle.BOLD.foreground(AttributedStyle.RED);
    static final AttributedStyle NOTE = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);

    private final Terminal terminal;
    private java.io.PrintStream errors;
    private String script;
    private java.util.function.IntSupplier line;

    Console(Terminal terminal) {
        this.terminal = terminal;
    }

    /**
     * Sends mistakes to {@code errors} as {@code repl: SCRIPT line N: ...} ({@code line} says which line of the
     * script is running), as a shell reports a failing line of a script: on stderr, with its place.
     */
    void errorsTo(java.io.PrintStream errors, String script, java.util.function.IntSupplier line) {
        this.errors = errors;
        this.script = script;
        this.line = line;
    }

    Terminal terminal() {
        return terminal;
    }

    PrintWriter writer() {
        return terminal.writer();
    }

    /** Prints one or more lines as they are. */
    void println(String text) {
        terminal.writer().println(text);
        terminal.writer().flush();
    }

    /** Prints text in a style where the terminal supports it, plain elsewhere. */
    void println(String text, AttributedStyle style) {
        println(new AttributedString(text, style).toAnsi(terminal));
    }

    /** The one red line that reports a user's mistake (what the user typed in it shown safely: {@link Shown}). */
    void error(String message) {
        if (errors != null) {
            terminal.writer().flush(); // what the script printed before the mistake comes first
            String text = Shown.text(message);
            // the loop language's own errors name their line and column already
            errors.println("repl: " + script + (text.startsWith("line ") ? ": " : " line " + line.getAsInt() + ": ")
                    + text);
            errors.flush();
            return;
        }
        println("error: " + Shown.text(message), ERROR);
    }

    void flush() {
        terminal.writer().flush();
    }
}
