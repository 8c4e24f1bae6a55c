package dev.pingkit.repl;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import dev.pingkit.Echo;
import dev.pingkit.ProbeResult;
import dev.pingkit.Icmp;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.ping.KernelFilters;
import dev.pingkit.ping.Pinger;
import dev.pingkit.ping.SendResult;
import dev.pingkit.ping.StatisticsRecorder;
import dev.pingkit.ping.TimeSource;
import dev.pingkit.socket.ClosedSocketException;
import dev.pingkit.socket.Family;
import dev.pingkit.socket.IcmpSocket;
import dev.pingkit.socket.IcmpSockets;
import dev.pingkit.socket.Inbound;
import dev.pingkit.socket.SocketKind;
import dev.pingkit.socket.SocketOptions;

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
        commands.add(new CommandSpec("send", "send [--next] [-q|--csv|--json] [<field> <value>]... [<timeout>]",
                "send the current packet; print the request and the reply, ICMP error or timeout",
                "Waits up to <timeout> (seconds, or 500ms; default 2 s) for a reply or an ICMP error quoting the probe.\n"
                        + "Prints the decoded request and what came back with RTT, TTL and the checksum verdict.\n"
                        + "--next first moves the packet to the next sequence number, so repeated sends are distinct.\n"
                        + "-q prints one line instead (target, seq, size, TTL: outcome); --csv and --json one CSV line\n"
                        + "or JSON object. Field/value pairs change the packet first, as set does (send -q size 200 ttl 3).\n"
                        + "Every send is collected for 'results', 'save' and 'plot'.\n"
                        + "The socket is the one chosen with 'socket' (a datagram socket writes its own id and checksum).",
                CommandSpec.Completion.words("--next", "-q", "--csv", "--json", "1", "0.5", "5"), this::send));
        commands.add(new CommandSpec("listen", "listen [<seconds>]",
                "print every ICMP packet arriving, one decoded line each, until Ctrl-C or <seconds>",
                "A small tcpdump for ICMP on a raw socket (needs root): IPv4 and IPv6 unless 'ipv4' or 'ipv6' was chosen.\n"
                        + "Each line: arrival time, addresses, TTL, type/code, id/seq, length, checksum verdict, "
                        + "and the probe an ICMP error quotes.",
                CommandSpec.Completion.first("5", "10", "60"), this::listen));
        commands.add(new CommandSpec("stats", "stats", "statistics of this session's sends",
                "Transmitted, answered, ICMP errors, no reply, and RTT min/avg/max/mdev of the replies to 'send'.",
                CommandSpec.Completion.words(), this::stats));
    }

    private SocketKind kind() {
        return switch (session.socket()) {
            case RAW -> SocketKind.RAW;
            case DGRAM -> SocketKind.DATAGRAM;
            case AUTO -> SocketKind.AUTO;
        };
    }

    private void send(List<String> args) throws Exception {
        boolean next = false;
        String form = null;
        Duration timeout = DEFAULT_TIMEOUT;
        boolean timeoutSeen = false;
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--next") || a.equals("-n")) {
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
        Echo probe = echo;
        Duration wait = timeout;
        // The socket is opened here rather than inside Pinger.once so that Ctrl-C can close it, which wakes the
        // waiting receive at once. The echo's send options go on the socket as Pinger.once(echo, timeout, kind,
        // options) would put them.
        SendResult result;
        if (wait.toMillis() >= 1000 && form == null) { // a quiet send stays one line
            console.println("waiting up to " + seconds(wait) + " s for " + dev.pingkit.packet.Addresses.text(probe.target())
                    + (timeoutSeen ? "" : " (send <seconds> waits less)"), Console.NOTE);
        }
        long sentAt = ExperimentCommands.nowEpochNanos();
        try (IcmpSocket socket = Pinger.openFor(probe, kind(), SocketOptions.DEFAULTS)) {
            result = session.interruptible(socket::close,
                    () -> Pinger.once(probe, wait, socket, TimeSource.SYSTEM));
        } catch (ClosedSocketException e) {
            throw new InterruptedException("send");
        }
        sends.sent(System.nanoTime());
        ProbeResult recorded = ProbeResult.of(result, sentAt);
        session.results().add(recorded);
        if (form != null) {
            ExperimentCommands.printOne(console, session.results(), recorded, form);
            countOutcome(result);
            return;
        }
        console.println(result.show());
        if (!countOutcome(result)) {
            return; // its show() already ends with the one line
        }
        console.println(result.toString(), Console.NOTE);
    }

    /** Counts the outcome in the session's statistics; false for no reply. */
    private boolean countOutcome(SendResult result) {
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
            return false;
        }
        return true;
    }

    /** 10, 2.5: seconds as a person writes them. */
    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    private void listen(List<String> args) throws Exception {
        if (args.size() > 1) {
            throw new UserError("listen takes at most a number of seconds, got " + String.join(" ", args));
        }
        Duration limit = args.isEmpty() ? null : Values.duration("seconds", args.get(0));
        if (session.socket() == Session.SocketChoice.DGRAM) {
            throw new UserError("listen needs a raw socket (a datagram socket only sees replies to itself); "
                    + "socket raw or socket auto");
        }
        List<Family> families = switch (session.family()) {
            case IPV4 -> List.of(Family.IPV4);
            case IPV6 -> List.of(Family.IPV6);
            case ANY -> List.of(Family.IPV4, Family.IPV6);
        };
        List<IcmpSocket> sockets = new ArrayList<>();
        try {
            for (Family f : families) {
                IcmpSocket s = IcmpSockets.open(f, SocketKind.RAW);
                sockets.add(s);
                KernelFilters.repliesAndErrors(s); // ICMPv6: replies and errors, as listen always showed
            }
        } catch (IOException e) {
            sockets.forEach(IcmpSocket::close);
            throw e;
        }
        console.println("listening for " + String.join(" and ", families.stream().map(f -> f == Family.IPV4 ? "IPv4" : "IPv6").toList())
                + " ICMP " + (limit == null ? "until Ctrl-C" : "for " + args.get(0) + " s"), Console.NOTE);
        long end = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        List<Thread> readers = new ArrayList<>();
        int[] count = new int[1];
        for (IcmpSocket s : sockets) {
            Thread r = new Thread(() -> readLoop(s, end, count), "pingkit-listen-" + s.family());
            r.setDaemon(true);
            readers.add(r);
        }
        boolean[] stopped = new boolean[1];
        session.interruptible(() -> {
            stopped[0] = true;
            sockets.forEach(IcmpSocket::close);
        }, () -> {
            readers.forEach(Thread::start);
            try {
                for (Thread r : readers) {
                    r.join();
                }
            } finally {
                sockets.forEach(IcmpSocket::close);
            }
            return null;
        });
        synchronized (count) {
            if (stopped[0] && !console.terminal().getType().startsWith("dumb")) {
                console.println(""); // the terminal echoed ^C without a newline
            }
            console.println(count[0] + " packet" + (count[0] == 1 ? "" : "s") + " seen", Console.NOTE);
        }
    }

    private void readLoop(IcmpSocket socket, long end, int[] count) {
        Inbound in = new Inbound();
        try {
            for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
                if (!socket.receive(in, Math.min(left, Duration.ofSeconds(1).toNanos()))) {
                    continue;
                }
                String line = describe(in);
                synchronized (count) {
                    count[0]++;
                    console.println(line);
                }
            }
        } catch (ClosedSocketException e) {
            // Ctrl-C closed the socket: the normal way out of an open-ended listen.
        } catch (IOException e) {
            console.error("listen: " + e.getMessage());
        }
    }

    /** One line for one packet: time, who sent it, and the decoded message's own summary. */
    static String describe(Inbound in) {
        String time = LocalTime.now().format(CLOCK);
        IcmpMessage m;
        InetAddress from = in.source();
        if (in.family() == Family.IPV4) {
            m = Icmp.decode(in.data(), 0, in.length());
            return time + " " + m;
        }
        m = IcmpMessage.decodeV6(in.data(), 0, in.length(), null, null);
        String s = m.toString();
        String hop = in.ttl() >= 0 ? " hlim=" + in.ttl() : "";
        return time + " ICMPv6 " + dev.pingkit.packet.Addresses.text(from) + hop + s.substring("ICMPv6".length());
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
