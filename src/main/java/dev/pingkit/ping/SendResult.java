package dev.pingkit.ping;

import dev.pingkit.Echo;
import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.IcmpMessage;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;

/**
 * <b>What became of one probe sent with {@code echo.send()} (a {@link OneProbe} run): answered, failed, or no reply.</b>
 * A timeout or an ICMP error is a result, not an exception. {@code toString()} is one line; {@code show()} prints
 * every decoded field of the request and of what came back.
 */
public sealed interface SendResult {

    /** <b>The probe that was sent.</b> */
    Echo request();

    /** <b>The decoded request and response, field by field.</b> */
    String show();

    /**
     * <b>A reply matching the probe's identifier, sequence number and destination.</b>
     *
     * @param request        the probe
     * @param reply          the decoded reply
     * @param from           who answered
     * @param rttNanos       kernel receive timestamp minus send time
     * @param ttl            the reply's TTL / hop limit, -1 if unknown
     * @param checksumOk     its ICMP checksum verified (ICMPv6: verified and enforced by the kernel)
     * @param payloadMatches it carried back exactly the probe's payload
     */
    record Answered(Echo request, IcmpMessage reply, InetAddress from, long rttNanos, int ttl, boolean checksumOk,
                    boolean payloadMatches) implements SendResult {
        /** <b>The round-trip time as a {@link Duration}.</b> */
        public Duration rtt() {
            return Duration.ofNanos(rttNanos);
        }

        @Override
        public String toString() {
            return reply.length() + " bytes from " + Addresses.text(from) + ": icmp_seq=" + reply.seq()
                    + (ttl >= 0 ? " ttl=" + ttl : "") + " time=" + String.format(Locale.ROOT, "%.3f", rttNanos / 1e6)
                    + " ms" + (checksumOk ? "" : " (BAD CHECKSUM!)") + (payloadMatches ? "" : " (PAYLOAD ALTERED!)");
        }

        @Override
        public String show() {
            return "request:\n" + indent(request.show()) + "\nreply from " + Addresses.text(from) + " after "
                    + String.format(Locale.ROOT, "%.3f", rttNanos / 1e6) + " ms" + (ttl >= 0 ? ", ttl " + ttl : "")
                    + ":\n" + indent(reply.show());
        }
    }

    /**
     * <b>An ICMP error about this very probe (matched through the datagram it quotes).</b>
     *
     * @param request the probe
     * @param from    the reporting host (a router for time exceeded or unreachable)
     * @param error   the decoded error, quote included
     */
    record Failed(Echo request, InetAddress from, IcmpMessage error) implements SendResult {
        @Override
        public String toString() {
            String what = error.codeName().isEmpty() || "unknown".equals(error.codeName())
                    ? error.typeName() : error.codeName();
            return "From " + Addresses.text(from) + " icmp_seq=" + request.seq() + " " + what;
        }

        @Override
        public String show() {
            return "request:\n" + indent(request.show()) + "\nerror from " + Addresses.text(from) + ":\n"
                    + indent(error.show());
        }
    }

    /**
     * <b>Nothing about this probe came back within {@code waited}.</b>
     *
     * @param request the probe
     * @param waited  how long we listened
     */
    record NoReply(Echo request, Duration waited) implements SendResult {
        @Override
        public String toString() {
            return "no reply from " + Addresses.text(request.target()) + " icmp_seq=" + request.seq() + " within "
                    + waited.toMillis() + " ms";
        }

        @Override
        public String show() {
            return "request:\n" + indent(request.show()) + "\n" + this;
        }
    }

    private static String indent(String s) {
        return "  " + s.strip().replace("\n", "\n  ");
    }
}
