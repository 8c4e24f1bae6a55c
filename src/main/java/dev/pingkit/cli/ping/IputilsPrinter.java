package dev.pingkit.cli.ping;

import dev.pingkit.cli.Invocation;
import dev.pingkit.cli.Target;
import java.io.PrintStream;
import java.time.Instant;

import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.packet.InterfaceId;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.ping.PingEvent;
import dev.pingkit.ping.PingStatistics;

/** Prints a run as iputils does; every wording comes from {@link IputilsFormat}. */
final class IputilsPrinter implements Printer {
    private final PrintStream out;
    private final PrintStream err;
    private final Invocation inv;
    private final Target target;
    private final PingCommand.AddressNames names;
    private final int ident;
    private final int flowLabel; // -F: the label the probes carry, -1: none
    private final ReplyOptions options;
    // iputils times a probe by the stamp its echo reply gives back; a node information reply gives none back, so
    // -N prints no time= and no rtt line
    private final boolean timing;

    /** @param ident the identifier of our probes, printed on reply lines with {@code -v} as iputils does */
    IputilsPrinter(PrintStream out, PrintStream err, Invocation inv, Target target, int ident, int flowLabel) {
        this.flowLabel = flowLabel;
        this.out = out;
        this.err = err;
        this.inv = inv;
        this.target = target;
        this.ident = inv.verbose() ? ident : -1;
        this.names = new PingCommand.AddressNames(inv.numeric() || target.literal());
        this.options = new ReplyOptions(names, inv.ipOptions() && !target.ipv6());
        this.timing = inv.timing()
                && !(target.ipv6() && inv.nodeInfo().stream().anyMatch(w -> !w.startsWith("subject-")));
    }

    @Override
    public void start() {
        if (!inv.patternHex().isEmpty() && !inv.quiet()) {
            out.println(IputilsFormat.pattern(inv.patternHex()));
        }
        if (inv.probe().isPresent()) {
            out.println(ProbeFormat.header(inv.host(), Addresses.text(target.address()), target.ipv6(),
                    InterfaceId.parse(inv.probe().get())));
            out.flush();
            return;
        }
        out.println(IputilsFormat.header(inv.host(), Addresses.text(target.address()), target.ipv6(), inv.size(),
                inv.source().orElse(inv.device().isPresent() || inv.stickySource() ? sourceFor() : null),
                inv.device().orElse(null), flowLabel, inv.ipOptions() && !target.ipv6()));
        out.flush();
    }

    /**
     * With only {@code -I device}, or with {@code -B}, iputils names the source address the kernel would pick; so do
     * we ({@link PingCommand#kernelSource}), and name none when there is none.
     */
    private String sourceFor() {
        try {
            return Addresses.text(PingCommand.kernelSource(target.address()));
        } catch (dev.pingkit.cli.UsageException e) {
            return "";
        }
    }

    @Override
    public boolean wantsMessages() {
        // The wrong-data dump and a PROBE reply's line need the reply's bytes; floods stay allocation-free.
        return !inv.flood() && !inv.quiet();
    }

    @Override
    public boolean wantsRoutineEvents() {
        // A flood prints a dot and a backspace, a quiet run nothing: no event object per packet for those.
        return !inv.flood() && !inv.quiet();
    }

    @Override
    public void onSent(int seq) {
        if (inv.flood() && !inv.quiet()) {
            out.print(IputilsFormat.FLOOD_SENT);
            out.flush();
        }
    }

    @Override
    public void onReply(int seq) {
        if (inv.flood() && !inv.quiet()) {
            out.print(IputilsFormat.FLOOD_REPLY);
            out.flush();
        }
    }

    @Override
    public void onEvent(PingEvent event) {
        if (event instanceof PingEvent.NoAnswerYet n) {
            // iputils prints this even with -q
            out.println(stamp() + IputilsFormat.noAnswerYet(n.seq()));
            out.flush();
            return;
        }
        PingEvent.Outcome o = (PingEvent.Outcome) event;
        ProbeEvent e = o.event();
        if (e instanceof ProbeEvent.Sent) {
            if (inv.flood() && !inv.quiet()) {
                out.print(IputilsFormat.FLOOD_SENT);
                out.flush();
            }
        } else if (e instanceof ProbeEvent.Reply r) {
            if (inv.quiet()) {
                return;
            }
            if (inv.flood()) {
                out.print(o.checksumOk() ? IputilsFormat.FLOOD_REPLY : IputilsFormat.FLOOD_CORRUPT);
            } else {
                reply(o, r);
            }
            out.flush();
        } else if (e instanceof ProbeEvent.Failed f) {
            error(f.reporter(), o.seq(), f.error());
        } else if (e instanceof ProbeEvent.Advisory a) {
            error(a.reporter(), o.seq(), a.message()); // iputils shows a redirect or source quench as an error
        } else if (e instanceof ProbeEvent.SendFailed f) {
            // iputils: "E" in a flood, else "ping: <why>" on stderr; nothing with -q
            if (inv.quiet()) {
                return;
            }
            if (inv.flood()) {
                out.print(IputilsFormat.FLOOD_SEND_ERROR);
                out.flush();
            } else {
                out.flush();
                err.println(IputilsFormat.sendError(IputilsFormat.sendFailure(target.ipv6(), f.errnoDescription(),
                        f.mtu())));
                err.flush();
            }
        }
    }

