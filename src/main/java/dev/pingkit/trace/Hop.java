package dev.pingkit.trace;

import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.trace.TraceProbe;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * <b>One hop of a {@link Route}: its TTL and how each of its probes ended.</b> {@code toString()} is the hop's line
 * as {@code traceroute -n} prints it: {@code  3  198.18.10.2  0.123 ms  0.101 ms *}.
 *
 * @param ttl    the TTL / hop limit of its probes
 * @param probes its probes in the order sent
 */
public record Hop(int ttl, List<TraceProbe> probes) {

    /** Copies the list. */
    public Hop {
        probes = List.copyOf(probes);
    }

    /** <b>The first address that answered at this TTL</b>, empty when none did (a silent hop). */
    public Optional<InetAddress> address() {
        return probes.stream().map(TraceProbe::from).filter(Objects::nonNull).findFirst();
    }

    /** <b>Each probe's RTT, empty for a probe nothing answered</b>. */
    public List<Optional<Duration>> rtts() {
        return probes.stream().map(TraceProbe::rtt).toList();
    }

    /** <b>The first answer's ICMP message</b> (time exceeded, unreachable, echo reply), empty when none came. */
    public Optional<IcmpMessage> message() {
        return probes.stream().map(TraceProbe::message).filter(Objects::nonNull).findFirst();
    }

    /** <b>True when the answer here ends the trace</b> (the destination's reply, or an unreachable). */
    public boolean isFinal() {
        return probes.stream().anyMatch(TraceProbe::isFinal);
    }

    /** <b>True when a hop rewrote the datagram its time exceeded quotes</b> (the quote differs from the probe). */
    public boolean quoteAltered() {
        return probes.stream().anyMatch(TraceProbe::quoteAltered);
    }

    /** <b>The hop's line as traceroute -n prints it</b>, without the newline. */
    @Override
    public String toString() {
        return line(Addresses::text);
    }

    /**
     * <b>The hop's line with addresses written by {@code name}</b> (traceroute without -n passes
     * {@code name (address)}): the TTL, then per probe its address when it differs from the previous answer's,
     * the RTT and the annotation, or {@code *}.
     */
    public String line(Function<InetAddress, String> name) {
        Objects.requireNonNull(name, "name");
        StringBuilder b = new StringBuilder();
        if (ttl < 10) {
            b.append(' ');
        }
        b.append(ttl).append(' ');
        InetAddress last = null;
        boolean refusedShown = false;
        for (TraceProbe p : probes) {
            if (p.timedOut()) {
                b.append(" *");
                continue;
            }
            if (p.refused()) {
                // As traceroute: the first refusal shows * for the offender (there is none), its time and the
                // MTU; it ends the hop, so the rest of its probes show * (the JSON output keeps each one's MTU).
                if (refusedShown) {
                    b.append(" *");
                } else {
                    b.append(" *  ").append(millis(p.rttNanos())).append(" ms !F-").append(p.refusedMtu());
                    refusedShown = true;
                }
                continue;
            }
            if (!p.from().equals(last)) {
                b.append(' ').append(name.apply(p.from()));
                last = p.from();
            }
            b.append("  ").append(millis(p.rttNanos())).append(" ms");
            String note = annotation(p.message());
            if (!note.isEmpty()) {
                b.append(' ').append(note);
            }
        }
        return b.toString();
    }

    /** <b>Nanoseconds as traceroute writes milliseconds</b> ({@code %.3f}), without a Formatter. */
    public static String millis(long nanos) {
        long us = (nanos + 500) / 1000;
        return us / 1000 + "." + String.valueOf(1000 + us % 1000).substring(1);
    }

    /**
     * <b>traceroute's mark for an answer</b>: {@code !H !N !P !X !S !F-mtu !V !C !<code>} for unreachables, empty
     * for a time exceeded, an echo reply or a port unreachable (the destination itself answered).
     */
    public static String annotation(IcmpMessage m) {
        if (m == null) {
            return "";
        }
        int code = m.code();
        if (m.family() == 4 && m.type() == 3) {
            switch (code) {
                case 0: case 6: case 8: case 11: return "!N";
                case 1: case 7: case 12: return "!H";
                case 2: return "!P";
                case 3: return "";
                case 4: return "!F-" + m.mtu();
                case 5: return "!S";
                case 9: case 10: case 13: return "!X";
                case 14: return "!V";
                case 15: return "!C";
                default: return "!<" + code + ">";
            }
        }
        if (m.family() == 6 && m.type() == 1) {
            switch (code) {
                case 0: return "!N";
                case 1: return "!X";
                case 2: case 3: return "!H";
                case 4: return "";
                default: return "!<" + code + ">";
            }
        }
        return "";
    }
}
