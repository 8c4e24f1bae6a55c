package dev.pingkit;

import dev.pingkit.batch.ProbeResult;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.EchoMessage;
import dev.pingkit.packet.IcmpMessage;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * <b>What became of one probe sent with {@code echo.send()} (a {@link OneProbe} run): answered, failed, or no
 * reply.</b>
 * A timeout or an ICMP error is a result, not an exception. Each holds the packet-level request (the
 * {@link EchoMessage} that went out), its target and the engine's {@link ProbeEvent} that ended it, from which its
 * accessors read; {@code toString()} is a one-line summary of the values, {@code show()} every decoded field of the
 * request and of what came back. The iputils wording of a result is the front ends' ({@code dev.pingkit.SendReport}).
 */
public sealed interface SendResult {

    /** <b>Where the probe went.</b> */
    InetAddress target();

    /** <b>The ICMP message that was sent.</b> */
    EchoMessage request();

    /** <b>How the engine says the probe ended</b> (answered, corrupted, failed or lost). */
    ProbeEvent outcome();

    /** <b>The decoded request and response, field by field.</b> */
    String show();

    /**
     * <b>This result as a batch's record of the probe {@code request}, sent at {@code sentEpochNanos}</b> (the
     * REPL's {@code send} keeps every single send in its results this way).
     */
    default ProbeResult toProbeResult(Echo request, long sentEpochNanos) {
        return ProbeResult.of(request.query(), sentEpochNanos, outcome());
    }

    /**
     * <b>A reply matching the probe's identifier, sequence number and destination</b>: the engine's
     * {@link ProbeEvent.Answered}, or a {@link ProbeEvent.Corrupted} reply (flagged by {@link #checksumOk()} and
     * {@link #payloadMatches()}, never silently accepted).
     *
     * @param target  where the probe went
     * @param request the probe's ICMP message
     * @param outcome the engine's answer or corrupted reply, with its decoded message
     */
    record Answered(InetAddress target, EchoMessage request, ProbeEvent outcome) implements SendResult {
        /** Checks that the outcome is a reply that carries its decoded message. */
        public Answered {
            if (!(outcome instanceof ProbeEvent.Answered a && a.message() != null
                    || outcome instanceof ProbeEvent.Corrupted c && c.message() != null)) {
                throw new IllegalArgumentException("outcome must be an answer or a corrupted reply with its message,"
                        + " got " + outcome);
            }
        }

        /** <b>The decoded reply.</b> */
        public IcmpMessage reply() {
            return ((ProbeEvent.Reply) outcome).message();
        }

        /** <b>Who answered.</b> */
        public InetAddress from() {
            return ((ProbeEvent.Reply) outcome).from();
        }

        /** <b>Kernel receive timestamp minus send time, in nanoseconds.</b> */
        public long rttNanos() {
            return ((ProbeEvent.Reply) outcome).rttNanos();
        }

        /** <b>The reply's TTL / hop limit, -1 if unknown.</b> */
        public int ttl() {
            return ((ProbeEvent.Reply) outcome).ttl();
        }

        /** <b>True when its ICMP checksum verified</b> (ICMPv6: verified and enforced by the kernel). */
        public boolean checksumOk() {
            return !(outcome instanceof ProbeEvent.Corrupted c) || c.checksumValid();
        }

        /** <b>True when it carried back exactly the probe's payload.</b> */
        public boolean payloadMatches() {
            return !(outcome instanceof ProbeEvent.Corrupted c) || c.firstDifferent() < 0;
        }

        /** <b>The round-trip time as a {@link Duration}.</b> */
        public Duration rtt() {
            return Duration.ofNanos(rttNanos());
        }

        /** One line: {@code Answered[from=127.0.0.1 seq=1 bytes=10 ttl=64 rtt=0.042ms]}, flags if any. */
        @Override
        public String toString() {
            return "Answered[from=" + Addresses.text(from()) + " seq=" + reply().seq() + " bytes=" + reply().length()
                    + " ttl=" + ttl() + " rtt=" + millis(rttNanos()) + "ms" + (checksumOk() ? "" : " checksumOk=false")
                    + (payloadMatches() ? "" : " payloadMatches=false") + "]";
        }

        @Override
        public String show() {
            return "request:\n" + indent(request.show()) + "\nreply from " + Addresses.text(from()) + " after "
                    + millis(rttNanos()) + " ms" + (ttl() >= 0 ? ", ttl " + ttl() : "") + ":\n"
                    + indent(reply().show());
        }
    }

    /**
     * <b>An ICMP error about this very probe (matched through the datagram it quotes).</b>
     *
     * @param target  where the probe went
     * @param request the probe's ICMP message
     * @param outcome the engine's failure: the reporting host and the decoded error, quote included
     */
    record Failed(InetAddress target, EchoMessage request, ProbeEvent.Failed outcome) implements SendResult {
        /** Checks that there is an outcome. */
        public Failed {
            Objects.requireNonNull(outcome, "outcome");
        }

        /** <b>The reporting host</b> (a router for time exceeded or unreachable). */
        public InetAddress from() {
            return outcome.reporter();
        }

        /** <b>The decoded error, quote included.</b> */
        public IcmpMessage error() {
            return outcome.error();
        }

        /** One line: {@code Failed[from=198.51.100.1 seq=1 type=11 code=0]}. */
        @Override
        public String toString() {
            return "Failed[from=" + Addresses.text(from()) + " seq=" + request.sequence() + " type=" + error().type()
                    + " code=" + error().code() + "]";
        }

        @Override
        public String show() {
            return "request:\n" + indent(request.show()) + "\nerror from " + Addresses.text(from()) + ":\n"
                    + indent(error().show());
        }
    }

    /**
     * <b>Nothing about this probe came back within {@code waited}.</b>
     *
     * @param target  where the probe went
     * @param request the probe's ICMP message
     * @param waited  how long we listened
     * @param outcome the engine's loss (its probe null when the send was stopped before anything went out)
     */
    record NoReply(InetAddress target, EchoMessage request, Duration waited, ProbeEvent.Lost outcome)
            implements SendResult {
        /** Checks that there is an outcome. */
        public NoReply {
            Objects.requireNonNull(outcome, "outcome");
        }

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
