package dev.pingkit.repl;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;

import dev.pingkit.cli.GuardedOutput;
import dev.pingkit.cli.ReplOptions;
import dev.pingkit.cli.UsageException;

/**
 * <b>{@code scripts/repl}: the interactive session on the system terminal, or a script on a dumb one.</b>
 *
 * <pre>
 * scripts/repl                      interactive (history in $HOME/.pingkit_history, or $PINGKIT_HISTORY)
 * scripts/repl -f experiment.txt    run a script, echoing each command; exit 1 at the first failed command
 *                                   (a mistake goes to stderr: repl: experiment.txt line 3: ...)
 * scripts/repl &lt; experiment.txt     the same from standard input
 * scripts/repl -k -f experiment.txt keep going after a failed command (exit status still 1)
 * scripts/repl -D name=value ...    define $name for the script (repeatable)
 * </pre>
 * The arguments are parsed by {@link ReplOptions} (Commons CLI, which only {@code cli} may use).
 */
public final class ReplMain {

    private ReplMain() {
    }

    public static void main(String[] args) {
        // A script's output piped into head ends the session as it would end a shell script.
        PrintStream out = new PrintStream(GuardedOutput.stdoutEndingOnBrokenPipe(), true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.exit(run(args, System.in, out, System.err));
    }

    /**
     * Why {@code file} cannot be a script, or null when it may be: a directory opens but reads nothing (the session
     * would end at once with status 0), and an empty name is no file at all.
     */
    private static String unreadable(String file) {
        if (file.isEmpty()) {
            return "needs a file name, got ''";
        }
        try {
            if (Files.isDirectory(Path.of(file))) {
                return file + ": is a directory, not a script";
            }
        } catch (java.nio.file.InvalidPathException e) {
            return "'" + file.replace("\0", "\\0") + "': not a file name (" + e.getReason() + ")";
        }
        return null;
    }

    /** Parses the launcher's arguments ({@link ReplOptions}) and runs the session; returns the exit status. */
    static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        ReplOptions.Session options;
        try {
            ReplOptions.Parsed parsed = ReplOptions.parse(args);
            if (parsed instanceof ReplOptions.Help help) {
                ReplOptions.printHelp(help.requested() ? stdout : stderr);
                return help.requested() ? 0 : 2;
            }
            if (parsed instanceof ReplOptions.Version) {
                stdout.println("repl from pingkit " + version());
                return 0;
            }
            options = (ReplOptions.Session) parsed;
        } catch (UsageException e) {
            stderr.println("repl: " + e.getMessage());
            return 2;
        }
        String file = options.file().orElse(null);
        boolean keepGoing = options.keepGoing();
        boolean noHistory = options.noHistory();
        Map<String, String> vars = options.variables();
        Path history = options.history().map(Path::of).orElse(null);
        if (history == null && System.getenv("PINGKIT_HISTORY") != null) {
            history = Path.of(System.getenv("PINGKIT_HISTORY"));
        }
        if (history == null) {
            history = ReplConfig.defaultHistoryFile().orElse(null);
        }
        boolean scripted = file != null || System.console() == null;
        try {
            if (scripted) {
                InputStream in;
                if (file == null || file.equals("-")) {
                    in = stdin;
                } else {
                    String problem = unreadable(file);
                    if (problem != null) {
                        stderr.println("repl: -f " + problem);
                        return 2;
                    }
                    try {
                        in = Files.newInputStream(Path.of(file));
                    } catch (NoSuchFileException e) {
                        stderr.println("repl: no such file " + file);
                        return 2;
                    } catch (AccessDeniedException e) {
                        stderr.println("repl: -f " + file + ": permission denied");
                        return 2;
                    }
                }
                var config = new ReplConfig(Optional.empty(), true, keepGoing, vars);
                String name = file == null || file.equals("-") ? "stdin" : file;
                try (in; Terminal t = new DumbTerminal("pingkit", "dumb", in, stdout, StandardCharsets.UTF_8)) {
                    return new Repl(t, config, stderr, name).run();
                }
            }
            if (history == null && !noHistory) {
                stderr.println("repl: warning: history not kept: no home directory ($HOME is not set)");
            }
            var config = new ReplConfig(noHistory ? Optional.empty() : Optional.ofNullable(history), false, false,
                    vars);
            // The JNI provider is JLine's choice for Java 17 (FFM needs 22); exec is the fallback if the native
            // library cannot load. The deprecated JNA and Jansi providers are not on the class path.
            try (Terminal t = TerminalBuilder.builder().system(true).providers("jni,exec").name("pingkit").build()) {
                return new Repl(t, config).run();
            }
        } catch (IOException e) {
            stderr.println("repl: " + e.getMessage());
            return 2;
        }
    }

    /** The project version from the jar's manifest. */
    private static String version() {
        String v = ReplMain.class.getPackage().getImplementationVersion();
        return v != null ? v : "(development classes, no jar)";
    }
}
