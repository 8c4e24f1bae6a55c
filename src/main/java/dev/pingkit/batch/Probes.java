package dev.pingkit.batch;

import dev.pingkit.engine.Query;
import dev.pingkit.packet.EchoPayload;
import dev.pingkit.engine.AddressBlock;
import dev.pingkit.engine.Hosts;
import dev.pingkit.packet.Addresses;
import dev.pingkit.engine.Engine;
import dev.pingkit.engine.EngineFactory;
import dev.pingkit.engine.EngineOptions;
import dev.pingkit.engine.ProbeSpec;
import dev.pingkit.packet.IcmpTypes;
import dev.pingkit.engine.ProbeTarget;
import dev.pingkit.engine.Stop;
import dev.pingkit.engine.TargetPlan;
import java.io.IOException;
import java.net.InetAddress;
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
     * <b>These targets instead of the echo's: host names, addresses, or CIDR blocks ({@code "198.19.0.0/30"},
     * {@code "2001:db8::/126"}), every address of a block included</b> ({@link AddressBlock#whole}'s rules).
     */
    public Probes targets(String... hosts) {
        if (hosts.length == 0) {
            throw new IllegalArgumentException("targets needs at least one host or CIDR block");
        }
        List<InetAddress> all = new ArrayList<>();
        for (String h : hosts) {
            if (h.indexOf('/') < 0) {
                all.add(Hosts.resolve(h, 0));
                continue;
            }
            List<InetAddress> block = AddressBlock.whole(h).hosts();
            if (all.size() + block.size() > MAX_PROBES) { // before a million addresses are made
                throw new IllegalArgumentException("a batch must be at most " + MAX_PROBES + " probes, got "
                        + (all.size() + block.size()) + " targets");
            }
            all.addAll(block);
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
     * corrupted, an ICMP error, or lost at its timeout.</b> The probes go out as asked: with the echo's identifier
     * (a raw socket's; a datagram socket's kernel writes its own; where none was set, one the engine chooses), its
     * sequence numbers when they count up by one in
     * send order, its forced checksum (IPv4), type and code. Where the sequence numbers repeat or jump (a size range
     * at one seq, several targets) the engine numbers the batch 1, 2, ... in send order instead;
     * {@link Results#numbering()} says which happened.
     *
     * @throws IOException              if no ICMP socket can be opened (the message says how to get permission)
     * @throws IllegalArgumentException if the checksum is forced on ICMPv6 (the kernel writes it)
     */
    public Results sendAll() throws IOException {
        return sendAll(EngineOptions.defaults(), new Stop());
    }

    /**
     * <b>As {@link #sendAll()}, until every probe has ended or {@code stop} is used</b>; after a stop the results
     * hold the probes that ended before it, in send order (one cut short by the stop is left out, not counted lost).
     *
     * @throws IOException              if no ICMP socket can be opened (the message says how to get permission)
     * @throws IllegalArgumentException if the checksum is forced on ICMPv6 (the kernel writes it)
     */
    public Results sendAll(Stop stop) throws IOException {
        return sendAll(EngineOptions.defaults(), stop);
    }

    /**
     * <b>As {@link #sendAll(Stop)} over sockets of {@code options}</b> (raw or datagram; the batch's gap replaces
     * theirs).
     *
     * @throws IOException              if no ICMP socket can be opened (the message says how to get permission)
     * @throws IllegalArgumentException if the checksum is forced on ICMPv6 (the kernel writes it)
     */
    public Results sendAll(EngineOptions options, Stop stop) throws IOException {
        return sendAll(options, stop, EngineFactory.SYSTEM);
    }

    /** As {@link #sendAll(Stop)} on engines from {@code engines}: every mode's seam, for a fake network and clock. */
    Results sendAll(Stop stop, EngineFactory engines) throws IOException {
        return sendAll(EngineOptions.defaults(), stop, engines);
    }

    private Results sendAll(EngineOptions options, Stop stop, EngineFactory engines) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(engines, "engines");
        if (IcmpTypes.isExtendedEcho(base.family(), base.type())) {
            throw new IllegalArgumentException("sendAll does not send PROBE (extended echo) requests: they name an "
                    + "interface, which InterfaceProbe does; got " + base);
        }
        boolean v6 = targets.stream().anyMatch(t -> t.getAddress().length == 16);
        if (base.checksumForced() && v6) {
            throw new IllegalArgumentException("checksum cannot be forced over an ICMPv6 socket (the kernel computes"
                    + " it), got 0x" + Integer.toHexString(base.checksum()));
        }
        List<Query> probes = list();
        Map<Integer, Query> sent = new HashMap<>();
        ProbeResult[] results = new ProbeResult[probes.size()];
        BatchCollector collector = new BatchCollector(probes, sent, results);
        // An echo whose id nobody set carries the process id: there the engine chooses, one no other run of this
        // process holds (two runs sharing one would take each other's replies), and the results say so.
        boolean defaultId = base.id() == (int) (ProcessHandle.current().pid() & 0xffff);
        options = defaultId ? options.gap(gap) : options.gap(gap).identifier(base.id());
        if (base.type() != (base.family() == 6 ? 128 : 8) || base.code() != 0) {
            options = options.request(base.type(), base.code());
        }
        if (base.source().isPresent()) {
            options = options.source(base.source().get());
        }
        String seqNote = Numbering.seqNote(probes);
        String idNote = "";
        try (Engine engine = engines.open(options)) {
            if (seqNote.isEmpty() && !probes.isEmpty()) {
                engine.firstSequence(probes.get(0).seq());
            }
            Map<InetAddress, ProbeTarget> byAddress = new LinkedHashMap<>();
            Runnable hook = engine::stop;
            stop.onStop(hook);
            try {
                if (!stop.stopped()) {
                    queue(engine, probes, byAddress);
                    engine.run(collector);
                }
            } catch (IllegalStateException e) {
                if (!stop.stopped()) {
                    throw e;
                }
                // stopped while the probes were queued: the engine took no more
            } finally {
                stop.forget(hook);
            }
            for (InetAddress t : byAddress.keySet()) {
                int carried = engine.identifier(t);
                if (carried >= 0 && !engine.raw(t) && carried != base.id()) {
                    idNote = "id " + carried + " chosen by the kernel (a datagram socket writes its own), not "
                            + base.id();
                } else if (carried >= 0 && engine.raw(t) && defaultId) {
                    idNote = "id " + carried + " chosen by the engine (none was set)";
                }
            }
        }
        String note = String.join("; ", java.util.stream.Stream.of(idNote, seqNote).filter(n -> !n.isEmpty())
                .toList());
        return Results.of(Arrays.stream(results).filter(Objects::nonNull).toList()).numbered(note);
    }

    /** Every probe of the batch, explicit probes of the engine's targets (one per address), in send order. */
    private void queue(Engine engine, List<Query> probes, Map<InetAddress, ProbeTarget> byAddress)
            throws IOException {
        for (int i = 0; i < probes.size(); i++) {
            Query p = probes.get(i);
            ProbeTarget t = byAddress.get(p.target());
            if (t == null) {
                t = engine.add(p.target(), TargetPlan.explicit());
                byAddress.put(p.target(), t);
            }
            ProbeSpec spec = ProbeSpec.DEFAULT.payload(p.payload()).ttl(p.hasTtl() ? p.ttl() : -1)
                    .tos(p.hasTos() ? p.tos() : -1).timeout(timeout);
            engine.probe(t, base.checksumForced() ? spec.checksum(base.checksum()) : spec, i + 1);
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
