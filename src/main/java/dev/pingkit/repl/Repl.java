package dev.pingkit.repl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

import dev.pingkit.engine.SocketAccess;

/**
 * <b>The pingkit REPL: a JLine session whose commands build, send and inspect ICMP packets.</b>
 *
 * <p>The terminal comes from outside: {@code scripts/repl} passes the system terminal (or a dumb one over a script),
 * tests pass a dumb terminal over in-memory streams and read plain text back.
 *
 * <pre>{@code
 * try (Terminal t = new DumbTerminal("test", "dumb", in, out, UTF_8)) {
 *     int status = new Repl(t, ReplConfig.script(false)).run();
 * }
 * }</pre>
 */
public final class Repl {
    /** The prompt, also printed before each command a script runs. */
    public static final String PROMPT = "pingkit> ";

    private final Terminal terminal;
    private final ReplConfig config;
    private final Console console;
    private final Session session;
    private final Commands commands;
    private final LineReader reader;
    private final Parser parser;
    private final LoopInput loop;
    private final LineLimit lineLimit;
    private Optional<Path> historyFile;
    private int failures;

    /**
     * A script's session whose mistakes go to {@code errors} as {@code repl: SCRIPT line N: ...} instead of the
     * terminal ({@code scripts/repl -f}); nothing is read until {@link #run()}.
     */
    public Repl(Terminal terminal, ReplConfig config, java.io.PrintStream errors, String script) {
        this(terminal, config);
        console.errorsTo(Objects.requireNonNull(errors, "errors"), Objects.requireNonNull(script, "script"),
                loop::line);
    }

