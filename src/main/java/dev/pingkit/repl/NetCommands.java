package dev.pingkit.repl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import dev.pingkit.Echo;
import dev.pingkit.EchoSend;
import dev.pingkit.batch.ProbeResult;
import dev.pingkit.batch.Probes;
import dev.pingkit.SendReport;
import dev.pingkit.capture.Capture;
import dev.pingkit.engine.EngineOptions;
import dev.pingkit.SendResult;
import dev.pingkit.engine.StatisticsRecorder;

/** The commands that talk to the network: send, listen, stats (ping lives in {@link PingCommandAdapter}). */
final class NetCommands {
    /** The one default of API, REPL and CLI (10 s, as {@code ping -W}); "waiting up to" says it before the wait. */
    static final Duration DEFAULT_TIMEOUT = Echo.DEFAULT_TIMEOUT;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    private final Session session;
    private final Console console;
    private final StatisticsRecorder sends = new StatisticsRecorder();
    private long noReplies;

    private Fields fields;

    NetCommands(Session session, Console console) {
        this.session = session;
        this.console = console;
    }

    /** The packet fields send may set on its way out ({@code send -q size 200}). */
    NetCommands withFields(Fields f) {
        this.fields = f;
        return this;
    }

    void register(Commands commands) {
        commands.add(new CommandSpec("send",
                "send [--next] [-q|--csv|--json] [<field> <value>|<field> <a>..<b> [step <n>]]... [count <n>] [<timeout>]",
                "send the current packet; print one line, as ping prints a reply ('show' decodes it)",
                "Waits up to <timeout> (seconds, or 500ms; default " + seconds(DEFAULT_TIMEOUT)
                        + " s, as ping -W) for a reply or an ICMP error quoting the probe.\n"
                        + "Prints one line as ping does: the reply with RTT and TTL, the ICMP error, or no reply.\n"
                        + "'show' then prints the request and what came back field by field, with the checksum\n"
                        + "verdict.\n"
                        + "--next first moves the packet to the next sequence number, so repeated sends are distinct.\n"
                        + "-q prints the experiment's line instead (target, seq, size, TTL: outcome); --csv and\n"
                        + "--json one CSV line or JSON object. Field/value pairs change the packet first, as set\n"
                        + "does (send -q size 200 ttl 3).\n"
                        + "Ranges make a batch, sent at once over one engine run as Java's sendAll sends it:\n"
                        + "send seq 1..100 1, send size 0..1400 step 200 count 20 (seq, size, ttl, tos range;\n"
                        + "count repeats each probe with the next seqs); each lost probe waits <timeout> once, for all.\n"
                        + "Every send is collected for 'results', 'save' and 'plot'.\n"
                        + "The socket is the one chosen with 'socket' (a datagram socket writes its own id and checksum).",
                CommandSpec.Completion.words("--next", "-q", "--csv", "--json", "1", "0.5", "5"), this::send));
        commands.add(new CommandSpec("listen", LISTEN_USAGE,
                "print every ICMP packet arriving (or those from host, of type and code, with id), one decoded line "
                        + "each, until Ctrl-C or <seconds>",
                "A small tcpdump for ICMP on a raw socket (needs root): IPv4 and IPv6 unless 'ipv4' or 'ipv6' was chosen.\n"
                        + "Each line: arrival time, addresses, TTL, type/code, id/seq, length, checksum verdict, "
                        + "and the probe an ICMP error quotes.\n"
                        + "save FILE writes what was seen to a pcap or pcapng capture (by its extension). The kernel "
                        + "drops what the filter refuses.\nEvery packet joins 'results' as status captured (results table "
                        + "from type seq count, save, plot).\n"
                        + "The same capture in Java: Capture.open(...).collect(...); Icmp.results(packets).",
                before -> before.isEmpty() ? List.of("host", "type", "code", "id", "save", "5", "10", "60")
                        : List.of("host", "type", "code", "id", "save"), this::listen));
        commands.add(new CommandSpec("stats", "stats", "statistics of this session's sends",
                "Transmitted, answered, ICMP errors, no reply, and RTT min/avg/max/mdev of the replies to 'send'.",
                CommandSpec.Completion.words(), this::stats));
    }

    /** The engine's options for the socket chosen with 'socket'. */
    private EngineOptions engineOptions() {
        EngineOptions defaults = EngineOptions.defaults();
        return switch (session.socket()) {
            case RAW -> defaults.raw();
            case DGRAM -> defaults.datagram();
            case AUTO -> defaults;
        };
    }

