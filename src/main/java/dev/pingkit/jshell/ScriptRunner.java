package dev.pingkit.jshell;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * <b>Runs a JShell file as a script and exits, for {@code scripts/jshell FILE.jsh}</b>: no banner, no prompt, no
 * trailing {@code /exit} needed, and a status a shell can test: 0 when every snippet ran, 1 at the first snippet
 * that does not compile or throws (its file and line on stderr, as javac words it), 2 for a file that cannot be
 * read. {@code /exit [n]} ends the script early with status n. Snippets run in this JVM (JShell's local execution
 * engine): a script has no prompt to return to, so it needs no second JVM, and starts in half the time.
 *
 * <p>Arguments: {@code [--startup FILE]... SCRIPT}; each start-up file runs first, after JShell's DEFAULT imports,
 * with the system property {@code pingkit.script} set to the script's path (pingkit's start-up then prints no
 * banner).
 */
public final class ScriptRunner {
    /** The imports of jshell's DEFAULT start-up, which the tool adds and the API does not. */
    private static final String DEFAULT_IMPORTS = String.join("\n", "import java.io.*;", "import java.math.*;",
            "import java.net.*;", "import java.nio.file.*;", "import java.util.*;", "import java.util.concurrent.*;",
            "import java.util.function.*;", "import java.util.prefs.*;", "import java.util.regex.*;",
            "import java.util.stream.*;") + "\n";

    private final JShell shell;
    private final PrintStream err;
    /** Where each snippet begins: its file and its offset there, to turn a position in a snippet into a line. */
    private final Map<String, Origin> origins = new HashMap<>();

    private record Origin(String file, String text, int offset) {
    }

    /** Thrown to end the run with a status. */
    private static final class Stop extends Exception {
        final int status;

        Stop(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    private ScriptRunner(PrintStream err) {
        this.err = err;
        this.shell = JShell.builder().executionEngine("local").out(System.out).err(err).build();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                shell.addToClasspath(entry);
            }
        }
    }

    /** Runs the script named in {@code args} and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.err));
    }

    /** Runs {@code [--startup FILE]... SCRIPT} and returns the exit status; messages go to {@code err}. */
    static int run(List<String> args, PrintStream err) {
        var startups = new ArrayList<Path>();
        int i = 0;
        while (i + 1 < args.size() && args.get(i).equals("--startup")) {
            startups.add(Path.of(args.get(i + 1)));
            i += 2;
        }
        if (args.size() != i + 1) {
            err.println("pingkit: usage: scripts/jshell FILE.jsh (one script file), got " + args.subList(i, args.size()));
            return 2;
        }
        Path script = Path.of(args.get(i));
        System.setProperty("pingkit.script", script.toString());
        var runner = new ScriptRunner(err);
        JShell shell = runner.shell;
        try (shell) {
            runner.evalAll("DEFAULT", DEFAULT_IMPORTS);
            for (Path startup : startups) {
                runner.evalAll(startup.toString(), read(startup));
            }
            runner.evalAll(script.toString(), read(script));
            return 0;
        } catch (Stop stop) {
            return stop.status;
        }
    }

