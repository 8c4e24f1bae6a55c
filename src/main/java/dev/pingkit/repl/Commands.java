package dev.pingkit.repl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jline.reader.History;
import org.jline.reader.LineReader;

/**
 * The command table and the commands that need nothing but the session: help, history, preferences, variables,
 * quit. The packet and network commands register themselves from {@link PacketCommands}.
 */
final class Commands {
    private final Map<String, CommandSpec> table = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();
    private final Session session;
    private final Console console;
    private final PacketCommands packets;
    private LineReader reader;

    /** The session's variable names, for {@code $name} completion. */
    java.util.Set<String> variableNames() {
        return session.variables().keySet();
    }

    Commands(Session session, Console console) {
        this.session = session;
        this.console = console;
        this.packets = new PacketCommands(session, console);
        packets.register(this);
        new NetCommands(session, console).withFields(packets.fields()).register(this);
        new PingCommandAdapter(session, console).register(this);
        new ExperimentCommands(session, console).register(this);
        new SweepCommand(session, console).register(this);
        new ProbeCommand(session, console).register(this);
        new TraceCommands(session, console).register(this);
        add(new CommandSpec("socket", "socket [raw|dgram|auto]",
                "choose the ICMP socket kind for send, ping and listen",
                "raw needs CAP_NET_RAW (root); dgram is the unprivileged ICMP socket (net.ipv4.ping_group_range);\n"
                        + "auto tries raw, then dgram. Without an argument, shows the current choice.",
                CommandSpec.Completion.first("raw", "dgram", "auto"), this::socket));
        add(new CommandSpec("ipv4", "ipv4", "resolve host names to IPv4 addresses (like ping -4)",
                "Host names given to echo, ping and send resolve to IPv4 from now on. Literal addresses are used as typed.",
                CommandSpec.Completion.words(), args -> family(args, Session.FamilyChoice.IPV4)));
        add(new CommandSpec("ipv6", "ipv6", "resolve host names to IPv6 addresses (like ping -6)",
                "Host names given to echo, ping and send resolve to IPv6 from now on. Literal addresses are used as typed.",
                CommandSpec.Completion.words(), args -> family(args, Session.FamilyChoice.IPV6)));
        add(new CommandSpec("let", "let [<name> <value>]", "define a $variable for later lines",
                "let far 198.18.1.2   then   echo to $far   (also ${far}). Without arguments, lists the variables.\n"
                        + "scripts/repl defines the lab's addresses when the lab is up (see examples/README.md).",
                CommandSpec.Completion.words(), this::let));
        add(new CommandSpec("history", "history [<count>]", "show the lines typed so far (kept in ~/.pingkit_history)",
                "Lines that failed stay in history too, so a typo can be recalled with the up arrow and fixed.",
                CommandSpec.Completion.words(), this::history));
        add(new CommandSpec("help", "help [<command>]", "list the commands, or explain one",
                "help alone lists every command; help <command> shows its usage and details.",
                before -> before.isEmpty() ? names() : List.of(), this::help));
        add(new CommandSpec("quit", "quit", "leave the REPL (Ctrl-D does the same)",
                "History is saved on the way out.", CommandSpec.Completion.words(), args -> {
                    noArguments("quit", args);
                    session.requestQuit();
                }));
        aliases.put("exit", "quit");
        aliases.put("?", "help");
    }

    void add(CommandSpec spec) {
        table.put(spec.name(), spec);
    }

    void attach(LineReader lineReader) {
        this.reader = lineReader;
    }

    List<String> names() {
        return new ArrayList<>(table.keySet());
    }

    /** Every word that starts a command, aliases included (for highlighting). */
    boolean isCommand(String word) {
        return table.containsKey(word) || aliases.containsKey(word);
    }

    /** Whether {@code word} names a packet field (for highlighting a wrong one). */
    boolean isField(String word) {
        return packets.fields().isField(word);
    }

    /** Whether {@code word} begins a packet field name (or {@code to}): a field being typed. */
    boolean isFieldPrefix(String word) {
        return "to".startsWith(word) || packets.fields().names().stream().anyMatch(f -> f.startsWith(word));
    }

    CommandSpec spec(String name) {
        return table.get(aliases.getOrDefault(name, name));
    }

    void run(List<String> words) throws Exception {
        String name = words.get(0);
        CommandSpec spec = spec(name);
        if (spec == null) {
            throw new UserError("unknown command " + name + "; commands: " + String.join(" ", table.keySet())
                    + Spelling.hint(name, table.keySet()));
        }
        spec.handler().run(words.subList(1, words.size()));
    }

    static void noArguments(String command, List<String> args) {
        if (!args.isEmpty()) {
            throw new UserError(command + " takes no arguments, got " + String.join(" ", args));
        }
    }

    private void socket(List<String> args) {
        if (args.size() > 1) {
            throw new UserError("socket takes one of raw, dgram, auto, got " + String.join(" ", args));
        }
        if (args.size() == 1) {
            try {
                session.socket(Session.SocketChoice.valueOf(args.get(0).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UserError("socket must be raw, dgram or auto, got " + args.get(0));
            }
        }
        console.println("socket " + session.socket().name().toLowerCase(Locale.ROOT));
    }

    private void family(List<String> args, Session.FamilyChoice choice) {
        noArguments(choice.name().toLowerCase(Locale.ROOT), args);
        session.family(choice);
        console.println("host names resolve to " + (choice == Session.FamilyChoice.IPV4 ? "IPv4" : "IPv6"));
    }

    private void let(List<String> args) {
        if (args.isEmpty()) {
            if (session.variables().isEmpty()) {
                console.println("no variables");
            }
            session.variables().forEach((k, v) -> console.println("$" + k + " = " + v));
            return;
        }
        if (args.size() != 2 || !args.get(0).matches("\\w+")) {
            throw new UserError("let needs a name (letters, digits, _) and one value, got " + String.join(" ", args));
        }
        session.variable(args.get(0), args.get(1));
        console.println("$" + args.get(0) + " = " + args.get(1));
    }

    private void history(List<String> args) {
        int limit = Integer.MAX_VALUE;
        if (args.size() == 1) {
            limit = Values.intIn("count", args.get(0), 1, Integer.MAX_VALUE);
        } else if (args.size() > 1) {
            throw new UserError("history takes at most one count, got " + String.join(" ", args));
        }
        History history = reader.getHistory();
        int skip = Math.max(0, history.size() - limit);
        int i = 0;
        for (History.Entry e : history) {
            if (i++ >= skip) {
                console.println(String.format("%5d  %s", e.index() + 1, e.line()));
            }
        }
    }

    private void help(List<String> args) {
        if (args.isEmpty()) {
            int width = table.values().stream().mapToInt(s -> s.usage().length()).max().orElse(10);
            for (CommandSpec s : table.values()) {
                console.println(String.format("  %-" + width + "s  %s", s.usage(), s.summary()));
            }
            console.println("Tab completes commands, fields, options and hosts; Ctrl-C stops a running command; "
                    + "Ctrl-D or quit leaves.");
            return;
        }
        if (args.size() > 1) {
            throw new UserError("help takes one command name, got " + String.join(" ", args));
        }
        CommandSpec s = spec(args.get(0));
        if (s == null) {
            throw new UserError("no command " + args.get(0) + "; commands: " + String.join(" ", table.keySet()));
        }
        console.println("usage: " + s.usage());
        console.println(s.summary());
        console.println(s.details());
    }
}