    private void send(List<String> args) throws Exception {
        boolean next = false;
        String form = null;
        Duration timeout = DEFAULT_TIMEOUT;
        boolean timeoutSeen = false;
        List<String> pairs = new ArrayList<>();
        List<BatchSend.Range> ranges = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (fields != null && fields.isField(a) && i + 1 < args.size() && BatchSend.isRange(args.get(i + 1))) {
                ranges.add(BatchSend.range(a, args.get(++i)));
            } else if (a.equals("step") && !ranges.isEmpty() && i + 1 < args.size()) {
                int last = ranges.size() - 1;
                ranges.set(last, ranges.get(last).step(Values.intIn("step", args.get(++i), 1, 65535)));
            } else if (a.equals("count") && i + 1 < args.size()) {
                count = Values.intIn("count", args.get(++i), 1, Probes.MAX_PROBES);
            } else if (a.equals("--next") || a.equals("-n")) {
                next = true;
            } else if (a.equals("-q") || a.equals("--quiet") || a.equals("--csv") || a.equals("--json")) {
                if (form != null && !form.equals(a)) {
                    throw new UserError("send takes one of -q, --csv, --json, got " + form + " and " + a);
                }
                form = a;
            } else if (fields != null && fields.isField(a)) {
                pairs.add(a);
                pairs.add(i + 1 < args.size() ? args.get(++i) : null);
            } else if (!timeoutSeen) {
                timeout = Values.duration("timeout", a);
                timeoutSeen = true;
            } else {
                throw new UserError("send takes [--next] [-q|--csv|--json] [<field> <value>]... [<timeout>], got "
                        + String.join(" ", args));
            }
        }
        Echo echo = session.requireEcho("send");
        for (int i = 0; i < pairs.size(); i += 2) {
            if (pairs.get(i + 1) == null) {
                throw new UserError(pairs.get(i) + " needs a value: send " + pairs.get(i) + " <value>");
            }
            echo = fields.apply(echo, pairs.get(i), pairs.get(i + 1));
        }
        if (!pairs.isEmpty()) {
            session.echo(echo); // as set would: the next send goes out the same way
        }
        if (next) {
            echo = echo.seq((echo.seq() + 1) & 0xffff);
            session.echo(echo);
        }
        if (!ranges.isEmpty() || count > 1) {
            Probes batch = BatchSend.probes(echo, ranges, count, timeout);
            try {
                BatchSend.run(session, console, batch, engineOptions(), form, this::countOutcome);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            return;
        }
        Echo probe = echo;
        Duration wait = timeout;
        // A one-probe engine run; Ctrl-C stops the engine, which closes its own socket and wakes the wait at once.
        SendResult result;
        if (wait.toMillis() >= 1000 && form == null) { // a quiet send stays one line
            console.println("waiting up to " + seconds(wait) + " s for " + dev.pingkit.packet.Addresses.text(probe.target())
                    + (timeoutSeen ? "" : " (send <seconds> waits less)"), Console.NOTE);
        }
        long sentAt = ExperimentCommands.nowEpochNanos();
        try (EchoSend sending = EchoSend.of(probe, wait, engineOptions())) {
            result = session.interruptible(sending::stop, sending::await);
            if (sending.stopped() && result instanceof SendResult.NoReply) {
                if (sending.sent()) { // the probe went out: sent and not answered, as ping counts a Ctrl-C
                    sends.sent();
                    noReplies++;
                }
                throw new InterruptedException("send"); // Ctrl-C before anything came back
            }
        }
        sends.sent();
        ProbeResult recorded = result.toProbeResult(probe, sentAt);
        session.results().add(recorded);
        session.lastSend(probe, result);
        countOutcome(result);
        if (form != null) {
            ExperimentCommands.printOne(console, session.results(), recorded, form);
        } else {
            console.println(SendReport.line(result));
        }
    }

    /** Counts one probe of a batch in the session's statistics. */
    private void countOutcome(ProbeResult p) {
        sends.sent();
        switch (p.status()) {
            case ANSWERED -> sends.reply(p.rttNanos(), false);
            case CORRUPTED -> sends.corrupted();
            case ERROR -> sends.error();
            default -> noReplies++;
        }
    }

    /** Counts the outcome in the session's statistics. */
    private void countOutcome(SendResult result) {
        if (result instanceof SendResult.Answered a) {
            if (a.checksumOk() && a.payloadMatches()) {
                sends.reply(a.rttNanos(), false);
            } else {
                sends.corrupted();
            }
        } else if (result instanceof SendResult.Failed) {
            sends.error();
        } else {
            noReplies++;
        }
    }

