package dev.pingkit.cli.ping;

import dev.pingkit.engine.Hosts;
import dev.pingkit.cli.Invocation;
import dev.pingkit.cli.JsonLine;
import dev.pingkit.cli.Target;
import java.io.PrintStream;
import java.time.Instant;

import dev.pingkit.packet.Addresses;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.ping.PingEvent;
import dev.pingkit.ping.PingStatistics;

/** {@code --json}: one object per line per event, and one for the summary; schema in {@code docs/json.md}. */
final class JsonPrinter implements Printer {
    /** The {@code schema} field of every object: raised when a field changes name, type or meaning. */
    static final int SCHEMA_VERSION = 1;

    private final PrintStream out;
    private final Invocation inv;
    private final Target target;

    JsonPrinter(PrintStream out, Invocation inv, Target target) {
        this.out = out;
        this.inv = inv;
        this.target = target;
    }

    private JsonLine line(String event) {
        Instant now = Instant.now();
        return new JsonLine(event).field("schema", SCHEMA_VERSION)
                .raw("time", now.getEpochSecond() + "." + String.format("%06d", now.getNano() / 1000));
    }

    @Override
    public void start() {
        out.println(line("start").field("host", inv.host()).field("address", Addresses.text(target.address()))
                .field("family", Hosts.family(target.address())).field("data_bytes", inv.size())
                .field("count", inv.count()).field("interval_ms", inv.effectiveInterval().toMillis())
                .field("probe", inv.probe().orElse(null)));
        out.flush();
    }

    @Override
    public boolean wantsMessages() {
        // a PROBE reply's code and state, and the route or stamps of -R/-T, are decoded from it
        return inv.probe().isPresent() || inv.ipOptions() && !target.ipv6();
    }

    @Override
    public void onEvent(PingEvent event) {
        JsonLine l;
        ProbeEvent e = event instanceof PingEvent.Outcome o ? o.event() : null;
        if (event instanceof PingEvent.NoAnswerYet n) {
            l = line("no_answer_yet").field("seq", n.seq());
        } else if (e instanceof ProbeEvent.Sent s) {
            l = line("sent").field("seq", s.probe().seq());
        } else if (e instanceof ProbeEvent.Reply r) {
            l = reply((PingEvent.Outcome) event, r);
        } else if (e instanceof ProbeEvent.Failed f) {
            l = error(f.probe().seq(), f.reporter(), f.error());
        } else if (e instanceof ProbeEvent.Advisory a) {
            l = error(a.probe().seq(), a.reporter(), a.message());
        } else if (e instanceof ProbeEvent.SendFailed f) {
            l = line("send_error").field("seq", f.probe().seq())
                    .field("text", IputilsFormat.sendFailure(target.ipv6(), f.errnoDescription(), f.mtu()));
        } else if (e instanceof ProbeEvent.Lost t) {
            l = line("timeout").field("seq", t.probe().seq());
        } else {
            return;
        }
        out.println(l);
        if (!inv.flood()) {
            out.flush();
        }
    }

    private JsonLine reply(PingEvent.Outcome o, ProbeEvent.Reply r) {
        JsonLine l = line("reply").field("seq", o.seq()).field("from", Addresses.text(r.from()))
                .field("bytes", r.length()).field("ttl", r.ttl()).millis("rtt_ms", r.rttNanos() / 1000)
                .field("duplicate", o.duplicate()).field("checksum_ok", o.checksumOk())
                .field("kernel_timestamp", r.kernelTimestamp());
        ProbeEvent.Corrupted c = r instanceof ProbeEvent.Corrupted x && x.firstDifferent() >= 0 ? x : null;
        // a reply longer than the request: its prefix is ours, the rest is more than was sent
        boolean tooLong = c != null && c.expected() < 0;
        if (c != null && !tooLong) {
            l.raw("wrong_byte", "{\"offset\":" + c.firstDifferent() + ",\"expected\":" + c.expected()
                    + ",\"actual\":" + (c.actual() < 0 ? "null" : c.actual()) + "}");
        } else {
            l.raw("wrong_byte", "null");
        }
        l.field("extra_bytes", tooLong ? r.length() - 8 - c.firstDifferent() : 0);
        ProbeFormat.of(r.message()).ifPresent(p -> ProbeFormat.json(l, p));
        if (inv.ipOptions() && !target.ipv6()) {
            ipOptions(l, r.message());
        }
        return l;
    }

