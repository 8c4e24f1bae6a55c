package dev.pingkit;

import dev.pingkit.batch.ProbeResult;
import dev.pingkit.engine.Query;
import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.EchoMessage;
import dev.pingkit.packet.IcmpMessage;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;

/**
 * <b>What became of one probe sent with {@code echo.send()} (a {@link OneProbe} run): answered, failed, or no reply.</b>
 * A timeout or an ICMP error is a result, not an exception. Each holds the packet-level request (the
 * {@link EchoMessage} that went out) and its target; {@code toString()} is a one-line summary of the values,
 * {@code show()} every decoded field of the request and of what came back. The iputils wording of a result is the
 * front ends' ({@code dev.pingkit.SendReport}).
 */
public sealed interface SendResult {

    /** <b>Where the probe went.</b> */
    InetAddress target();

    /** <b>The ICMP message that was sent.</b> */
    EchoMessage request();

    /** <b>The decoded request and response, field by field.</b> */
    String show();

    /**
     * <b>This result as a batch's record of the probe {@code request}, sent at {@code sentEpochNanos}</b> (the
     * REPL's {@code send} keeps every single send in its results this way).
     */
    default ProbeResult toProbeResult(Echo request, long sentEpochNanos) {
        Query q = request.query();
        if (this instanceof Answered a) {
            return new ProbeResult(q, sentEpochNanos, a.checksumOk() && a.payloadMatches()
                    ? ProbeResult.Status.ANSWERED : ProbeResult.Status.CORRUPTED, a.from(), a.rttNanos(), a.ttl(),
                    a.reply());
        }
        if (this instanceof Failed f) {
            return new ProbeResult(q, sentEpochNanos, ProbeResult.Status.ERROR, f.from(), -1, f.error().ttl(),
                    f.error());
        }
        return new ProbeResult(q, sentEpochNanos, ProbeResult.Status.LOST, null, -1, -1, null);
    }

    /**
     * <b>A reply matching the probe's identifier, sequence number and destination.</b>
     *
     * @param target         where the probe went
     * @param request        the probe's ICMP message
     * @param reply          the decoded reply
     * @param from           who answered
     * @param rttNanos       kernel receive timestamp minus send time
     * @param ttl            the reply's TTL / hop limit, -1 if unknown
     * @param checksumOk     its ICMP checksum verified (ICMPv6: verified and enforced by the kernel)
     * @param payloadMatches it carried back exactly the probe's payload
     */
    record Answered(InetAddress target, EchoMessage request, IcmpMessage reply, InetAddress from, long rttNanos,
                    int ttl, boolean checksumOk, boolean payloadMatches) implements SendResult {
        /** <b>The round-trip time as a {@link Duration}.</b> */
        public Duration rtt() {
            return Duration.ofNanos(rttNanos);
        }

        /** One line: {@code Answered[from=127.0.0.1 seq=1 bytes=10 ttl=64 rtt=0.042ms]}, flags if any. */
        @Override
        public String toString() {
            return "Answered[from=" + Addresses.text(from) + " seq=" + reply.seq() + " bytes=" + reply.length()
                    + " ttl=" + ttl + " rtt=" + millis(rttNanos) + "ms" + (checksumOk ? "" : " checksumOk=false")
                    + (payloadMatches ? "" : " payloadMatches=false") + "]";
        }

        @Override
        public String show() {
            return "request:\n" + indent(request.show()) + "\nreply from " + Addresses.text(from) + " after "
                    + millis(rttNanos) + " ms" + (ttl >= 0 ? ", ttl " + ttl : "") + ":\n" + indent(reply.show());
        }
    }

    /**
     * <b>An ICMP error about this very probe (matched through the datagram it quotes).</b>
     *
     * @param target  where the probe went
     * @param request the probe's ICMP message
     * @param from    the reporting host (a router for time exceeded or unreachable)
     * @param error   the decoded error, quote included
     */
    record Failed(InetAddress target, EchoMessage request, InetAddress from, IcmpMessage error)
            implements SendResult {
        /** One line: {@code Failed[from=198.51.100.1 seq=1 type=11 code=0]}. */
        @Override
        public String toString() {
            return "Failed[from=" + Addresses.text(from) + " seq=" + request.sequence() + " type=" + error.type()
                    + " code=" + error.code() + "]";
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
     * @param target  where the probe went
     * @param request the probe's ICMP message
     * @param waited  how long we listened
     */
    record NoReply(InetAddress target, EchoMessage request, Duration waited) implements SendResult {
        /** One line: {@code NoReply[target=198.51.100.9 seq=1 waited=1000ms]}. */
        @Override
        public String toString() {
            return "NoReply[target=" + Addresses.text(target) + " seq=" + request.sequence() + " waited="
                    + waited.toMillis() + "ms]";
        }

        @Override
        public String show() {
            return "request:\n" + indent(request.show()) + "\n" + this;
        }
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private static String indent(String s) {
        return "  " + s.strip().replace("\n", "\n  ");
    }
}
