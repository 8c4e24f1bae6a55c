package dev.pingkit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;
import org.apache.commons.cli.help.HelpFormatter;
import org.apache.commons.cli.help.TextHelpAppendable;

/**
 * <b>{@code scripts/repl}'s own arguments, parsed with Commons CLI like the other commands' options.</b> The table
 * lives here, in {@code cli}, because only {@code cli} uses Commons CLI; the REPL gets plain values
 * ({@link Session}) and never sees the library. Mistakes are a {@link UsageException} (one line, exit 2).
 */
public final class ReplOptions {

    /** What the command line asks for: a session, the help text or the version. */
    public sealed interface Parsed permits Session, Help, Version { }

    /**
     * A session.
     *
     * @param file      {@code -f}: a script to run ({@code -} is standard input); empty = interactive, or standard
     *                  input when it is not a terminal
     * @param keepGoing {@code -k}: in a script, run the rest after a failed command
     * @param variables {@code -D NAME=VALUE}, in command-line order
     * @param history   {@code --history FILE}
     * @param noHistory {@code --no-history}
     */
    public record Session(Optional<String> file, boolean keepGoing, Map<String, String> variables,
                          Optional<String> history, boolean noHistory) implements Parsed {
        public Session {
            variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        }
    }

    /**
     * {@code -h} or {@code --help}.
     *
     * @param requested {@code --help} (stdout, exit 0); {@code -h} is a usage on stderr with exit 2, as for ping
     */
    public record Help(boolean requested) implements Parsed { }

    /** {@code -V} or {@code --version}. */
    public record Version() implements Parsed { }

    private static final Options OPTIONS = build();

    private ReplOptions() {
    }

    /** The option table, for help, completion and tests. */
    public static Options options() {
        return OPTIONS;
    }

    private static Options build() {
        Options o = new Options();
        o.addOption(Option.builder("f").longOpt("file").hasArg().argName("file")
                .desc("run the commands in <file> on a dumb terminal, echoing each one; '-' reads standard input").get());
        o.addOption(Option.builder("k").longOpt("keep-going")
                .desc("in a script, run the remaining commands after one fails (the exit status is still 1)").get());
        o.addOption(Option.builder("D").hasArg().argName("name=value")
                .desc("define $name for the session, e.g. -D far=198.18.1.2 (repeatable)").get());
        o.addOption(Option.builder().longOpt("history").hasArg().argName("file")
                .desc("keep history in <file> instead of ~/.pingkit_history ($PINGKIT_HISTORY also works)").get());
        o.addOption(Option.builder().longOpt("no-history").desc("do not read or write a history file").get());
        o.addOption(Option.builder().longOpt("lab")
                .desc("run inside the lab's client namespace with its hosts defined (handled by scripts/repl)").get());
        o.addOption(Option.builder("h").desc("print usage on stderr and exit 2").get());
        o.addOption(Option.builder().longOpt("help").desc("print this help on stdout and exit 0").get());
        o.addOption(Option.builder("V").longOpt("version").desc("print version and exit").get());
        return o;
    }

    /** Parses the REPL's arguments; the messages are one line without the {@code repl: } prefix. */
    public static Parsed parse(String[] args) throws UsageException {
        CommandLine cmd;
        try {
            cmd = DefaultParser.builder().setAllowPartialMatching(false).get().parse(OPTIONS, args);
        } catch (MissingArgumentException e) {
            Option o = e.getOption();
            throw new UsageException("option " + (o.getOpt() != null ? "-" + o.getOpt() : "--" + o.getLongOpt())
                    + " needs a value (" + o.getArgName() + ")");
        } catch (UnrecognizedOptionException e) {
            throw new UsageException("unknown option '" + e.getOption() + "' (try --help)");
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }
        if (!cmd.getArgList().isEmpty()) {
            throw new UsageException("unexpected argument '" + cmd.getArgList().get(0)
                    + "': the REPL takes options only (a script is -f FILE)");
        }
        Help help = null;
        boolean version = false;
        String file = null;
        String history = null;
        boolean keepGoing = false;
        boolean noHistory = false;
        Map<String, String> variables = new LinkedHashMap<>();
        for (Option option : cmd.getOptions()) {
            String key = option.getOpt() != null ? option.getOpt() : option.getLongOpt();
            switch (key) {
                case "f" -> file = option.getValue();
                case "k" -> keepGoing = true;
                case "D" -> {
                    String kv = option.getValue();
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("-D needs NAME=VALUE, got '" + kv + "'");
                    }
                    variables.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "history" -> history = option.getValue();
                case "no-history" -> noHistory = true;
                case "h" -> help = help != null ? help : new Help(false);
                case "help" -> help = new Help(true);
                case "V" -> version = true;
                default -> { /* --lab is the launcher's; it never reaches the JVM */ }
            }
        }
        if (help != null) {
            return help;
        }
        if (version) {
            return new Version();
        }
        return new Session(Optional.ofNullable(file), keepGoing, variables, Optional.ofNullable(history), noHistory);
    }

    /** Prints the help text with Commons CLI's help formatter. */
    public static void printHelp(Appendable out) {
        try {
            HelpFormatter.builder().setShowSince(false).setHelpAppendable(new TextHelpAppendable(out)).get()
                    .printHelp("repl [options]", "The pingkit REPL: build, send and inspect ICMP echo packets.",
                            OPTIONS, "Without -f, standard input that is not a terminal is read as a script.", false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The man page, completion and help words of {@code scripts/repl}. */
    public static CommandDoc doc() {
        return new CommandDoc("repl", "the pingkit REPL: build, send and inspect ICMP echo packets", "[options]",
                List.of("Interactive on a terminal (tab completion, highlighting, history in ~/.pingkit_history), or "
                        + "a script with -f FILE or from standard input. Type help in a session for its commands "
                        + "(echo, set, show, hex, send, ping, listen, let, ...).",
                        "In a script each command is echoed before its output, and the first failed command ends "
                                + "the run with exit status 1 (-k keeps going)."),
                OPTIONS,
                Map.of("-f", CommandDoc.Values.of(CommandDoc.Kind.FILE),
                        "--file", CommandDoc.Values.of(CommandDoc.Kind.FILE),
                        "--history", CommandDoc.Values.of(CommandDoc.Kind.FILE)),
                CommandDoc.Values.of(CommandDoc.Kind.NONE),
                List.of(),
                "0 when the session or script ran without a failed command; 1 when a command failed; 2 on a bad "
                        + "option or an unreadable script.",
                List.of("pingkit-ping(1)"));
    }
}