    private JsonLine error(int seq, java.net.InetAddress from, dev.pingkit.packet.IcmpMessage error) {
        JsonLine l = line("error").field("seq", seq).field("from", Addresses.text(from))
                .field("icmp_type", error.type()).field("icmp_code", error.code())
                .field("text", IputilsPrinter.text(error));
        ProbeFormat.of(error).ifPresent(p -> ProbeFormat.json(l, p));
        return l;
    }

    /**
     * {@code -R}: {@code "record_route": ["198.51.100.5", ...]}; {@code -T}: {@code "timestamps": [{"address": ...,
     * "ms": N}, ...]} (address null for tsonly; ms since midnight UT as the hop wrote it) and
     * {@code "unrecorded_hops"}; null when the reply carried none.
     */
    private static void ipOptions(JsonLine l, dev.pingkit.packet.IcmpMessage m) {
        var options = m == null ? java.util.Optional.<dev.pingkit.packet.Ipv4Options>empty() : m.ipOptions();
        var rr = options.flatMap(dev.pingkit.packet.Ipv4Options::recordRoute);
        l.raw("record_route", rr.map(r -> r.recorded().stream().map(a -> "\"" + Addresses.text(a) + "\"")
                .collect(java.util.stream.Collectors.joining(",", "[", "]"))).orElse("null"));
        var ts = options.flatMap(dev.pingkit.packet.Ipv4Options::timestamp);
        l.raw("timestamps", ts.map(t -> t.recorded().stream().map(e -> "{\"address\":"
                + (e.address() == null ? "null" : "\"" + Addresses.text(e.address()) + "\"") + ",\"ms\":"
                + e.timestamp() + "}").collect(java.util.stream.Collectors.joining(",", "[", "]"))).orElse("null"));
        l.raw("unrecorded_hops", ts.map(t -> String.valueOf(t.overflow())).orElse("null"));
    }

    /** Interim statistics (Ctrl-\\ or SIGUSR1) as a {@code status} object: the counts so far, like iputils' line. */
    @Override
    public void status(PingStatistics s) {
        boolean timed = s.received() > 0;
        out.println(line("status").field("transmitted", s.transmitted()).field("received", s.received())
                .raw("loss_percent", s.transmitted() > 0 ? IputilsFormat.lossPercent(s.transmitted(), s.received()) : "0")
                .millis("rtt_min_ms", timed ? s.minMicros() : -1).millis("rtt_avg_ms", timed ? s.avgMicros() : -1)
                .millis("rtt_ewma_ms", timed ? s.ewmaMicros() : -1).millis("rtt_max_ms", timed ? s.maxMicros() : -1));
        out.flush();
    }

    @Override
    public void finish(PingStatistics s, int exitCode) {
        boolean timed = s.received() > 0;
        out.println(line("summary").field("host", inv.host()).field("address", Addresses.text(target.address()))
                .field("transmitted", s.transmitted()).field("received", s.received())
                .field("duplicates", s.duplicates()).field("corrupted", s.corrupted()).field("errors", s.errors())
                .raw("loss_percent", s.transmitted() > 0 ? IputilsFormat.lossPercent(s.transmitted(), s.received()) : "0")
                .field("time_ms", s.timeMillis())
                .millis("rtt_min_ms", timed ? s.minMicros() : -1).millis("rtt_avg_ms", timed ? s.avgMicros() : -1)
                .millis("rtt_max_ms", timed ? s.maxMicros() : -1).millis("rtt_mdev_ms", timed ? s.mdevMicros() : -1)
                .millis("rtt_p50_ms", timed ? s.p50Nanos() / 1000 : -1)
                .millis("rtt_p90_ms", timed ? s.p90Nanos() / 1000 : -1)
                .millis("rtt_p99_ms", timed ? s.p99Nanos() / 1000 : -1)
                .field("exit_code", exitCode));
        out.flush();
    }
}
