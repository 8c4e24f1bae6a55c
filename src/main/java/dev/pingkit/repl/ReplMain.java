package dev.pingkit.repl;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;

import dev.pingkit.cli.ReplOptions;
import dev.pingkit.cli.UsageException;

/**
 * <b>{@code scripts/repl}: the interactive session on the system terminal, or a script on a dumb one.</b>
 *
 * <pre>
 * scripts/repl                      interactive (history in ~/.pingkit_history, or $PINGKIT_HISTORY)
 * scripts/repl -f experiment.txt    run a script, echoing each command; exit 1 at the first failed command
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
        System.exit(run(args, System.in, System.out, System.err));
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
            history = ReplConfig.defaultHistoryFile();
        }
        boolean scripted = file != null || System.console() == null;
        try {
            if (scripted) {
                InputStream in;
                if (file == null || file.equals("-")) {
                    in = stdin;
                } else {
                    try {
                        in = Files.newInputStream(Path.of(file));
                    } catch (NoSuchFileException e) {
                        stderr.println("repl: no such file " + file);
                        return 2;
                    }
                }
                var config = new ReplConfig(Optional.empty(), true, keepGoing, vars);
                try (in; Terminal t = new DumbTerminal("pingkit", "dumb", in, stdout, StandardCharsets.UTF_8)) {
                    return new Repl(t, config).run();
                }
            }
            var config = new ReplConfig(noHistory ? Optional.empty() : Optional.of(history), false, false, vars);
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
