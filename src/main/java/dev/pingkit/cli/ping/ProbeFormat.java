package dev.pingkit.cli.ping;

import dev.pingkit.cli.JsonLine;
import dev.pingkit.packet.ExtendedEchoMessage;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.packet.IcmpQuery;
import dev.pingkit.packet.InterfaceId;

import java.util.Optional;

/**
 * The lines of {@code ping --probe} (RFC 8335 extended echo), worded once. iputils 20221126 has no PROBE, so these
 * are pingkit's words around iputils' reply and error lines; a reply's code is said in RFC 8335's words.
 */
final class ProbeFormat {
    private ProbeFormat() {
    }

    /** {@code PROBE peer (198.51.100.2): interface name "eth0"} / {@code PROBE ::1(::1): interface index 1}. */
    static String header(String host, String address, boolean ipv6, InterfaceId probed) {
        return "PROBE " + host + (ipv6 ? "(" : " (") + address + "): interface " + probed.text();
    }

    /**
     * What an answered reply says of the interface, after iputils' reply line: {@code active, IPv4 IPv6},
     * {@code inactive}, with a proxy's neighbour state when it gives one ({@code , state reachable}).
     */
    static String status(ExtendedEchoMessage reply) {
        StringBuilder b = new StringBuilder(reply.active() ? "active" : "inactive");
        if (reply.ipv4() || reply.ipv6()) {
            b.append(',');
            if (reply.ipv4()) {
                b.append(" IPv4");
            }
            if (reply.ipv6()) {
                b.append(" IPv6");
            }
        }
        if (reply.state() != 0) {
            b.append(", state ").append(reply.stateName());
        }
        return b.toString();
    }

    /** The reply line with the interface's status: {@code 8 bytes from ...: icmp_seq=1 ttl=64 time=0.1 ms: active...}. */
    static String reply(String iputilsLine, ExtendedEchoMessage reply) {
        return iputilsLine + ": " + status(reply);
    }

    /** The PROBE reply a message is, if it is one. */
    static Optional<ExtendedEchoMessage> of(IcmpMessage m) {
        if (m == null) {
            return Optional.empty();
        }
        Optional<IcmpQuery> q = m.query();
        return q.isPresent() && q.get() instanceof ExtendedEchoMessage e && e.isReply() ? Optional.of(e)
                : Optional.empty();
    }

    /** The {@code probe} object of a JSON line: the decoded code and state of a PROBE reply. */
    static JsonLine json(JsonLine l, ExtendedEchoMessage r) {
        // codeText and stateName are fixed words (or "code N"): nothing to escape
        return l.raw("probe", "{\"code\":" + r.code() + ",\"code_text\":\"" + r.codeText() + "\",\"answered\":"
                + r.answered() + ",\"active\":" + r.active() + ",\"ipv4\":" + r.ipv4() + ",\"ipv6\":" + r.ipv6()
                + ",\"state\":" + r.state() + ",\"state_name\":\"" + r.stateName() + "\"}");
    }
}
