package dev.pingkit.repl;

/**
 * Feeds the REPL's input lines to the experiment language: a line that is an ordinary command runs at once; a
 * line that starts a loop collects the lines after it until its braces close, then the whole loop runs. A syntax
 * error is one line naming the line and column, and the session goes on. Lines are counted from 1 as read
 * (blank and comment lines included), so an error in a script names the line of the file.
 */
final class LoopInput {
    /** The prompt while a loop is still open. */
    static final String CONTINUATION = "     ..> ";

    private final LoopRunner runner;
    private final LoopRunner.Host host;
    private StringBuilder pending;
    private int pendingFirstLine;
    private int lineNumber;

    LoopInput(Session session, LoopRunner.Host host) {
        this.host = host;
        this.runner = new LoopRunner(session, host);
    }

    /** Counts one line read (call for every line, blank ones too). */
    void countLine() {
        lineNumber++;
    }

    /** The number of the line read last, from 1. */
    int line() {
        return lineNumber;
    }

    /** Whether a loop is open and waits for more lines. */
    boolean pending() {
        return pending != null;
    }

    /** Drops an unfinished loop (Ctrl-C at the continuation prompt). */
    void reset() {
        pending = null;
    }

    /** The input ended inside a loop: that is a mistake, reported where the loop began. */
    void unfinished() {
        host.error("line " + pendingFirstLine + ": the loop that starts here has no closing }");
        pending = null;
    }

    /** Takes one non-blank line; whether everything it ran (if anything) succeeded. */
    boolean offer(String line) {
        if (pending == null && !Loops.startsLoop(line)) {
            return host.execute(line);
        }
        String text;
        if (pending == null) {
            pendingFirstLine = lineNumber;
            text = line;
        } else {
            text = pending + "\n" + line;
        }
        Loops.Parsed parsed;
        try {
            parsed = Loops.parse(text, pendingFirstLine);
        } catch (Loops.SyntaxError e) {
            pending = null;
            host.error(e.getMessage());
            return false;
        }
        if (parsed instanceof Loops.Incomplete) {
            pending = new StringBuilder(text);
            return true;
        }
        pending = null;
        return runner.run(((Loops.Complete) parsed).statements());
    }
}
