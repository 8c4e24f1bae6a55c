package dev.pingkit.cli.traceroute;

import java.io.PrintStream;

import dev.pingkit.trace.Hop;
import dev.pingkit.trace.Route;
import dev.pingkit.cli.JsonLine;
import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.trace.TraceProbe;
import dev.pingkit.trace.Trace;

/**
 * {@code traceroute --json}: one object per line: {@code start}, then per hop one {@code probe} object per probe and
 * a {@code hop} object, then {@code end}. RTTs in milliseconds (null for a timeout).
 */
final class JsonTrace {
    private final PrintStream out;

    JsonTrace(PrintStream out) {
        this.out = out;
    }

    void start(Route empty, Trace s) {
        out.println(new JsonLine("start").field("host", empty.host()).field("address", Addresses.text(s.target()))
                .field("first_ttl", s.firstHop()).field("max_hops", s.maxHops()).field("probes", s.probes())
                .field("packet_length", empty.packetLength()));
        out.flush();
    }

    void hop(Hop hop) {
        int answered = 0;
        for (TraceProbe p : hop.probes()) {
            IcmpMessage m = p.message();
            out.println(new JsonLine("probe").field("ttl", p.ttl()).field("probe", p.index() + 1)
                    .field("seq", p.seq()).field("from", p.from() == null ? null : Addresses.text(p.from()))
                    .millis("rtt_ms", TracerouteCommand.micros(p.rttNanos()))
                    .raw("icmp_type", m == null ? "null" : Integer.toString(m.type()))
                    .raw("icmp_code", m == null ? "null" : Integer.toString(m.code()))
                    .field("icmp", m == null ? null : m.typeName())
                    .field("annotation", p.refused() ? "!F-" + p.refusedMtu() : Hop.annotation(m))
                    .raw("reply_ttl", p.replyTtl() < 0 ? "null" : Integer.toString(p.replyTtl()))
                    .field("quote_altered", p.quoteAltered()));
            if (p.from() != null) {
                answered++;
            }
        }
        out.println(new JsonLine("hop").field("ttl", hop.ttl())
                .field("address", hop.address().map(Addresses::text).orElse(null))
                .field("sent", hop.probes().size()).field("answered", answered).field("final", hop.isFinal())
                .field("quote_altered", hop.quoteAltered()).field("line", hop.toString()));
        out.flush();
    }

    void end(Route route) {
        out.println(new JsonLine("end").field("hops", route.hops().size()).field("reached", route.reached()));
        out.flush();
    }
}