    /** A session on {@code terminal}; nothing is read until {@link #run()}. */
    public Repl(Terminal terminal, ReplConfig config) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.config = Objects.requireNonNull(config, "config");
        this.console = new Console(terminal);
        this.session = new Session(config.variables());
        this.commands = new Commands(session, console);
        this.parser = parser();
        this.loop = new LoopInput(session, new LoopRunner.Host() {
            @Override
            public boolean execute(String line) {
                return Repl.this.execute(line);
            }

            @Override
            public void error(String message) {
                console.error(message);
                failures++;
            }
        });
        var builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("pingkit")
                .parser(parser)
                .completer(new ReplCompleter(commands))
                .highlighter(new ReplHighlighter(commands))
                // "!" and "$" belong to payloads and to our own variables, not to JLine's history expansion.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, false)
                .variable(LineReader.HISTORY_SIZE, 1000)
                .variable(LineReader.HISTORY_FILE_SIZE, 10_000);
        this.historyFile = config.historyFile().filter(this::usableHistory);
        historyFile.ifPresent(f -> builder.variable(LineReader.HISTORY_FILE, f));
        // Saved after each command by saveHistory(), which warns once; JLine's own incremental save logged a stack
        // trace per command when it failed.
        builder.option(LineReader.Option.HISTORY_INCREMENTAL, false);
        // JLine's undo keeps a copy of the whole line per key read: a long line (a script's, or a paste a terminal
        // does not bracket) grew the memory with the square of its length. Bounded memory is worth more than undo.
        builder.option(LineReader.Option.DISABLE_UNDO, true);
        this.reader = builder.build();
        this.lineLimit = LineLimit.install(reader, LineLimit.MAX_CHARS);
        commands.attach(reader);
    }

    /** The parser shared by the line reader and {@link #execute(String)}: quotes and a {@code #} comment. */
    private static Parser parser() {
        var p = new DefaultParser();
        p.setEofOnUnclosedQuote(false);
        p.setLineCommentDelims(new String[] {"#"});
        return p;
    }

    /**
     * Reads and runs commands until {@code quit}, Ctrl-D or the end of the script.
     *
     * @return 0 if every command succeeded, 1 if one failed (a script without keep-going stops at the first)
     */
    public int run() {
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> session.interrupt());
        try {
            if (!config.scripted()) {
                console.println("pingkit REPL: type help for the commands, Tab to complete, Ctrl-D to quit.",
                        Console.NOTE);
            }
            while (!session.quitRequested()) {
                String line;
                lineLimit.overflowedAndReset(); // what a Ctrl-C'd line dropped is not this line's
                try {
                    // A script prints its own prompt with the command, so the transcript reads like a session.
                    line = reader.readLine(config.scripted() ? "" : loop.pending() ? LoopInput.CONTINUATION : prompt());
                } catch (UserInterruptException e) {
                    loop.reset();
                    continue; // Ctrl-C at the prompt drops the line (and an unfinished loop), as in a shell
                } catch (EndOfFileException e) {
                    if (loop.pending()) {
                        loop.unfinished();
                    }
                    break;
                }
                Thread.interrupted(); // a Ctrl-C that arrived between commands must not hit the next one
                loop.countLine();
                if (lineLimit.overflowedAndReset()) {
                    console.error("command line too long: at most " + lineLimit.max() + " characters; not run");
                    failures++;
                    if (config.scripted() && !config.keepGoing()) {
                        break;
                    }
                    continue;
                }
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                if (config.scripted()) {
                    console.println((loop.pending() ? LoopInput.CONTINUATION : PROMPT)
                            + dev.pingkit.cli.Shown.escaped(line.strip()));
                }
                boolean ok = loop.offer(line);
                saveHistory();
                if (!ok && config.scripted() && !config.keepGoing()) {
                    break;
                }
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            session.close();
            saveHistory();
        }
        return failures == 0 ? 0 : 1;
    }

    private String prompt() {
        return new AttributedString(PROMPT, AttributedStyle.BOLD.foreground(AttributedStyle.GREEN)).toAnsi(terminal);
    }

    /**
     * Drops the empty words the parser makes of stray whitespace, but keeps a quoted empty word ({@code payload ""}
     * sets an empty payload): as many empty words as the line has {@code ""} or {@code ''} standing alone.
     */
    private static void keepQuotedEmptyWords(String line, List<String> words) {
        long quoted = java.util.regex.Pattern.compile("(?<=^|\\s)(\"\"|'')(?=\\s|$)").matcher(line).results().count();
        for (var it = words.iterator(); it.hasNext(); ) {
            if (it.next().isEmpty()) {
                if (quoted > 0) {
                    quoted--;
                } else {
                    it.remove();
                }
            }
        }
    }

    /**
     * Runs one command line as if typed, printing its output; a mistake prints one error line.
     *
     * @return whether the command succeeded
     */
    public boolean execute(String line) {
        List<String> words;
        try {
            line = Arithmetic.expand(line, session.variables());
        } catch (UserError e) {
            console.error(e.getMessage());
            failures++;
            return false;
        }
        try {
            words = new ArrayList<>(parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words());
        } catch (RuntimeException e) {
            console.error("cannot read the line: " + e.getMessage());
            failures++;
            return false;
        }
        keepQuotedEmptyWords(line, words);
        if (words.isEmpty()) {
            return true;
        }
        try {
            commands.run(session.expand(words));
            return true;
        } catch (UserError | IllegalArgumentException e) {
            console.error(e.getMessage());
        } catch (CommandFailed e) {
            // the command already printed its outcome
        } catch (UnknownHostException e) {
            console.error("unknown host: " + e.getMessage());
        } catch (InterruptedException e) {
            console.println("interrupted");
            Thread.interrupted();
            return true;
        } catch (IOException | UncheckedIOException e) {
            console.error(e.getMessage() + (SocketAccess.denied(e) ? socketHint() : ""));
        } catch (Exception e) {
            // A bug, not a user's mistake: still one line, with the type so it can be reported.
            console.error(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        failures++;
        return false;
    }

    /**
     * The socket layer's advice is about the machine (sysctl, capabilities); a session that pinned one socket kind
     * has a cheaper way out, which only the REPL knows: as root in a namespace whose ping_group_range excludes
     * root, {@code socket dgram} fails while {@code socket auto} just works.
     */
    private String socketHint() {
        return switch (session.socket()) {
            case DGRAM -> "; in this session, 'socket auto' tries a raw socket first";
            case RAW -> "; in this session, 'socket auto' falls back to a ping socket";
            case AUTO -> "";
        };
    }

    /** The history of this session (including lines that failed). */
    public History history() {
        return reader.getHistory();
    }

    /** The commands this REPL knows, in help order. */
    public List<String> commandNames() {
        return commands.names();
    }

    private boolean usableHistory(Path file) {
        String problem = HistoryFile.problem(file);
        if (problem != null) {
            warnHistoryNotKept(file, problem);
        }
        return problem == null;
    }

    private void warnHistoryNotKept(Path file, String reason) {
        console.println("warning: history not kept: " + file + ": " + reason, Console.NOTE);
    }

    /** Appends the new lines to the history file; the first failure is said once and ends saving. */
    private void saveHistory() {
        if (historyFile.isPresent()) {
            try {
                reader.getHistory().save();
            } catch (IOException | RuntimeException e) {
                warnHistoryNotKept(historyFile.get(), HistoryFile.reason(e));
                historyFile = Optional.empty();
            }
        }
    }
}