    /** A reply's line: a node information answer's, a PROBE reply's, or an echo reply's with what was wrong. */
    private void reply(PingEvent.Outcome o, ProbeEvent.Reply r) {
        IcmpMessage m = r.message();
        int seq = o.seq();
        var ni = NodeInfoWords.of(m);
        if (ni.isPresent()) { // RFC 4620: the names or addresses where an echo reply has icmp_seq=
            out.println(stamp() + NodeInfoWords.line(IputilsFormat.reply(r.length(), names.text(r.from()),
                    seq, ident, r.ttl(), -1, false, o.duplicate(), !o.checksumOk(), -1, -1, -1, null, 0),
                    seq, ni.get()) + (inv.audible() ? IputilsFormat.AUDIBLE : ""));
            return;
        }
        var probed = ProbeFormat.of(m);
        if (probed.isPresent()) { // a PROBE reply: no data to compare, always timed by the probe table
            out.println(stamp() + ProbeFormat.reply(IputilsFormat.reply(r.length(), names.text(r.from()),
                    seq, ident, r.ttl(), r.rttNanos() / 1000, false, o.duplicate(), !o.checksumOk(), -1,
                    -1, -1, null, 0), probed.get()));
            return;
        }
        ProbeEvent.Corrupted c = r instanceof ProbeEvent.Corrupted x ? x : null;
        boolean truncated = r.length() < inv.size() + 8;
        out.println(stamp() + IputilsFormat.reply(r.length(), names.text(r.from()), seq, ident, r.ttl(),
                timing ? r.rttNanos() / 1000 : -1, truncated, o.duplicate(), !o.checksumOk(),
                truncated || c == null ? -1 : c.firstDifferent(), c == null ? -1 : c.expected(),
                c == null ? -1 : c.actual(), m == null ? null : m.payload(), inv.size())
                + (inv.audible() ? IputilsFormat.AUDIBLE : "") + options.text(m));
    }

    private void error(java.net.InetAddress from, int seq, IcmpMessage error) {
        if (inv.quiet()) {
            return;
        }
        if (inv.flood()) {
            out.print(IputilsFormat.FLOOD_ERROR);
        } else {
            out.println(stamp() + IputilsFormat.error(names.text(from), seq, text(error)));
        }
        out.flush();
    }

    /** What an ICMP error says, with the MTU, pointer or gateway iputils adds. */
    static String text(IcmpMessage error) {
        var refused = ProbeFormat.of(error);
        if (refused.isPresent()) {
            return refused.get().codeText(); // a PROBE reply that could not answer, in RFC 8335's words
        }
        boolean v6 = error.family() == 6;
        long info = 0;
        if ((!v6 && error.type() == 3 && error.code() == 4) || (v6 && error.type() == 2)) {
            info = error.mtu();
        } else if ((!v6 && error.type() == 12) || (v6 && error.type() == 4)) {
            info = error.pointer();
        } else if (!v6 && error.type() == 5 && error.gateway().isPresent()) {
            byte[] g = error.gateway().get().getAddress();
            info = ((g[0] & 0xFFL) << 24) | ((g[1] & 0xFF) << 16) | ((g[2] & 0xFF) << 8) | (g[3] & 0xFF);
        }
        return IputilsFormat.icmpText(v6, error.type(), error.code(), info);
    }

    private String stamp() {
        if (!inv.timestamps()) {
            return "";
        }
        Instant now = Instant.now();
        return IputilsFormat.timestamp(now.getEpochSecond() * 1_000_000 + now.getNano() / 1000);
    }

    @Override
    public void finish(PingStatistics s, int exitCode) {
        out.println();
        out.println(IputilsFormat.statisticsTitle(inv.host()));
        out.println(IputilsFormat.counts(s.transmitted(), s.received(), s.duplicates(), s.corrupted(), s.errors(),
                s.timeMillis()));
        boolean timed = s.received() > 0 && timing;
        boolean ipg = s.received() > 0 && (inv.flood() || inv.adaptive() || inv.effectiveInterval().isZero())
                && s.transmitted() > 1;
        long ipgMicros = ipg ? (s.elapsedNanos() / 1000) / (s.transmitted() - 1) : 0;
        out.println(IputilsFormat.rttLine(timed, s.minMicros(), s.avgMicros(), s.maxMicros(), s.mdevMicros(),
                s.pipe(), ipg, ipgMicros, s.ewmaMicros()));
        if (inv.verbose() && timed) {
            out.println(IputilsFormat.percentiles(s.p50Nanos() / 1000, s.p90Nanos() / 1000, s.p99Nanos() / 1000));
        }
        out.flush();
    }

    /** The SIGQUIT line, on stderr after a carriage return, as iputils prints it. */
    @Override
    public void status(PingStatistics s) {
        err.print("\r" + IputilsFormat.status(s.received(), s.transmitted(), timing, s.minMicros(),
                s.avgMicros(), s.ewmaMicros(), s.maxMicros()) + "\n");
        err.flush();
    }
}
