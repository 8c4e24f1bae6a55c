package dev.pingkit.trace;

import dev.pingkit.engine.Engine;
import dev.pingkit.engine.EngineFactory;
import dev.pingkit.engine.HostNotFoundException;
import dev.pingkit.engine.Hosts;
import dev.pingkit.engine.NoAddressInFamilyException;
import dev.pingkit.engine.Stop;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * <b>A traceroute as an immutable value: where to, which hops, how many probes, how long to wait; {@link #run()}
 * walks the path.</b> Every call returns a new {@code Trace}.
 *
 * <pre>{@code
 * var route = Trace.to("198.18.13.2").maxHops(8).probes(3).run();
 * route                        // the familiar table, as traceroute -n prints it
 * route.hops().get(2).address() // who answered at TTL 3
 * }</pre>
 *
 * <p>Probes are ICMP echo requests with TTL 1, 2, ... sent {@code simultaneous} at a time over one socket
 * (traceroute -I's way); a router answers with a time exceeded quoting the probe, the destination with an echo
 * reply. Defaults are Debian traceroute -I's: hops 1..30, 3 probes per hop, 16 at once, wait at most 5 s, or 3 × the
 * RTT of an answered probe of the same hop, or 10 × that of a later hop; 60-byte packets (IPv6: 80). A host name is
 * resolved when the trace runs, or once by {@link #resolve()}.
 */
public final class Trace {
    private final String host;
    private final InetAddress target; // null until resolved
    private final int family;
    private final int firstHop;
    private final int maxHops;
    private final int probes;
    private final int simultaneous;
    private final Duration waitMax;
    private final double waitHere;
    private final double waitNear;
    private final Duration gap;
    private final int packetLength;
    private final int tos;
    private final boolean dontFragment;
    private final InetAddress source;
    private final String device;
    private final String netns;

    private Trace(Copy c) {
        host = c.host;
        target = c.target;
        family = c.family;
        firstHop = c.firstHop;
        maxHops = c.maxHops;
        probes = c.probes;
        simultaneous = c.simultaneous;
        waitMax = c.waitMax;
        waitHere = c.waitHere;
        waitNear = c.waitNear;
        gap = c.gap;
        packetLength = c.packetLength;
        tos = c.tos;
        dontFragment = c.dontFragment;
        source = c.source;
        device = c.device;
        netns = c.netns;
    }

    /** <b>A trace toward {@code host} (a name or an address literal), resolved when it runs.</b> */
    public static Trace to(String host) {
        Objects.requireNonNull(host, "host");
        return new Trace(new Copy(host, null, 0));
    }

    /** <b>A trace toward an address.</b> */
    public static Trace to(InetAddress target) {
        Objects.requireNonNull(target, "target");
        return new Trace(new Copy(target.getHostAddress(), target, familyOf(target)));
    }

    /**
     * <b>A trace toward {@code host}, already resolved to {@code target}</b> (by a caller with its own names, such as
     * the REPL's lab hosts): the route's header names the host, the probes go to the address.
     */
    public static Trace to(String host, InetAddress target) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(target, "target");
        return new Trace(new Copy(host, target, familyOf(target)));
    }

    /** <b>The host as given.</b> */
    public String host() {
        return host;
    }

    /** <b>The destination's address</b>, null for a host name not yet {@link #resolve() resolved}. */
    public InetAddress target() {
        return target;
    }

    /** <b>The address family asked for: 4, 6, or 0 for the first the host has</b> (that of a resolved target). */
    public int family() {
        return family;
    }

    /** <b>Only IPv4 (4) or IPv6 (6) addresses of the host; 0 for the first it has</b> (traceroute -4 / -6). */
    public Trace family(int family) {
        if (family != 0 && family != 4 && family != 6) {
            throw new IllegalArgumentException("family must be 0, 4 or 6, got " + family);
        }
        if (target != null) {
            if (family != 0 && family != familyOf(target)) {
                throw new NoAddressInFamilyException(host, family);
            }
            return this; // an address has its family
        }
        return with(c -> c.family = family);
    }

    /** <b>The first TTL probed.</b> */
    public int firstHop() {
        return firstHop;
    }

    /** <b>The first TTL probed</b> (traceroute -f), 1..maxHops. */
    public Trace firstHop(int ttl) {
        if (ttl < 1 || ttl > maxHops) {
            throw new IllegalArgumentException("firstHop must be 1..maxHops (" + maxHops + "), got " + ttl);
        }
        return with(c -> c.firstHop = ttl);
    }

    /** <b>The last TTL probed.</b> */
    public int maxHops() {
        return maxHops;
    }

    /** <b>The last TTL probed</b> (traceroute -m), 1..255; a first hop beyond it comes down to it. */
    public Trace maxHops(int ttl) {
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("maxHops must be 1..255, got " + ttl);
        }
        return with(c -> {
            c.maxHops = ttl;
            c.firstHop = Math.min(c.firstHop, ttl);
        });
    }

    /** <b>Probes per hop.</b> */
    public int probes() {
        return probes;
    }

    /** <b>Probes per hop</b> (traceroute -q), 1..10. */
    public Trace probes(int n) {
        if (n < 1 || n > 10) {
            throw new IllegalArgumentException("probes must be 1..10, got " + n);
        }
        return with(c -> c.probes = n);
    }

    /** <b>Probes in flight at once.</b> */
    public int simultaneous() {
        return simultaneous;
    }

    /** <b>Probes in flight at once</b> (traceroute -N), >= 1. */
    public Trace simultaneous(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("simultaneous must be >= 1, got " + n);
        }
        return with(c -> c.simultaneous = n);
    }

    /** <b>The longest wait for one probe.</b> */
    public Duration waitMax() {
        return waitMax;
    }

    /** <b>The longest wait for one probe</b> (traceroute -w MAX). */
    public Trace waitMax(Duration max) {
        Duration d = nonNegative(max, "waitMax");
        return with(c -> c.waitMax = d);
    }

    /** <b>How many times the RTT of an answered probe of the same hop a probe waits</b> (0: not this rule). */
    public double waitHere() {
        return waitHere;
    }

    /**
     * <b>A probe waits at most {@code factor} × the RTT of an answered probe of the same hop</b> (traceroute -w
     * ,HERE); 0 turns the rule off.
     */
    public Trace waitHere(double factor) {
        double f = factor(factor, "waitHere");
        return with(c -> c.waitHere = f);
    }

    /** <b>How many times the RTT of an answered probe of a later hop a probe waits</b> (0: not this rule). */
    public double waitNear() {
        return waitNear;
    }

    /**
     * <b>Else at most {@code factor} × the RTT of an answered probe of a later hop</b> (traceroute -w ,,NEAR);
     * 0 turns the rule off.
     */
    public Trace waitNear(double factor) {
        double f = factor(factor, "waitNear");
        return with(c -> c.waitNear = f);
    }

    /** <b>The least time between any two sends.</b> */
    public Duration gap() {
        return gap;
    }

    /** <b>The least time between any two sends</b> (traceroute -z); zero for none. */
    public Trace gap(Duration pause) {
        Duration d = nonNegative(pause, "gap");
        return with(c -> c.gap = d);
    }

    /**
     * <b>The whole packet's length in bytes, IP header included</b>: as set, raised to the headers' (28 for IPv4,
     * 48 for IPv6) as traceroute does, or the default 60 (IPv6: 80); -1 while the family is not known.
     */
    public int packetLength() {
        int headers = family == 4 ? 28 : family == 6 ? 48 : -1;
        if (headers < 0) {
            return -1;
        }
        return packetLength < 0 ? headers + DEFAULT_PAYLOAD : Math.max(headers, packetLength);
    }

    /**
     * <b>The whole packet's length in bytes, IP header included</b> (traceroute's {@code packetlen}); a length
     * below the headers' is raised to them, as traceroute does.
     */
    public Trace packetLength(int bytes) {
        if (bytes < 0 || bytes > 65000) {
            throw new IllegalArgumentException("packetLength must be 0..65000, got " + bytes);
        }
        return with(c -> c.packetLength = bytes);
    }

    /** <b>The echo payload's length: the packet length less the headers</b>; -1 while the family is not known. */
    public int payloadLength() {
        int all = packetLength();
        return all < 0 ? -1 : all - (family == 4 ? 28 : 48);
    }

    /**
     * <b>The echo payload every probe carries: traceroute's filler {@code @ A B ...}, repeating every 64 bytes</b>;
     * empty while the family is not known.
     */
    public byte[] payload() {
        byte[] payload = new byte[Math.max(0, payloadLength())];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (0x40 + (i & 0x3f));
        }
        return payload;
    }

    /** <b>IPv4 TOS / IPv6 traffic class, -1 for the kernel's.</b> */
    public int tos() {
        return tos;
    }

    /** <b>IPv4 TOS / IPv6 traffic class</b> (traceroute -t), 0..255. */
    public Trace tos(int tos) {
        if (tos < 0 || tos > 255) {
            throw new IllegalArgumentException("tos must be 0..255, got " + tos);
        }
        return with(c -> c.tos = tos);
    }

    /** <b>True when the probes may not be fragmented.</b> */
    public boolean dontFragment() {
        return dontFragment;
    }

    /** <b>Set don't-fragment</b> (traceroute -F). */
    public Trace dontFragment(boolean df) {
        return with(c -> c.dontFragment = df);
    }

    /** <b>The source address to bind, null for the kernel's choice.</b> */
    public InetAddress source() {
        return source;
    }

    /** <b>Send from this address</b> (traceroute -s), null for the kernel's choice. */
    public Trace source(InetAddress source) {
        return with(c -> c.source = source);
    }

    /** <b>The interface to bind to, null for any.</b> */
    public String device() {
        return device;
    }

    /** <b>Send through this interface</b> (traceroute -i), null for any. */
    public Trace device(String device) {
        return with(c -> c.device = device);
    }

    /** <b>The network namespace to probe from, null for the caller's.</b> */
    public String netns() {
        return netns;
    }

    /** <b>Probe from inside this network namespace</b> (e.g. the lab's client), null for the caller's. */
    public Trace netns(String name) {
        return with(c -> c.netns = name);
    }

    /**
     * <b>This trace with its host resolved now</b> (itself when it has an address already), so a front end can
     * print the header and report a name that does not resolve before anything is sent.
     *
     * @throws HostNotFoundException       for a name that does not resolve
     * @throws NoAddressInFamilyException  for a host without an address of the family asked for
     */
    public Trace resolve() {
        if (target != null) {
            return this;
        }
        InetAddress a = Hosts.resolve(host, family);
        return with(c -> {
            c.target = a;
            c.family = familyOf(a);
        });
    }

    /**
     * <b>Walks the path and returns it hop by hop</b> (a host name not yet resolved is resolved first).
     *
     * @throws HostNotFoundException       for a name that does not resolve
     * @throws NoAddressInFamilyException  for a host without an address of the family asked for
     * @throws IOException                 if no ICMP socket may be opened or the socket fails
     */
    public Route run() throws IOException {
        return run(h -> { }, new Stop());
    }

    /** <b>As {@link #run()}, handing each hop to {@code onHop} as soon as all its probes have ended.</b> */
    public Route run(Consumer<Hop> onHop) throws IOException {
        return run(onHop, new Stop());
    }

    /**
     * <b>As {@link #run(Consumer)}, until the trace ends or {@code stop} is used</b>; the route then holds the hops
     * whose probes all ended before the stop.
     */
    public Route run(Consumer<Hop> onHop, Stop stop) throws IOException {
        return run(onHop, stop, EngineFactory.SYSTEM);
    }

    /** As {@link #run(Consumer, Stop)} on engines from {@code engines}: every mode's seam, for a fake network. */
    Route run(Consumer<Hop> onHop, Stop stop, EngineFactory engines) throws IOException {
        Objects.requireNonNull(onHop, "onHop");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(engines, "engines");
        Trace t = resolve();
        if (stop.stopped()) {
            return Route.of(t, List.of());
        }
        try (Tracer tracer = new Tracer(t, engines.open(Tracer.options(t)), engines.time())) {
            Runnable hook = tracer::stop;
            stop.onStop(hook);
            try {
                return Route.of(t, tracer.run(hopsTo(onHop, t.probes)));
            } finally {
                stop.forget(hook);
            }
        }
    }

    /**
     * <b>Loads the native layer without opening anything</b>, so a command can do it on a spare thread while it
     * parses its options (JNA's start-up is most of a short trace's own time).
     */
    public static void prepare() {
        Engine.prepare();
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
        return "Trace[" + host + " hops " + firstHop + ".." + maxHops + " probes " + probes + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trace t && host.equals(t.host) && Objects.equals(target, t.target) && family == t.family
                && firstHop == t.firstHop && maxHops == t.maxHops && probes == t.probes
                && simultaneous == t.simultaneous && waitMax.equals(t.waitMax)
                && Double.compare(waitHere, t.waitHere) == 0 && Double.compare(waitNear, t.waitNear) == 0
                && gap.equals(t.gap) && packetLength == t.packetLength && tos == t.tos
                && dontFragment == t.dontFragment && Objects.equals(source, t.source)
                && Objects.equals(device, t.device) && Objects.equals(netns, t.netns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, target, family, firstHop, maxHops, probes, simultaneous, waitMax, waitHere,
                waitNear, gap, packetLength, tos, dontFragment, source, device, netns);
    }

    /** traceroute's default payload: 32 bytes, so 60-byte IPv4 packets. */
    private static final int DEFAULT_PAYLOAD = 32;

    /** A copy of this trace with {@code change} applied (each wither checks its own argument first). */
    private Trace with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new Trace(c);
    }

    /** The fields as one wither changes them: traceroute -I's defaults for a new trace, or a trace's own. */
    private static final class Copy {
        String host;
        InetAddress target;
        int family;
        int firstHop = 1;
        int maxHops = 30;
        int probes = 3;
        int simultaneous = 16;
        Duration waitMax = Duration.ofSeconds(5);
        double waitHere = 3;
        double waitNear = 10;
        Duration gap = Duration.ZERO;
        int packetLength = -1;
        int tos = -1;
        boolean dontFragment;
        InetAddress source;
        String device;
        String netns;

        Copy(String host, InetAddress target, int family) {
            this.host = host;
            this.target = target;
            this.family = family;
        }

        Copy(Trace t) {
            host = t.host;
            target = t.target;
            family = t.family;
            firstHop = t.firstHop;
            maxHops = t.maxHops;
            probes = t.probes;
            simultaneous = t.simultaneous;
            waitMax = t.waitMax;
            waitHere = t.waitHere;
            waitNear = t.waitNear;
            gap = t.gap;
            packetLength = t.packetLength;
            tos = t.tos;
            dontFragment = t.dontFragment;
            source = t.source;
            device = t.device;
            netns = t.netns;
        }
    }

    private static int familyOf(InetAddress a) {
        return Hosts.family(a);
    }

    private static Duration nonNegative(Duration d, String field) {
        Objects.requireNonNull(d, field);
        if (d.isNegative()) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + d.toMillis() + " ms");
        }
        return d;
    }

    private static double factor(double f, String field) {
        if (!(f >= 0) || Double.isInfinite(f)) {
            throw new IllegalArgumentException(field + " must be a factor >= 0, got " + f);
        }
        return f;
    }
}
