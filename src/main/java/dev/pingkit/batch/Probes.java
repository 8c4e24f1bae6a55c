package dev.pingkit.batch;

import dev.pingkit.engine.Query;
import dev.pingkit.packet.EchoPayload;
import dev.pingkit.engine.Hosts;
import dev.pingkit.packet.Addresses;
import dev.pingkit.engine.Engine;
import dev.pingkit.engine.EngineOptions;
import dev.pingkit.engine.ProbeEvent;
import dev.pingkit.engine.ProbeListener;
import dev.pingkit.engine.ProbeSpec;
import dev.pingkit.packet.IcmpTypes;
import dev.pingkit.engine.ProbeTarget;
import dev.pingkit.engine.TargetPlan;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * <b>A batch of echo probes built from one {@link Query} by ranges over target, seq, size, TTL and TOS that
 * multiply, as in Scapy; {@link #sendAll()} sends them all in one engine run and returns {@link Results}.</b>
 *
 * <pre>{@code
 * Query.to("198.51.100.2").size(0, 1400, 200).sendAll().table("size", "target", "rtt")
 * Query.to("198.51.100.2").ttl(1, 4).sendAll().summary()
 * Query.to("127.0.0.1").probes().targets("198.19.0.0/30", "::1").seq(1, 3).sendAll()
 * }</pre>
 * Every call returns a new value. Probes go out in the order {@link #list()} gives: target slowest, then seq,
 * size, TTL and TOS fastest. The engine numbers the probes of a run on the wire itself (one sequence counter per
 * run, from 1, and its own identifier), so a seq range says how many probes there are and in which order;
 * {@link Results} holds each request as it went out. A batch sends echo requests, or the timestamp, information or
 * address mask requests a query's type asks for (each answered by its own reply type); forced checksums, other types
 * and codes are for {@link Query#send()}.
 */
public final class Probes {
    /** <b>The most probes one batch sends.</b> */
    public static final int MAX_PROBES = 100_000;
    /** <b>How long a probe of a batch waits for its answer unless {@link #timeout} says otherwise: 2 s.</b> */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** <b>The least time between two sends of a batch unless {@link #gap} says otherwise: 1 ms.</b> */
    public static final Duration DEFAULT_GAP = Duration.ofMillis(1);

    private final Query base;
    private final List<InetAddress> targets;
    private final int[] seqs;
    private final int[] sizes;
    private final int[] ttls;
    private final int[] tos;
    private final Duration timeout;
    private final Duration gap;

    private Probes(Query base, List<InetAddress> targets, int[] seqs, int[] sizes, int[] ttls, int[] tos,
                   Duration timeout, Duration gap) {
        this.base = base;
        this.targets = List.copyOf(targets);
        this.seqs = seqs;
        this.sizes = sizes;
        this.ttls = ttls;
        this.tos = tos;
        this.timeout = timeout;
        this.gap = gap;
        long n = (long) targets.size() * seqs.length * sizes.length * ttls.length * tos.length;
        if (n > MAX_PROBES) {
            throw new IllegalArgumentException("a batch must be at most " + MAX_PROBES + " probes, got " + n + " ("
                    + targets.size() + " targets x " + seqs.length + " seq x " + sizes.length + " sizes x "
                    + ttls.length + " ttls x " + tos.length + " tos)");
        }
    }

    /** <b>A batch of just {@code echo}: what {@code Query.probes()} gives.</b> */
    public static Probes of(Query echo) {
        return new Probes(echo, List.of(echo.target()), new int[] {echo.seq()}, new int[] {echo.payloadLength()},
                new int[] {echo.ttl()}, new int[] {echo.tos()}, DEFAULT_TIMEOUT, DEFAULT_GAP);
    }

    private static int[] range(String field, int from, int to, int step, int min, int max) {
        if (step <= 0) {
            throw new IllegalArgumentException(field + " step must be 1 or more, got " + step);
        }
        if (from < min || from > max || to < min || to > max) {
            throw new IllegalArgumentException(field + " must be " + min + ".." + max + ", got " + from + ".." + to);
        }
        if (to < from) {
            throw new IllegalArgumentException(field + " range must go up, got " + from + ".." + to);
        }
        return IntStream.iterate(from, v -> v <= to, v -> v + step).toArray();
    }

    private static int[] values(String field, int[] vs, int min, int max) {
        if (vs.length == 0) {
            throw new IllegalArgumentException(field + " needs at least one value");
        }
        for (int v : vs) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(field + " must be " + min + ".." + max + ", got " + v);
            }
        }
        return vs.clone();
    }

    private int maxSize() {
        boolean v4 = targets.stream().anyMatch(a -> a.getAddress().length == 4);
        return v4 ? EchoPayload.MAX_V4 : EchoPayload.MAX_V6;
    }

    /** <b>Sequence numbers {@code from..to}: that many probes per combination of the other ranges.</b> */
    public Probes seq(int from, int to) {
        return new Probes(base, targets, range("seq", from, to, 1, 0, 65535), sizes, ttls, tos, timeout, gap);
    }

    /** <b>Payload sizes {@code from, from+step, ... <= to}, filled as {@link Query#size(int)} fills them.</b> */
    public Probes size(int from, int to, int step) {
        return new Probes(base, targets, seqs, range("size", from, to, step, 0, maxSize()), ttls, tos, timeout, gap);
    }

    /** <b>These payload sizes.</b> */
    public Probes sizes(int... sizes) {
        return new Probes(base, targets, seqs, values("size", sizes, 0, maxSize()), ttls, tos, timeout, gap);
    }

    /** <b>TTLs / hop limits {@code from..to} (1..255).</b> */
    public Probes ttl(int from, int to) {
        return new Probes(base, targets, seqs, sizes, range("ttl", from, to, 1, 1, 255), tos, timeout, gap);
    }

    /** <b>These TTLs / hop limits.</b> */
    public Probes ttls(int... ttls) {
        return new Probes(base, targets, seqs, sizes, values("ttl", ttls, 1, 255), tos, timeout, gap);
    }

    /** <b>These TOS / traffic class values (0..255).</b> */
    public Probes tos(int... tos) {
        return new Probes(base, targets, seqs, sizes, ttls, values("tos", tos, 0, 255), timeout, gap);
    }

    /**
     * <b>These targets instead of the echo's: host names, addresses, or CIDR blocks of at most 65536 addresses
     * ({@code "198.19.0.0/30"}, {@code "2001:db8::/126"}), every address of a block included.</b>
     */
    public Probes targets(String... hosts) {
        if (hosts.length == 0) {
            throw new IllegalArgumentException("targets needs at least one host or CIDR block");
        }
        List<InetAddress> all = new ArrayList<>();
        for (String h : hosts) {
            all.addAll(expand(h));
        }
        return new Probes(base, all, seqs, sizes, ttls, tos, timeout, gap);
    }

    /** <b>How long each probe waits for an answer before it counts as lost.</b> */
    public Probes timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new Probes(base, targets, seqs, sizes, ttls, tos, timeout, gap);
    }

    /** <b>The least time between two sends (0 for as fast as the engine goes).</b> */
    public Probes gap(Duration gap) {
        Objects.requireNonNull(gap, "gap");
        if (gap.isNegative()) {
            throw new IllegalArgumentException("gap must be 0 or more, got " + gap);
        }
        return new Probes(base, targets, seqs, sizes, ttls, tos, timeout, gap);
    }

    static List<InetAddress> expand(String host) {
        int slash = host.indexOf('/');
        if (slash < 0) {
            return List.of(Hosts.resolve(host, 0));
        }
        InetAddress base;
        int prefix;
        try {
            base = InetAddress.getByName(host.substring(0, slash));
            prefix = Integer.parseInt(host.substring(slash + 1));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("target must be a host, an address or a CIDR block, got " + host);
        }
        if (!host.substring(0, slash).matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("a CIDR block needs an address before the /, got " + host);
        }
        int bits = base.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix length must be 0.." + bits + ", got " + prefix + " in " + host);
        }
        if (bits - prefix > 16) {
            throw new IllegalArgumentException("a CIDR block must hold at most 65536 addresses (/" + (bits - 16)
                    + " or longer), got " + host);
        }
        BigInteger start = new BigInteger(1, base.getAddress()).shiftRight(bits - prefix).shiftLeft(bits - prefix);
        int n = 1 << (bits - prefix);
        List<InetAddress> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] raw = start.add(BigInteger.valueOf(i)).toByteArray();
            byte[] a = new byte[bits / 8];
            int len = Math.min(raw.length, a.length);
            System.arraycopy(raw, raw.length - len, a, a.length - len, len);
            try {
                out.add(InetAddress.getByAddress(a));
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    /** <b>Every probe of the batch as an {@link Query}, in send order.</b> */
    public List<Query> list() {
        List<Query> out = new ArrayList<>();
        for (InetAddress t : targets) {
            Query e = t.equals(base.target()) ? base : retarget(t);
            for (int s : seqs) {
                for (int size : sizes) {
                    for (int ttl : ttls) {
                        for (int q : tos) {
                            Query p = e.seq(s).size(size);
                            p = ttl >= 0 ? p.ttl(ttl) : p;
                            out.add(q >= 0 ? p.tos(q) : p);
                        }
                    }
                }
            }
        }
        return out;
    }

    private Query retarget(InetAddress t) {
        Query e = Query.to(t).id(base.id()).seq(base.seq());
        if (!base.pattern().isEmpty()) {
            e = e.pattern(base.pattern());
        } else {
            e = e.payload(base.payload());
        }
        return e.dontFragment(base.dontFragment());
    }

    /** <b>How many probes the batch sends.</b> */
    public int count() {
        return targets.size() * seqs.length * sizes.length * ttls.length * tos.length;
    }

    /**
     * <b>Sends every probe in one engine run (one socket per family) and waits until each has ended: answered,
     * corrupted, an ICMP error, or lost at its timeout.</b>
     *
     * @throws IOException              if no ICMP socket can be opened (the message says how to get permission)
     * @throws IllegalArgumentException if the echo forces a checksum, type or code (those need {@link Query#send()})
     */
    public Results sendAll() throws IOException {
        // Any query with a reply type of its own (echo, timestamp, information, address mask) is matched by the
        // engine; an experiment's odd type, code or checksum is for a single send.
        boolean query = IcmpTypes.replyTo(base.family(), base.type()) >= 0
                && !IcmpTypes.isExtendedEcho(base.family(), base.type());
        if (base.checksumForced() || base.code() != 0 || !query) {
            throw new IllegalArgumentException("sendAll sends echo, timestamp, information and address mask requests;"
                    + " a forced checksum, another type or a code needs Echo.send(), got " + base);
        }
        List<Query> probes = list();
        Map<Integer, Query> sent = new HashMap<>();
        long[] sentAt = new long[probes.size()];
        ProbeResult[] results = new ProbeResult[probes.size()];
        Collector collector = new Collector(probes, sent, sentAt, results);
        // echo: each family's own (a batch may mix IPv4 and IPv6 targets); another query: its type
        boolean echo = base.type() == IcmpTypes.echoRequest(base.family());
        EngineOptions options = EngineOptions.defaults().minGap(gap).request(echo ? -1 : base.type(), 0);
        if (base.source().isPresent()) {
            options = options.source(base.source().get());
        }
        try (Engine engine = Engine.open(options)) {
            Map<InetAddress, ProbeTarget> byAddress = new LinkedHashMap<>();
            for (int i = 0; i < probes.size(); i++) {
                Query p = probes.get(i);
                ProbeTarget t = byAddress.get(p.target());
                if (t == null) {
                    t = engine.add(p.target(), TargetPlan.explicit());
                    byAddress.put(p.target(), t);
                }
                ProbeSpec spec = ProbeSpec.DEFAULT.payload(p.payload()).ttl(p.hasTtl() ? p.ttl() : -1)
                        .tos(p.hasTos() ? p.tos() : -1).timeout(timeout);
                engine.probe(t, spec, i + 1); // tag 0 is the engine's for scheduled probes
            }
            engine.run(collector);
        }
        return Results.of(Arrays.asList(results));
    }

    /** Turns the engine's events into one {@link ProbeResult} per probe (tag = index + 1). */
    private static final class Collector implements ProbeListener {
        private final List<Query> probes;
        private final Map<Integer, Query> wire;
        private final long[] sentAt;
        private final ProbeResult[] results;
        private final Map<Integer, ProbeEvent.Corrupted> corrupted = new HashMap<>();

        Collector(List<Query> probes, Map<Integer, Query> wire, long[] sentAt, ProbeResult[] results) {
            this.probes = probes;
            this.wire = wire;
            this.sentAt = sentAt;
            this.results = results;
        }

        @Override
        public boolean wantsMessages() {
            return true;
        }

        @Override
        public void onEvent(ProbeEvent event) {
            if (event.probe() == null || event.probe().tag() <= 0) {
                return;
            }
            int i = event.probe().tag() - 1;
            Query request = wire.computeIfAbsent(i, k -> probes.get(k).id(event.probe().id()).seq(event.probe().seq()));
            if (event instanceof ProbeEvent.Sent s) {
                sentAt[i] = s.sentAtNanos();
            } else if (event instanceof ProbeEvent.Answered a) {
                results[i] = new ProbeResult(request, sentAt[i], ProbeResult.Status.ANSWERED, a.from(), a.rttNanos(),
                        a.ttl(), a.message());
            } else if (event instanceof ProbeEvent.Corrupted c) {
                corrupted.putIfAbsent(i, c);
            } else if (event instanceof ProbeEvent.Failed f) {
                results[i] = new ProbeResult(request, sentAt[i], ProbeResult.Status.ERROR, f.reporter(), -1,
                        f.error().ttl(), f.error());
            } else if (event instanceof ProbeEvent.SendFailed f) {
                results[i] = new ProbeResult(request, sentAt[i], ProbeResult.Status.SEND_FAILED, null, -1, -1, null);
            } else if (event instanceof ProbeEvent.Lost) {
                ProbeEvent.Corrupted c = corrupted.get(i);
                results[i] = c == null
                        ? new ProbeResult(request, sentAt[i], ProbeResult.Status.LOST, null, -1, -1, null)
                        : new ProbeResult(request, sentAt[i], ProbeResult.Status.CORRUPTED, c.from(), c.rttNanos(),
                        c.ttl(), null);
            }
        }
    }

    /** <b>One line: {@code Probes: 8 to 198.51.100.2 size 0..1400 step 200}.</b> */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Probes: ").append(count()).append(" to ");
        sb.append(targets.size() == 1 ? Addresses.text(targets.get(0)) : targets.size() + " targets");
        axis(sb, "seq", seqs);
        axis(sb, "size", sizes);
        axis(sb, "ttl", ttls);
        axis(sb, "tos", tos);
        return sb.toString();
    }

    private static void axis(StringBuilder sb, String name, int[] v) {
        if (v.length == 1) {
            return; // a single value is the echo's own, shown by the echo
        }
        sb.append(' ').append(name).append(' ');
        if (v.length > 2 && isArithmetic(v)) {
            sb.append(v[0]).append("..").append(v[v.length - 1]);
            if (v[1] - v[0] != 1) {
                sb.append(" step ").append(v[1] - v[0]);
            }
        } else {
            sb.append(Arrays.toString(v).replace(" ", ""));
        }
    }

    private static boolean isArithmetic(int[] v) {
        for (int i = 2; i < v.length; i++) {
            if (v[i] - v[i - 1] != v[1] - v[0]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Probes p && base.equals(p.base) && targets.equals(p.targets) && Arrays.equals(seqs, p.seqs)
                && Arrays.equals(sizes, p.sizes) && Arrays.equals(ttls, p.ttls) && Arrays.equals(tos, p.tos)
                && timeout.equals(p.timeout) && gap.equals(p.gap);
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, targets, Arrays.hashCode(seqs), Arrays.hashCode(sizes), Arrays.hashCode(ttls),
                Arrays.hashCode(tos), timeout, gap);
    }
}
