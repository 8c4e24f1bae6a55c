package dev.pingkit.repl;

import java.net.InetAddress;
import java.util.List;

import dev.pingkit.engine.Stop;

import dev.pingkit.trace.Hop;
import dev.pingkit.trace.Route;
import dev.pingkit.trace.Trace;
import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.packet.Quoted;
import dev.pingkit.trace.TraceProbe;

/**
 * {@code trace HOST [max N] [probes N]}: the path hop by hop, each line printed as its hop ends (traceroute -n's
 * lines); {@code show hop N} then decodes that hop's answers and the probe each one quotes, field by field.
 * Every probe joins the session's {@code results}. Ctrl-C stops a trace and keeps the hops so far.
 */
final class TraceCommands {
    private final Session session;
    private final Console console;
    private final Resolver resolver;
    private Route last;

    TraceCommands(Session session, Console console) {
        this.session = session;
        this.console = console;
        this.resolver = new Resolver(session);
    }

    void register(Commands commands) {
        commands.add(new CommandSpec("trace", "trace <host> [max <n>] [probes <n>]",
                "trace the path to a host, hop by hop (like traceroute -I -n)",
                "TTL-limited echo requests, 16 at a time; each router on the way answers time exceeded, the host an\n"
                        + "echo reply. max: the last TTL (1..255, default 30); probes: per hop (1..10, default 3).\n"
                        + "A * is a probe nothing answered; !H !N !P !X mark unreachables. 'show hop <n>' decodes a hop.\n"
                        + "Every probe joins 'results' (results table ttl target rtt).",
                before -> before.isEmpty() ? List.of() : before.size() % 2 == 1 ? List.of("max", "probes") : List.of(),
                this::trace));
        CommandSpec show = commands.spec("show");
        commands.add(new CommandSpec("show", "show [hop <n>]", show.summary() + "; show hop <n>: a hop of the last trace",
                show.details() + "\nshow hop <n>: the answers at TTL n of the last trace, each ICMP message and the probe it"
                        + " quotes, field by field.",
                CommandSpec.Completion.first("hop"), args -> {
                    if (args.isEmpty()) {
                        show.handler().run(args);
                    } else {
                        showHop(args);
                    }
                }));
    }

    private void trace(List<String> args) throws Exception {
        if (args.isEmpty()) {
            throw new UserError("trace needs a host: trace <host> [max <n>] [probes <n>]");
        }
        if (args.size() % 2 == 0) {
            throw new UserError("trace takes a host, then max <n> and probes <n>, got " + String.join(" ", args));
        }
        InetAddress target = resolver.resolve(args.get(0));
        Trace trace = Trace.to(args.get(0), target);
        for (int i = 1; i < args.size(); i += 2) {
            String value = args.get(i + 1);
            switch (args.get(i)) {
                case "max" -> trace = trace.maxHops(Values.intIn("max", value, 1, 255));
                case "probes" -> trace = trace.probes(Values.intIn("probes", value, 1, 10));
                default -> throw new UserError("trace takes max <n> and probes <n>, got " + args.get(i));
            }
        }
        Trace resolved = trace;
        console.println(Route.of(resolved, List.of()).header());
        Stop stop = new Stop();
        last = session.interruptible(stop::stop, () -> resolved.run(hop -> {
            hop.probes().forEach(p -> session.results().addTrace(resolved, p)); // for results, save and plot
            console.println(hop.toString());
            console.flush();
        }, stop));
        if (stop.stopped()) {
            console.println("interrupted after " + last.hops().size() + " hops");
        }
    }

    private void showHop(List<String> args) {
        if (args.size() != 2 || !args.get(0).equals("hop")) {
            throw new UserError("show takes nothing or hop <n>, got " + String.join(" ", args));
        }
        if (last == null) {
            throw new UserError("no trace yet: trace <host> first");
        }
        int ttl = Values.intIn("hop", args.get(1), 1, 255);
        Hop hop = last.hop(ttl).orElseThrow(() -> new UserError("the last trace (to " + last.host() + ") has hops "
                + last.hops().get(0).ttl() + ".." + last.hops().get(last.hops().size() - 1).ttl() + ", got " + ttl));
        console.println(hop.toString());
        for (TraceProbe p : hop.probes()) {
            console.println("");
            if (p.timedOut()) {
                console.println("probe " + (p.index() + 1) + " (seq " + p.seq() + "): no answer");
                continue;
            }
            if (p.refused()) {
                console.println("probe " + (p.index() + 1) + " (seq " + p.seq() + "): not sent: larger than the "
                        + "path MTU " + p.refusedMtu() + " and must not be fragmented");
                continue;
            }
            console.println("probe " + (p.index() + 1) + " (seq " + p.seq() + "): answered by "
                    + Addresses.text(p.from()) + " after " + Hop.millis(p.rttNanos()) + " ms"
                    + (p.replyTtl() >= 0 ? ", arriving with ttl " + p.replyTtl() : "")
                    + (p.quoteAltered() ? "; THE QUOTED PROBE DIFFERS FROM THE ONE SENT (a hop rewrote it)" : ""));
            console.println(indent(p.message().show()));
            p.message().quoted().ifPresent(q -> {
                console.println("  the quoted probe:");
                console.println(indent(indent(quotedProbe(p.message(), q))));
            });
        }
    }

    /** The datagram an ICMP error quotes, decoded: IPv4 header and ICMP fields, or the IPv6 header line and ICMPv6. */
    private static String quotedProbe(IcmpMessage error, Quoted q) {
        byte[] d = error.payload();
        if (q.family() == 4) {
            return IcmpMessage.decode(d, 0, d.length).show();
        }
        if (d.length < 40) {
            return q.toString();
        }
        return "ip6.src  = " + (q.source() == null ? "?" : Addresses.text(q.source())) + "\nip6.dst  = "
                + Addresses.text(q.destination()) + "\nip6.hlim = " + q.ttl() + "\n"
                + IcmpMessage.decodeV6(d, 40, d.length - 40, q.source(), q.destination()).show();
    }

    private static String indent(String s) {
        return "  " + s.stripTrailing().replace("\n", "\n  ");
    }
}
