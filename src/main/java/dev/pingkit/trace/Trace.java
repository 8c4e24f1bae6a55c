package dev.pingkit.trace;

import dev.pingkit.engine.Hosts;
import dev.pingkit.trace.TraceListener;
import dev.pingkit.trace.TraceProbe;
import dev.pingkit.trace.TraceSettings;
import dev.pingkit.trace.Tracer;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * <b>A traceroute as an immutable value: where to, how many hops, how many probes; {@link #run()} walks the
 * path.</b> Every call returns a new {@code Trace}.
 *
 * <pre>{@code
 * var route = Trace.to("198.18.13.2").maxHops(8).probes(3).run();
 * route                        // the familiar table, as traceroute -n prints it
 * route.hops().get(2).address() // who answered at TTL 3
 * }</pre>
 *
 * <p>Probes are ICMP echo requests with TTL 1, 2, ... sent {@code simultaneous} at a time over one socket
 * (traceroute -I's way); a router answers with a time exceeded quoting the probe, the destination with an echo
 * reply. Defaults are traceroute -I's: hops 1..30, 3 probes per hop, 16 at once, wait at most 5 s (or 3 × the RTT
 * of the same hop, 10 × that of a later one), 60-byte packets (IPv6: 80).
 */
public final class Trace {
    private final String host;
    private final int family;
    private final TraceSettings base; // target left as a placeholder until run: the host is resolved then
    private final int packetLength;

    private Trace(String host, int family, TraceSettings base, int packetLength) {
        this.host = host;
        this.family = family;
        this.base = base;
        this.packetLength = packetLength;
    }

    /** <b>A trace toward {@code host} (a name or an address literal), resolved when it runs.</b> */
    public static Trace to(String host) {
        Objects.requireNonNull(host, "host");
        return new Trace(host, 0, TraceSettings.to(InetAddress.getLoopbackAddress()), -1);
    }

    /** <b>A trace toward an address.</b> */
    public static Trace to(InetAddress target) {
        Objects.requireNonNull(target, "target");
        return new Trace(target.getHostAddress(), target.getAddress().length == 4 ? 4 : 6,
                TraceSettings.to(InetAddress.getLoopbackAddress()), -1);
    }

    private Trace with(TraceSettings s) {
        return new Trace(host, family, s, packetLength);
    }

    private TraceSettings copy(int first, int max, int probes, int sim, Duration wait, double here, double near,
                               Duration sendWait, int tos, boolean df, InetAddress source, String device, String netns) {
        return new TraceSettings(base.target(), first, max, probes, sim, wait, here, near, sendWait,
                base.payloadLength(), tos, df, source, device, netns);
    }

    /** <b>Only IPv4 (4) or IPv6 (6) addresses of the host; 0 for the first it has.</b> */
    public Trace family(int family) {
        if (family != 0 && family != 4 && family != 6) {
            throw new IllegalArgumentException("family must be 0, 4 or 6, got " + family);
        }
        return new Trace(host, family, base, packetLength);
    }

    /** <b>The first TTL probed</b> (traceroute -f), 1..maxHops. */
    public Trace firstHop(int ttl) {
        return with(copy(ttl, base.maxTtl(), base.probesPerHop(), base.simultaneous(), base.waitMax(),
                base.hereFactor(), base.nearFactor(), base.sendWait(), base.tos(), base.dontFragment(), base.source(),
                base.device(), base.netns()));
    }

    /** <b>The last TTL probed</b> (traceroute -m), 1..255. */
    public Trace maxHops(int ttl) {
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("maxHops must be 1..255, got " + ttl);
        }
        return with(copy(Math.min(base.firstTtl(), ttl), ttl, base.probesPerHop(), base.simultaneous(),
                base.waitMax(), base.hereFactor(), base.nearFactor(), base.sendWait(), base.tos(),
                base.dontFragment(), base.source(), base.device(), base.netns()));
    }

    /** <b>Probes per hop</b> (traceroute -q), 1..10. */
    public Trace probes(int n) {
        return with(copy(base.firstTtl(), base.maxTtl(), n, base.simultaneous(), base.waitMax(), base.hereFactor(),
                base.nearFactor(), base.sendWait(), base.tos(), base.dontFragment(), base.source(), base.device(),
                base.netns()));
    }

    /** <b>Probes in flight at once</b> (traceroute -N), >= 1. */
    public Trace simultaneous(int n) {
        return with(copy(base.firstTtl(), base.maxTtl(), base.probesPerHop(), n, base.waitMax(), base.hereFactor(),
                base.nearFactor(), base.sendWait(), base.tos(), base.dontFragment(), base.source(), base.device(),
                base.netns()));
    }

    /**
     * <b>How long to wait for a probe</b> (traceroute -w MAX,HERE,NEAR): at most {@code max}, or {@code here} × the
     * RTT of an answered probe of the same hop, or {@code near} × that of a later hop (0 turns a factor off).
     */
    public Trace wait(Duration max, double here, double near) {
        return with(copy(base.firstTtl(), base.maxTtl(), base.probesPerHop(), base.simultaneous(), max, here, near,
                base.sendWait(), base.tos(), base.dontFragment(), base.source(), base.device(), base.netns()));
    }

    /** <b>The pause between two probes</b> (traceroute -z). */
    public Trace sendWait(Duration pause) {
        return with(copy(base.firstTtl(), base.maxTtl(), base.probesPerHop(), base.simultaneous(), base.waitMax(),
                base.hereFactor(), base.nearFactor(), pause, base.tos(), base.dontFragment(), base.source(),
                base.device(), base.netns()));
    }

    /** <b>IPv4 TOS / IPv6 traffic class</b> (traceroute -t), 0..255. */
    public Trace tos(int tos) {
        return with(copy(base.firstTtl(), base.maxTtl(), base.probesPerHop(), base.simultaneous(), base.waitMax(),
                base.hereFactor(), base.nearFactor(), base.sendWait(), tos, base.dontFragment(), base.source(),
                base.device(), base.netns()));
    }

    /** <b>Set don't-fragment</b> (traceroute -F). */
    public Trace dontFragment(boolean df) {
        return with(copy(base.firstTtl(), base.maxTtl(), base.probesPerHop(), base.simultaneous(), base.waitMax(),
                base.hereFactor(), base.nearFactor(), base.sendWait(), base.tos(), df, base.source(), base.device(),
                base.netns()));
    }

    /** <b>Send from this address</b> (traceroute -s), null for the kernel's choice. */
    public Trace source(InetAddress source) {
        return with(copy(base.firstTtl(), base.maxTtl(), base.probesPerHop(), base.simultaneous(), base.waitMax(),
                base.hereFactor(), base.nearFactor(), base.sendWait(), base.tos(), base.dontFragment(), source,
                base.device(), base.netns()));
    }

    /** <b>Send through this interface</b> (traceroute -i), null for any. */
    public Trace device(String device) {
        return with(copy(base.firstTtl(), base.maxTtl(), base.probesPerHop(), base.simultaneous(), base.waitMax(),
                base.hereFactor(), base.nearFactor(), base.sendWait(), base.tos(), base.dontFragment(), base.source(),
                device, base.netns()));
    }

    /** <b>Probe from inside this network namespace</b> (e.g. the lab's client), null for the caller's. */
    public Trace netns(String name) {
        return with(copy(base.firstTtl(), base.maxTtl(), base.probesPerHop(), base.simultaneous(), base.waitMax(),
                base.hereFactor(), base.nearFactor(), base.sendWait(), base.tos(), base.dontFragment(), base.source(),
                base.device(), name));
    }

    /**
     * <b>The whole packet's length in bytes, IP header included</b> (traceroute's {@code packetlen}); a length
     * below the headers' (28 for IPv4, 48 for IPv6) is raised to it, as traceroute does.
     */
    public Trace packetLength(int bytes) {
        if (bytes < 0 || bytes > 65000) {
            throw new IllegalArgumentException("packetLength must be 0..65000, got " + bytes);
        }
        return new Trace(host, family, base, bytes);
    }

    /** <b>The host as given.</b> */
    public String host() {
        return host;
    }

    /** <b>The settings this trace runs with, the host resolved now</b> (for the engine and front ends). */
    public TraceSettings settings() {
        InetAddress target = Hosts.resolve(host, family);
        int headers = target.getAddress().length == 4 ? 28 : 48;
        int payload = packetLength < 0 ? 32 : Math.max(0, packetLength - headers);
        return new TraceSettings(target, base.firstTtl(), base.maxTtl(), base.probesPerHop(), base.simultaneous(),
                base.waitMax(), base.hereFactor(), base.nearFactor(), base.sendWait(), payload, base.tos(),
                base.dontFragment(), base.source(), base.device(), base.netns());
    }

    /**
     * <b>Walks the path and returns it hop by hop.</b>
     *
     * @throws IllegalArgumentException for an unknown host
     * @throws IOException              if no ICMP socket may be opened or the socket fails
     */
    public Route run() throws IOException {
        return run(h -> { });
    }

    /** <b>As {@link #run()}, handing each hop to {@code onHop} as soon as all its probes have ended.</b> */
    public Route run(Consumer<Hop> onHop) throws IOException {
        Objects.requireNonNull(onHop, "onHop");
        TraceSettings s = settings();
        try (Tracer t = Tracer.open(s)) {
            List<TraceProbe> probes = t.run(hopsTo(onHop, s.probesPerHop()));
            return Route.of(host, s, probes);
        }
    }

    // Groups the probes of one TTL into a hop as they arrive.
    private static TraceListener hopsTo(Consumer<Hop> onHop, int perHop) {
        List<TraceProbe> pending = new ArrayList<>();
        return p -> {
            pending.add(p);
            if (pending.size() == perHop) {
                onHop.accept(new Hop(p.ttl(), List.copyOf(pending)));
                pending.clear();
            }
        };
    }

    /** One line: {@code Trace[198.18.13.2 hops 1..30 probes 3]}. */
    @Override
    public String toString() {
        return "Trace[" + host + " hops " + base.firstTtl() + ".." + base.maxTtl() + " probes " + base.probesPerHop()
                + "]";
    }
}
