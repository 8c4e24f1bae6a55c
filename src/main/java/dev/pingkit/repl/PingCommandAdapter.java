package dev.pingkit.repl;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.pingkit.cli.OptionHelp;
import dev.pingkit.cli.ping.PingCommand;
import dev.pingkit.cli.RunControl;
import dev.pingkit.cli.Signals;
import dev.pingkit.cli.ping.PingOptions;

/**
 * {@code ping <host> [options]}: {@code scripts/ping} itself ({@link PingCommand#run}) with its output on the
 * terminal, so options, wording and statistics are exactly the CLI's. Ctrl-C stops the run and prints the summary,
 * as in the CLI.
 */
final class PingCommandAdapter {
    private final Session session;
    private final Console console;

    PingCommandAdapter(Session session, Console console) {
        this.session = session;
        this.console = console;
    }

    void register(Commands commands) {
        StringBuilder opts = new StringBuilder();
        for (OptionHelp o : PingOptions.help()) {
            opts.append(String.format("  %-16s %s%n", o.name() + (o.takesValue() ? " <" + o.argName() + ">" : ""),
                    o.description()));
        }
        commands.add(new CommandSpec("ping", "ping <host> [<ping options>]",
                "run scripts/ping inside the session (same options, same output)",
                "ping 127.0.0.1 -c 3    ping -6 ::1 -c 2 -i 0.2    Ctrl-C stops it and prints the summary.\n"
                        + "ipv4/ipv6 add -4/-6 when the line has neither. Options:\n" + opts.toString().stripTrailing(),
                this::complete, this::ping));
    }

    private List<String> complete(List<String> before) {
        List<String> words = new ArrayList<>(session.hosts());
        for (String h : List.of("127.0.0.1", "::1")) {
            if (!words.contains(h)) {
                words.add(h);
            }
        }
        for (OptionHelp o : PingOptions.help()) {
            words.add(o.name());
        }
        return words;
    }

    private void ping(List<String> args) throws Exception {
        List<String> argv = new ArrayList<>(args);
        if (!argv.contains("-4") && !argv.contains("-6")) {
            switch (session.family()) {
                case IPV4 -> argv.add(0, "-4");
                case IPV6 -> argv.add(0, "-6");
                default -> { }
            }
        }
        // The host is the word that is neither an option nor an option's value (iputils lets options follow it).
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-")) {
                if (takesValue(a)) {
                    i++;
                }
            } else {
                session.usedHost(a);
            }
        }
        console.flush();
        OutputStream raw = console.terminal().output();
        PrintStream out = new PrintStream(nonClosing(raw), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new RedLines(console), true, StandardCharsets.UTF_8);
        // The session owns Ctrl-C: the run hands over its stop action, and an interrupt calls it (the summary is printed).
        AtomicReference<Runnable> stop = new AtomicReference<>();
        int status;
        try {
            status = session.interruptible(() -> {
                Runnable s = stop.get();
                if (s != null) {
                    s.run();
                }
            }, () -> PingCommand.run(argv.toArray(String[]::new), out, err, PingCommand.isRoot(), new RunControl() {
                @Override
                public void onStop(Runnable action) {
                    stop.set(action);
                }

                @Override
                public void onStatus(Runnable action) {
                    Signals.onStatusRequest(action); // Ctrl-\ (through scripts/repl's watcher), as in scripts/ping
                }

                @Override
                public boolean wantsProbes() {
                    return true;
                }

                @Override
                public void onProbe(dev.pingkit.batch.ProbeResult probe) {
                    session.results().add(probe); // results, save and plot see a ping's probes as a send's
                }
            }));
        } finally {
            Signals.onStatusRequest(() -> { });
            out.flush();
            err.flush();
        }
        if (status != 0) {
            throw new CommandFailed("ping exited " + status);
        }
    }

    private static boolean takesValue(String word) {
        if (!word.startsWith("-") || word.length() != 2) {
            return false;
        }
        return PingOptions.help().stream().anyMatch(o -> o.name().equals(word) && o.takesValue());
    }

    private static OutputStream nonClosing(OutputStream o) {
        return new java.io.FilterOutputStream(o) {
            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws java.io.IOException {
                flush();
            }
        };
    }

    /** The CLI's standard error, one red line at a time (plain on a dumb terminal). */
    private static final class RedLines extends OutputStream {
        private final Console console;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        RedLines(Console console) {
            this.console = console;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void flush() {
            if (line.size() > 0) {
                flushLine();
            }
        }

        private void flushLine() {
            console.println(line.toString(StandardCharsets.UTF_8), Console.ERROR);
            line.reset();
        }
    }
}
