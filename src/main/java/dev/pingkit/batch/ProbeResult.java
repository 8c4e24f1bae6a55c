package dev.pingkit.batch;

import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.engine.Query;
import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.IcmpMessage;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * <b>How one probe of an experiment ended: the request, when it left, and what came back.</b>
 *
 * <pre>{@code
 * ProbeResult r = results.answered().get(0);
 * r.request().payloadLength(); r.rttMillis(); r.replyTtl(); r.reply().show();
 * }</pre>
 *
 * @param request        the probe as built
 * @param sentEpochNanos when it left, nanoseconds since 1970-01-01 UTC
 * @param status         answered, corrupted (a reply with a bad checksum or altered payload), error (an ICMP
 *                       error quoting the probe), lost, or send-failed (the kernel refused it)
 * @param from           who answered or reported the error; null if lost
 * @param rttNanos       round-trip time from the kernel's receive stamp; -1 unless answered or corrupted, or an
 *                       error whose arrival was timed (a trace's hop: time exceeded after this long)
 * @param replyTtl       the reply's TTL / hop limit, -1 if unknown
 * @param reply          the decoded reply or error; null if lost or loaded from CSV
 * @param replyType      the ICMP type of what came back (the reply's, or as a CSV recorded it), -1 if nothing did
 * @param replyCode      its ICMP code, -1 if nothing came back
 */
public record ProbeResult(Query request, long sentEpochNanos, Status status, InetAddress from, long rttNanos,
                          int replyTtl, IcmpMessage reply, int replyType, int replyCode) {
    /** <b>How a probe ended.</b> */
    public enum Status {
        /** An intact echo reply came. */
        ANSWERED,
        /** A reply came with a bad checksum or a payload other than the probe's. */
        CORRUPTED,
        /** An ICMP error quoting the probe came (time exceeded, unreachable, ...). */
        ERROR,
        /** Nothing came back in time. */
        LOST,
        /** The kernel refused to send it (no route, message too long, ...). */
        SEND_FAILED,
        /**
         * Not a probe's end but a message a capture received ({@link #captured}): {@code from}, {@code reply} and
         * {@code replyTtl} are the message, its id, seq and size the request's.
         */
        CAPTURED;

        /**
         * <b>The status of a probe that ended as {@code outcome}</b>: the one table from the engine's outcome kinds
         * to the words results are kept in (every mode's results go through it).
         *
         * @throws IllegalArgumentException for an event that ends no probe (sent, duplicate, late, advisory, stray)
         */
        public static Status of(ProbeEvent outcome) {
            if (outcome instanceof ProbeEvent.Answered) {
                return ANSWERED;
            } else if (outcome instanceof ProbeEvent.Corrupted) {
                return CORRUPTED;
            } else if (outcome instanceof ProbeEvent.Failed) {
                return ERROR;
            } else if (outcome instanceof ProbeEvent.Lost) {
                return LOST;
            } else if (outcome instanceof ProbeEvent.SendFailed) {
                return SEND_FAILED;
            }
            throw new IllegalArgumentException("outcome must end a probe (answered, corrupted, failed, lost or"
                    + " send-failed), got " + (outcome == null ? "null" : outcome.getClass().getSimpleName()));
        }

        /** <b>The status as written in tables and files: {@code answered}, {@code lost}, ...</b> */
        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Checks type and code: -1 (none) or 0..255, and the reply's own when there is one. */
    public ProbeResult {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        if (replyType < -1 || replyType > 255 || replyCode < -1 || replyCode > 255) {
            throw new IllegalArgumentException("type and code must be -1 (none) or 0..255, got " + replyType + ","
                    + replyCode);
        }
        if (reply != null && (reply.type() != replyType || reply.code() != replyCode)) {
            throw new IllegalArgumentException("type,code must be the reply's " + reply.type() + "," + reply.code()
                    + ", got " + replyType + "," + replyCode);
        }
    }

    /** <b>A result whose type and code are the reply's</b> (none when {@code reply} is null). */
    public ProbeResult(Query request, long sentEpochNanos, Status status, InetAddress from, long rttNanos,
                       int replyTtl, IcmpMessage reply) {
        this(request, sentEpochNanos, status, from, rttNanos, replyTtl, reply, reply == null ? -1 : reply.type(),
                reply == null ? -1 : reply.code());
    }

    /**
     * <b>The record of probe {@code request}, sent at {@code sentEpochNanos}, that ended as {@code outcome}</b>
     * (answered, corrupted, failed, lost or send-failed): status, sender, RTT, TTL and message all come from the
     * engine's outcome, so every mode records a probe the same way. An ICMP error is not timed: to a probe it is a
     * failure, not an answer (a trace's hops are the exception: {@link #of(Query, long, ProbeEvent, boolean)}).
     *
     * @throws IllegalArgumentException for an event that ends no probe
     */
    public static ProbeResult of(Query request, long sentEpochNanos, ProbeEvent outcome) {
        return of(request, sentEpochNanos, outcome, false);
    }

    /**
     * <b>As {@link #of(Query, long, ProbeEvent)}; with {@code errorTimed} an ICMP error keeps its RTT</b> (a
     * trace's hop answers with time exceeded, and how long that took is the hop's time).
     */
    public static ProbeResult of(Query request, long sentEpochNanos, ProbeEvent outcome, boolean errorTimed) {
        Status status = Status.of(outcome);
        if (outcome instanceof ProbeEvent.Response r) {
            long rtt = r instanceof ProbeEvent.Failed && !errorTimed ? -1 : r.rttNanos();
            return new ProbeResult(request, sentEpochNanos, status, r.from(), rtt, r.ttl(), r.message());
        }
        return new ProbeResult(request, sentEpochNanos, status, null, -1, -1, null);
    }

    /** <b>As {@link #of(Query, long, ProbeEvent)}, sent when the engine stamped the outcome's probe.</b> */
    public static ProbeResult of(Query request, ProbeEvent outcome) {
        return of(request, outcome.probe() == null ? 0 : outcome.probe().sentAtNanos(), outcome);
    }

    /**
     * <b>A message a capture received, as a row of results</b> (the REPL's {@code listen}; a JShell capture through
     * {@code Icmp.results}): status {@link Status#CAPTURED}, sent at its receive time, its request naming the
     * sender with the message's own identifier, sequence number (0 for a message without them, an error) and
     * payload size. It is never answered, lost or failed: {@code results stats} counts it, never as a loss.
     *
     * @param from            who sent it
     * @param ttl             its TTL / hop limit as it arrived, -1 if unknown
     * @param receivedAtNanos when it came, CLOCK_REALTIME nanoseconds
     * @param message         the message decoded
     */
    public static ProbeResult captured(InetAddress from, int ttl, long receivedAtNanos, IcmpMessage message) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(message, "message");
        Query q = Query.to(from).id(Math.max(0, message.id())).seq(Math.max(0, message.seq()));
        try {
            q = q.payload(message.payload());
        } catch (IllegalArgumentException tooLong) {
            // a jumbo message from the wire: its size is not one a query may have; the row says 0
        }
        return new ProbeResult(q, receivedAtNanos, Status.CAPTURED, from, -1, ttl, message);
    }

    /** <b>True if an echo reply came (intact or not).</b> */
    public boolean answered() {
        return status == Status.ANSWERED || status == Status.CORRUPTED;
    }

    /** <b>The RTT in milliseconds, or NaN when it was not timed (lost, not sent, most errors).</b> */
    public double rttMillis() {
        return rttNanos >= 0 ? rttNanos / 1e6 : Double.NaN;
    }

    /**
     * <b>A field by name, as tables, CSV and the REPL name them:</b> {@code target id seq size ttl tos status from
     * rtt reply_ttl type code}. {@code rtt} is in milliseconds (an error's too when it was timed, as a trace's
     * hops are); a field that does not apply is null.
     *
     * @throws IllegalArgumentException for another name (the message lists the names)
     */
    public Object field(String name) {
        return switch (name) {
            case "target" -> Addresses.text(request.target());
            case "id" -> request.id();
            case "seq" -> request.seq();
            case "size" -> request.payloadLength();
            case "ttl" -> request.hasTtl() ? request.ttl() : null;
            case "tos" -> request.hasTos() ? request.tos() : null;
            case "status" -> status.word();
            case "from" -> from == null ? null : Addresses.text(from);
            case "rtt" -> (answered() || status == Status.ERROR) && rttNanos >= 0 ? rttNanos / 1e6 : null;
            case "reply_ttl" -> replyTtl >= 0 ? replyTtl : null;
            case "type" -> replyType >= 0 ? replyType : null;
            case "code" -> replyCode >= 0 ? replyCode : null;
            default -> throw new IllegalArgumentException("field must be one of " + String.join(" ", FIELDS)
                    + ", got " + name);
        };
    }

    /** <b>The names {@link #field(String)} knows, in CSV column order.</b> */
    public static final java.util.List<String> FIELDS = java.util.List.of("target", "id", "seq", "size", "ttl",
            "tos", "status", "from", "rtt", "reply_ttl", "type", "code");

    /** <b>One line, as {@code ping} words it: {@code seq=3 size=200 ttl=64 from 198.51.100.2 0.061 ms}.</b> */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(Addresses.text(request.target())).append(" seq=").append(request.seq())
                .append(" size=").append(request.payloadLength());
        if (request.hasTtl()) {
            sb.append(" ttl=").append(request.ttl());
        }
        if (request.hasTos()) {
            sb.append(String.format(" tos=0x%02x", request.tos()));
        }
        sb.append(": ");
        switch (status) {
            case ANSWERED, CORRUPTED -> sb.append("reply from ").append(Addresses.text(from))
                    .append(replyTtl >= 0 ? " ttl=" + replyTtl : "")
                    .append(String.format(Locale.ROOT, " time=%.3f ms", rttMillis()))
                    .append(status == Status.CORRUPTED ? " (corrupted)" : "");
            case ERROR -> sb.append(reply != null ? errorName(reply) : replyType < 0 ? "ICMP error"
                            : "ICMP error type " + replyType + " code " + replyCode).append(" from ")
                    .append(Addresses.text(from));
            case LOST -> sb.append("no reply");
            case SEND_FAILED -> sb.append("not sent");
            case CAPTURED -> sb.append("captured ").append(reply.typeName()).append(" from ")
                    .append(Addresses.text(from));
        }
        return sb.toString();
    }

    static String errorName(IcmpMessage m) {
        String c = m.codeName();
        return c.isEmpty() || "unknown".equals(c) ? m.typeName() : c;
    }
}
