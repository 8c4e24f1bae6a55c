package dev.pingkit.trace;

import dev.pingkit.packet.Addresses;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * <b>The path a {@link Trace} found: the target and one {@link Hop} per TTL probed.</b> {@code toString()} prints
 * it as {@code traceroute -n} does, header line first.
 *
 * @param host         the host as given
 * @param target       its address
 * @param maxHops      the largest TTL the trace would have probed
 * @param packetLength bytes per probe, IP header included
 * @param hops         the hops probed, in TTL order, up to the final one
 */
public record Route(String host, InetAddress target, int maxHops, int packetLength, List<Hop> hops) {

    /** Copies the list. */
    public Route {
        hops = List.copyOf(hops);
    }

    /**
     * <b>Groups a resolved trace's probes into hops</b> (a hop whose probes have not all ended is left out);
     * {@code Route.of(trace.resolve(), List.of()).header()} is the header line before anything is sent.
     *
     * @throws IllegalArgumentException if the trace is not resolved
     */
    public static Route of(Trace trace, List<TraceProbe> probes) {
        if (trace.target() == null) {
            throw new IllegalArgumentException("a route needs a resolved trace (Trace.resolve()), got " + trace);
        }
        List<Hop> hops = new ArrayList<>();
        int q = trace.probes();
        for (int i = 0; i + q <= probes.size(); i += q) {
            hops.add(new Hop(probes.get(i).ttl(), probes.subList(i, i + q)));
        }
        return new Route(trace.host(), trace.target(), trace.maxHops(), trace.packetLength(), hops);
    }

    /** <b>True when the destination itself answered</b> (an echo reply, or its port unreachable). */
    public boolean reached() {
        return hops.stream().flatMap(h -> h.probes().stream())
                .anyMatch(p -> p.reached() || target.equals(p.from()) && p.unreachable());
    }

    /** <b>The hop at TTL {@code ttl}</b>, empty when it was not probed. */
    public Optional<Hop> hop(int ttl) {
        return hops.stream().filter(h -> h.ttl() == ttl).findFirst();
    }

    /** <b>The first answering address of each hop, null for a silent one</b>, in TTL order. */
    public List<InetAddress> addresses() {
        List<InetAddress> a = new ArrayList<>();
        hops.forEach(h -> a.add(h.address().orElse(null)));
        return a;
    }

    /** <b>traceroute's header line</b>: {@code traceroute to h (a), 30 hops max, 60 byte packets}. */
    public String header() {
        return "traceroute to " + host + " (" + Addresses.text(target) + "), " + maxHops + " hops max, "
                + packetLength + " byte packets";
    }

    /** <b>The table, as traceroute -n prints it.</b> */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(header());
        hops.forEach(h -> b.append('\n').append(h));
        return b.toString();
    }
}
