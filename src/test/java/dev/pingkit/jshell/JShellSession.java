package dev.pingkit.jshell;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * A JShell (local execution engine, so sockets and classes are this JVM's) with the test class path, fed source the
 * way {@code /open} feeds it: split into snippets by JShell's own completion analysis. Every snippet must be accepted
 * and must run without an exception; what the snippets print is returned.
 */
final class JShellSession implements AutoCloseable {
    /** The project directory: surefire sets PINGKIT_HOME; a test run from an IDE starts in it. */
    static final Path HOME = Path.of(System.getenv().getOrDefault("PINGKIT_HOME", ".")).toAbsolutePath().normalize();

    /** jshell's DEFAULT start-up (the tool adds it; the API does not), which the start-up file and exercises assume. */
    private static final String DEFAULT_STARTUP = """
            import java.io.*;
            import java.math.*;
            import java.net.*;
            import java.nio.file.*;
            import java.util.*;
            import java.util.concurrent.*;
            import java.util.function.*;
            import java.util.prefs.*;
            import java.util.regex.*;
            import java.util.stream.*;
            """;

    private final JShell shell = JShell.builder().executionEngine("local").build();

    /** A session with DEFAULT's imports and, when asked, pingkit's start-up file already evaluated. */
    static JShellSession started() {
        var s = new JShellSession();
        s.eval(DEFAULT_STARTUP);
        s.evalFile(HOME.resolve("jshell-startup.jsh"));
        return s;
    }

    JShellSession() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            shell.addToClasspath(entry);
        }
    }

    /** Evaluates a file as /open does and returns what it printed. */
    String evalFile(Path file) {
        try {
            return eval(Files.readString(file));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    /** Evaluates one or more snippets, failing the test on a rejected snippet or an exception; returns the output. */
    String eval(String source) {
        var out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        // The local engine runs snippets in this JVM and leaves System.out alone: capture it here.
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            String rest = source;
            while (true) {
                SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
                switch (info.completeness()) {
                    case EMPTY:
                        return out.toString(StandardCharsets.UTF_8);
                    case COMPLETE:
                    case COMPLETE_WITH_SEMI:
                        for (SnippetEvent e : shell.eval(info.source())) {
                            check(e, out);
                        }
                        rest = info.remaining();
                        break;
                    default:
                        fail("incomplete source (" + info.completeness() + "): " + rest);
                }
            }
        } finally {
            System.setOut(saved);
        }
    }

    private void check(SnippetEvent e, ByteArrayOutputStream out) {
        if (e.status() == Snippet.Status.REJECTED) {
            String diags = shell.diagnostics(e.snippet())
                    .map(d -> d.getMessage(null))
                    .collect(Collectors.joining("; "));
            fail("rejected snippet: " + e.snippet().source().strip() + "\n  " + diags + "\noutput so far:\n" + out);
        }
        if (e.exception() != null) {
            fail("snippet threw " + e.exception() + ": " + e.snippet().source().strip() + "\noutput so far:\n" + out,
                    e.exception());
        }
    }

    /** Snippets defined so far that are not VALID (e.g. a method left referring to something undefined). */
    java.util.List<String> notValid() {
        return shell.snippets()
                .filter(s -> shell.status(s) != Snippet.Status.VALID && shell.status(s) != Snippet.Status.OVERWRITTEN)
                .map(s -> shell.status(s) + ": " + s.source().strip())
                .collect(Collectors.toList());
    }

    /** The names of the methods, variables and types the session defines (imports and statements excluded). */
    java.util.List<String> definitions() {
        return shell.snippets()
                .filter(s -> s instanceof jdk.jshell.DeclarationSnippet && shell.status(s) == Snippet.Status.VALID)
                .map(s -> ((jdk.jshell.DeclarationSnippet) s).name())
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        shell.close();
    }
}
