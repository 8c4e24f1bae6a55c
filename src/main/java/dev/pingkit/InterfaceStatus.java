package dev.pingkit;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.ExtendedEchoMessage;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.packet.IcmpQuery;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * <b>What became of one {@link InterfaceProbe}: the PROBE reply (its code, state and A/4/6 bits), an ICMP error
 * quoting the probe, or nothing within the wait.</b> A reply whose code is not 0 (RFC 8335's "No Such Interface",
 * "Malformed Query", ...) is a reply that did not answer: {@link #answered()} is false and {@link #codeText()}
 * says why. It holds the engine's own outcome of the probe; the other accessors read it.
 *
 * @param probe   the probe sent
 * @param outcome how the engine says the probe ended: answered (or a corrupted reply, kept for {@link #show()} to
 *                flag), failed (an ICMP error, or a PROBE reply whose code refuses), or lost
 * @param waited  how long the send waited
 */
public record InterfaceStatus(InterfaceProbe probe, ProbeEvent outcome, Duration waited) {
    /** Checks the parts. */
    public InterfaceStatus {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(waited, "waited");
    }

    /** How a one-probe run ended, as a status. */
    static InterfaceStatus of(InterfaceProbe probe, ProbeEvent end, Duration waited) {
        return new InterfaceStatus(probe, end, waited);
    }

    /** <b>The decoded PROBE reply, if one came (a refusing one too: see {@link #codeText()}).</b> */
    public Optional<ExtendedEchoMessage> reply() {
        return outcome instanceof ProbeEvent.Response r ? probeReply(r.message()) : Optional.empty();
    }

    /** <b>An ICMP error quoting the probe (unreachable, time exceeded), if one came instead of a reply.</b> */
    public Optional<IcmpMessage> error() {
        return outcome instanceof ProbeEvent.Failed f && probeReply(f.error()).isEmpty() ? Optional.of(f.error())
                : Optional.empty();
    }

    /** <b>Who sent the reply or the error; null when nothing came.</b> */
    public InetAddress from() {
        return outcome instanceof ProbeEvent.Response r ? r.from() : null;
    }

    /** <b>Kernel receive time minus send time; -1 when nothing came.</b> */
    public long rttNanos() {
        return outcome instanceof ProbeEvent.Response r ? r.rttNanos() : -1;
    }

    private static Optional<ExtendedEchoMessage> probeReply(IcmpMessage m) {
        if (m == null) {
            return Optional.empty();
        }
        Optional<IcmpQuery> q = m.query();
        return q.isPresent() && q.get() instanceof ExtendedEchoMessage e && e.isReply() ? Optional.of(e)
                : Optional.empty();
    }

    /** <b>True when a reply with code 0 (No Error) came: the other fields say what the interface is.</b> */
    public boolean answered() {
        return reply().isPresent() && reply().get().answered();
    }

    /** <b>The reply's A bit: the interface is active (false without an answer).</b> */
    public boolean active() {
        return answered() && reply().get().active();
    }

    /** <b>The reply's 4 bit: IPv4 runs on the interface.</b> */
    public boolean ipv4() {
        return answered() && reply().get().ipv4();
    }

    /** <b>The reply's 6 bit: IPv6 runs on the interface.</b> */
    public boolean ipv6() {
        return answered() && reply().get().ipv6();
    }

    /** <b>The reply's code in RFC 8335's words ("No Error", "No Such Interface", ...), "" without a reply.</b> */
    public String codeText() {
        return reply().map(ExtendedEchoMessage::codeText).orElse("");
    }

    /** <b>The request and what came back, decoded field by field.</b> */
    public String show() {
        StringBuilder b = new StringBuilder("request:\n").append(indent(probe.show()));
        Optional<ExtendedEchoMessage> reply = reply();
        Optional<IcmpMessage> error = error();
        InetAddress from = from();
        if (reply.isPresent()) {
            b.append("\nreply from ").append(Addresses.text(from)).append(" after ").append(millis(rttNanos()))
                    .append(" ms:\n").append(indent(reply.get().show()));
        } else if (error.isPresent()) {
            b.append("\nerror from ").append(Addresses.text(from)).append(":\n").append(indent(error.get().show()));
        } else {
            b.append("\nno reply within ").append(waited.toMillis()).append(" ms");
        }
        return b.toString();
    }

    /** One line: {@code InterfaceStatus[from=198.51.100.2 No Error active ipv4 ipv6 rtt=0.061ms]}. */
    @Override
    public String toString() {
        Optional<ExtendedEchoMessage> reply = reply();
        Optional<IcmpMessage> error = error();
        InetAddress from = from();
        if (reply.isPresent()) {
            ExtendedEchoMessage r = reply.get();
            return "InterfaceStatus[from=" + Addresses.text(from) + " " + r.codeText()
                    + (r.answered() ? (r.active() ? " active" : " inactive") + (r.ipv4() ? " ipv4" : "")
                    + (r.ipv6() ? " ipv6" : "") : "") + " rtt=" + millis(rttNanos()) + "ms]";
        }
        if (error.isPresent()) {
            return "InterfaceStatus[error from=" + Addresses.text(from) + " type=" + error.get().type() + " code="
                    + error.get().code() + "]";
        }
        return "InterfaceStatus[no reply within " + waited.toMillis() + " ms]";
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private static String indent(String s) {
        return "  " + s.replace("\n", "\n  ");
    }
}
