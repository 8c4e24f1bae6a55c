package dev.pingkit.repl;

import dev.pingkit.InterfaceProbe;
import dev.pingkit.InterfaceStatus;
import dev.pingkit.engine.EngineOptions;
import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.ExtendedEchoMessage;
import dev.pingkit.packet.InterfaceId;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * {@code probe <interface> [to <host>] [seq <n>] [show] [<timeout>]}: one PROBE (RFC 8335 extended echo) asking a
 * node whether its interface is up and which families it runs, as {@link InterfaceProbe} sends it; one line back,
 * or with {@code show} the request and the reply decoded field by field.
 */
final class ProbeCommand {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    private final Session session;
    private final Console console;
    private int nextSeq = 1;

    ProbeCommand(Session session, Console console) {
        this.session = session;
        this.console = console;
    }

    void register(Commands commands) {
        commands.add(new CommandSpec("probe", "probe <interface> [to <host>] [seq <0..255>] [show] [<timeout>]",
                "ask a node about one of its interfaces (PROBE, RFC 8335 extended echo): up? IPv4? IPv6?",
                "probe eth0 to 198.51.100.2    probe 1 to ::1 show    probe 198.51.100.2 0.5\n"
                        + "<interface> is a name, an index (digits) or an address of the node. Without 'to' the\n"
                        + "probe goes to the current packet's target. The node must allow it\n"
                        + "(net.ipv4.icmp_echo_enable_probe=1). One line back: the interface's state and families,\n"
                        + "the reply's code in RFC 8335's words (No Such Interface...), an ICMP error, or no reply\n"
                        + "within <timeout> (default 2 s). 'show' prints the request and the reply field by field.",
                CommandSpec.Completion.words("to", "seq", "show", "lo", "eth0", "1"), this::probe));
    }

    private void probe(List<String> args) throws Exception {
        if (args.isEmpty()) {
            throw new UserError("probe needs an interface: a name (eth0), an index (1) or an address");
        }
        InterfaceId id;
        try {
            id = InterfaceId.parse(args.get(0));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        InetAddress target = null;
        Integer seq = null;
        boolean show = false;
        Duration timeout = DEFAULT_TIMEOUT;
        boolean timeoutSeen = false;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("to") || a.equals("seq")) && i + 1 < args.size()) {
                String v = args.get(++i);
                if (a.equals("to")) {
                    target = new Resolver(session).resolve(v);
                    session.usedHost(v);
                } else {
                    seq = Values.intIn("seq", v, 0, 255);
                }
            } else if (a.equals("show")) {
                show = true;
            } else if (!timeoutSeen && !a.equals("to") && !a.equals("seq")) {
                timeout = Values.duration("timeout", a);
                timeoutSeen = true;
            } else {
                throw new UserError("probe takes <interface> [to <host>] [seq <0..255>] [show] [<timeout>], got "
                        + String.join(" ", args));
            }
        }
        if (target == null) {
            target = session.requireEcho("probe (or probe <interface> to <host>)").target();
        }
        InterfaceProbe p = InterfaceProbe.to(target).interfaceId(id).seq(seq != null ? seq : nextSeq);
        nextSeq = (p.seq() + 1) & 0xff; // PROBE's sequence number is 8 bits
        Duration wait = timeout;
        EngineOptions options = switch (session.socket()) {
            case RAW -> EngineOptions.defaults().raw();
            case DGRAM -> EngineOptions.defaults().datagram();
            case AUTO -> EngineOptions.defaults();
        };
        InterfaceStatus s = p.send(wait, options);
        console.println(show ? s.show() : line(s));
    }

    /** {@code 198.51.100.2 seq=1: eth0 active, IPv4 IPv6 (0.061 ms)}; the code or error otherwise. */
    static String line(InterfaceStatus s) {
        String head = Addresses.text(s.probe().target()) + " seq=" + s.probe().seq() + ": "
                + s.probe().interfaceId().text();
        if (s.reply().isPresent()) {
            ExtendedEchoMessage r = s.reply().get();
            String rtt = String.format(java.util.Locale.ROOT, " (%.3f ms)", s.rttNanos() / 1e6);
            if (!r.answered()) {
                return head + ": " + r.codeText() + rtt;
            }
            return head + (r.active() ? " active" : " inactive") + (r.ipv4() || r.ipv6() ? "," : "")
                    + (r.ipv4() ? " IPv4" : "") + (r.ipv6() ? " IPv6" : "")
                    + (r.state() != 0 ? ", state " + r.stateName() : "") + rtt;
        }
        if (s.error().isPresent()) {
            return head + ": ICMP error from " + Addresses.text(s.from()) + ", type " + s.error().get().type()
                    + " code " + s.error().get().code();
        }
        return head + ": no reply within " + s.waited().toMillis() + " ms";
    }
}