    /** 10, 2.5: seconds as a person writes them. */
    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    private static final String LISTEN_USAGE = "listen [host <host>] [type <0..255>] [code <0..255>] "
            + "[id <0..65535>] [save <file.pcap|file.pcapng>] [<seconds>]";
    private static final List<String> LISTEN_WORDS = List.of("host", "type", "code", "id", "save");

    private void listen(List<String> args) throws Exception {
        Capture.Filter filter = Capture.Filter.ANY;
        Duration limit = null;
        String seconds = null;
        Path save = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (LISTEN_WORDS.contains(a) && i + 1 < args.size()) {
                String v = args.get(++i);
                switch (a) {
                    case "host" -> filter = filter.host(new Resolver(session).resolve(v));
                    case "type" -> filter = filter.type(Values.intIn("type", v, 0, 255));
                    case "code" -> filter = filter.code(Values.intIn("code", v, 0, 255));
                    case "id" -> filter = filter.id(Values.intIn("id", v, 0, 0xffff));
                    default -> {
                        if (!v.endsWith(".pcap") && !v.endsWith(".pcapng")) {
                            throw new UserError("save file must end in .pcap or .pcapng, got " + v);
                        }
                        save = Path.of(v);
                    }
                }
            } else if (seconds == null && !LISTEN_WORDS.contains(a)) {
                seconds = a;
                limit = Values.duration("seconds", a);
            } else {
                throw new UserError("listen takes " + LISTEN_USAGE.substring("listen ".length()) + ", got "
                        + String.join(" ", args));
            }
        }
        if (session.socket() == Session.SocketChoice.DGRAM) {
            throw new UserError("listen needs a raw socket (a datagram socket only sees replies to itself); "
                    + "socket raw or socket auto");
        }
        boolean v4 = session.family() != Session.FamilyChoice.IPV6;
        boolean v6 = session.family() != Session.FamilyChoice.IPV4;
        int[] count = new int[1];
        List<Capture.Packet> seen = new java.util.ArrayList<>();
        try (Capture capture = Capture.open(v4, v6, filter)) {
            console.println("listening for " + (v4 && v6 ? "IPv4 and IPv6" : v4 ? "IPv4" : "IPv6") + " ICMP "
                    + (limit == null ? "until Ctrl-C" : "for " + seconds + " s"), Console.NOTE);
            Duration until = limit;
            boolean keep = save != null;
            session.interruptible(capture::stop, () -> capture.run(p -> {
                count[0]++;
                session.results().add(ProbeResult.captured(p.from(), p.ttl(), p.receivedAtNanos(), p.message()));
                if (keep) {
                    seen.add(p);
                }
                console.println(describe(p));
            }, until));
            if (capture.stopped() && !console.terminal().getType().startsWith("dumb")) {
                console.println(""); // the terminal echoed ^C without a newline
            }
        } catch (IOException e) {
            if (count[0] == 0) {
                throw e;
            }
            console.error("listen: " + e.getMessage());
        }
        console.println(count[0] + " packet" + (count[0] == 1 ? "" : "s") + " seen", Console.NOTE);
        if (save != null) {
            if (save.toString().endsWith(".pcapng")) {
                Capture.pcapng(seen, save);
            } else {
                Capture.pcap(seen, save);
            }
            console.println("saved " + seen.size() + " packet" + (seen.size() == 1 ? "" : "s") + " to " + save);
        }
    }

    /** One line for one packet: time, who sent it, and the decoded message's own summary. */
    static String describe(Capture.Packet p) {
        String time = LocalTime.now().format(CLOCK);
        String s = p.message().toString();
        if (p.message().family() == 4) {
            return time + " " + s;
        }
        String hop = p.ttl() >= 0 ? " hlim=" + p.ttl() : "";
        return time + " ICMPv6 " + dev.pingkit.packet.Addresses.text(p.from()) + hop + s.substring("ICMPv6".length());
    }

    private void stats(List<String> args) {
        Commands.noArguments("stats", args);
        var s = sends.snapshot();
        if (s.transmitted() == 0) {
            console.println("no packets sent yet in this session");
            return;
        }
        console.println("sent " + s.transmitted() + ", answered " + s.received()
                + (s.corrupted() > 0 ? ", corrupted " + s.corrupted() : "")
                + ", ICMP errors " + s.errors() + ", no reply " + noReplies);
        if (s.hasRtt()) {
            console.println(String.format(java.util.Locale.ROOT, "rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms",
                    s.minNanos() / 1e6, s.avgNanos() / 1e6, s.maxNanos() / 1e6, s.mdevNanos() / 1e6));
        }
    }
}