    private static String read(Path file) throws Stop {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            System.err.println("pingkit: cannot read " + file + ": " + e.getMessage());
            throw new Stop(2);
        }
    }

    /**
     * Evaluates {@code text} snippet by snippet, as {@code /open} splits it: line by line, each line added to the
     * snippet so far until JShell's analysis finds it complete (so a statement needs no semicolon at its line's end).
     */
    private void evalAll(String file, String text) throws Stop {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        int at = skipBlank(text, 0);
        while (at < text.length()) {
            if (text.charAt(at) == '/' && at + 1 < text.length() && Character.isLetter(text.charAt(at + 1))) {
                int end = lineEnd(text, at);
                command(file, text, at, text.substring(at, end).strip());
                at = skipBlank(text, end);
                continue;
            }
            for (int end = lineEnd(text, at); ; end = lineEnd(text, end)) {
                String chunk = text.substring(at, end);
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(chunk);
                switch (info.completeness()) {
                    case COMPLETE, COMPLETE_WITH_SEMI, UNKNOWN -> {
                        // UNKNOWN is not Java: evaluated anyway, so the compiler's message says what is wrong
                        eval(new Origin(file, text, at), info.completeness() == SourceCodeAnalysis.Completeness.UNKNOWN
                                ? chunk : info.source());
                        at = skipBlank(text, end - info.remaining().length());
                    }
                    case EMPTY -> at = skipBlank(text, end);
                    default -> {
                        if (end < text.length()) {
                            continue; // incomplete: take the next line too
                        }
                        err.println(file + ":" + line(text, at) + ": error: the snippet that starts here is not"
                                + " complete at the end of the file");
                        throw new Stop(1);
                    }
                }
                break;
            }
        }
    }

    /** The offset just past the line that holds {@code at} (its newline included). */
    private static int lineEnd(String text, int at) {
        int nl = text.indexOf('\n', at);
        return nl < 0 ? text.length() : nl + 1;
    }

    private void command(String file, String text, int at, String command) throws Stop {
        String[] words = command.split("\\s+");
        if (!words[0].equals("/exit")) {
            err.println(file + ":" + line(text, at) + ": error: " + words[0] + " is a command of the interactive"
                    + " jshell; a script understands only /exit [status]");
            throw new Stop(1);
        }
        if (words.length == 1) {
            throw new Stop(0);
        }
        try {
            throw new Stop(Integer.parseInt(words[1]));
        } catch (NumberFormatException e) {
            err.println(file + ":" + line(text, at) + ": error: /exit takes a whole number as the status, got " + words[1]);
            throw new Stop(1);
        }
    }

    private void eval(Origin origin, String source) throws Stop {
        for (SnippetEvent e : shell.eval(source)) {
            if (e.causeSnippet() != null) {
                continue; // a consequence (an earlier definition replaced), not this snippet's own outcome
            }
            origins.put(e.snippet().id(), origin);
            if (e.status() == Snippet.Status.REJECTED) {
                Diag d = shell.diagnostics(e.snippet()).filter(Diag::isError).findFirst().orElse(null);
                long pos = d == null || d.getPosition() < 0 ? 0 : d.getPosition();
                err.println(origin.file() + ":" + line(origin.text(), origin.offset() + (int) pos) + ": error: "
                        + (d == null ? "this snippet does not compile"
                                // a snippet's class has no name: javac's "location: class " line says nothing
                                : d.getMessage(Locale.ROOT).replaceAll("\\n\\s*location: class\\s*(?=\\n|$)", "")));
                err.println("    " + lineText(origin.text(), origin.offset() + (int) pos));
                throw new Stop(1);
            }
            if (e.exception() != null) {
                report(e.exception(), origin);
                throw new Stop(1);
            }
        }
    }

    /** The exception's class and message at the innermost script line, then the script lines that led there. */
    private void report(Exception thrown, Origin origin) {
        String name = thrown instanceof EvalException ee ? ee.getExceptionClassName() : thrown.getClass().getName();
        var where = new ArrayList<String>();
        for (StackTraceElement f : thrown.getStackTrace()) {
            Origin o = f.getFileName() == null ? null : origins.get(f.getFileName().replaceFirst("^#", ""));
            if (o != null && f.getLineNumber() > 0) {
                where.add(o.file() + ":" + (line(o.text(), o.offset()) + f.getLineNumber() - 1));
            }
        }
        if (where.isEmpty()) {
            where.add(origin.file() + ":" + line(origin.text(), origin.offset()));
        }
        if (thrown instanceof UnresolvedReferenceException u) {
            err.println(where.get(0) + ": error: " + u.getSnippet().name() + " cannot run until what it uses is"
                    + " declared: " + String.join(", ", shell.unresolvedDependencies(u.getSnippet()).toList()));
            return;
        }
        err.println(where.get(0) + ": exception " + name + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage()));
        for (String w : where.subList(1, where.size())) {
            err.println("    called from " + w);
        }
    }

    /** The offset of the next character that is neither white space nor part of a comment. */
    static int skipBlank(String text, int at) {
        while (at < text.length()) {
            if (Character.isWhitespace(text.charAt(at))) {
                at++;
            } else if (text.startsWith("//", at)) {
                int end = text.indexOf('\n', at);
                at = end < 0 ? text.length() : end + 1;
            } else if (text.startsWith("/*", at)) {
                int end = text.indexOf("*/", at + 2);
                at = end < 0 ? text.length() : end + 2;
            } else {
                break;
            }
        }
        return at;
    }

    /** The 1-based line of {@code offset} in {@code text}. */
    static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String lineText(String text, int offset) {
        int from = text.lastIndexOf('\n', Math.max(0, Math.min(offset, text.length()) - 1)) + 1;
        int to = text.indexOf('\n', from);
        return text.substring(from, to < 0 ? text.length() : to).strip();
    }
}
